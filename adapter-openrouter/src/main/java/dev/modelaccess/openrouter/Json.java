package dev.modelaccess.openrouter;

import tools.jackson.core.StreamWriteFeature;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.cfg.JsonNodeFeature;
import tools.jackson.databind.json.JsonMapper;

/** The one Jackson configuration of the adapter. */
final class Json {

    /**
     * Reads floating-point numbers as {@code BigDecimal} (never through {@code double}) and keeps their trailing
     * zeros; refuses trailing garbage after the document; writes objects with their keys sorted and decimals
     * without exponent, so that the same content always gives the same text.
     */
    static final JsonMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(JsonNodeFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
            .enable(JsonNodeFeature.WRITE_PROPERTIES_SORTED)
            .enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN)
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .build();

    private Json() {}

    /**
     * The canonical text of a JSON value: object keys sorted at every level, no insignificant white space,
     * decimals written plainly (as upstream writes them, trailing zeros kept).
     */
    static String canonical(JsonNode node) {
        return MAPPER.writeValueAsString(node);
    }
}
