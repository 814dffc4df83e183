package dev.modelaccess.jooq;

import dev.modelaccess.core.catalog.Pricing;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.cfg.JsonNodeFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The JSON this adapter writes and reads back, through Jackson: {@code pricing} and the event values.
 *
 * <p>{@code pricing} is an object of decimal strings, each exactly as {@link BigDecimal#toPlainString()} gives it (so
 * the scale survives: {@code "0.0000010"} stays {@code 0.0000010}), plus {@code "overrides"}: an array of such objects
 * when upstream sent any. Event values are flat objects of strings, keys sorted.
 */
final class StoredJson {

    static final String OVERRIDES = "overrides";

    /**
     * Numbers read exactly (never through {@code double}), trailing zeros kept; what follows a document is checked
     * by {@link #object} itself.
     */
    private static final JsonMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .disable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(JsonNodeFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
            .build();

    private StoredJson() {}

    /** A notice's data (maps, lists, strings, numbers, booleans, nulls) as a JSON object, in its own order. */
    static String tree(Map<String, ? extends @org.jspecify.annotations.Nullable Object> data) {
        return MAPPER.writeValueAsString(data);
    }

    static String pricing(Pricing pricing) {
        ObjectNode json = decimals(pricing.components());
        if (!pricing.overrides().isEmpty()) {
            pricing.overrides().forEach(override -> json.withArray(OVERRIDES).add(decimals(override)));
        }
        return MAPPER.writeValueAsString(json);
    }

    static Pricing pricing(String json) {
        SortedMap<String, BigDecimal> components = new TreeMap<>();
        List<SortedMap<String, BigDecimal>> overrides = new ArrayList<>();
        for (Map.Entry<String, JsonNode> member : object(json).properties()) {
            if (OVERRIDES.equals(member.getKey()) && member.getValue().isArray()) {
                member.getValue().forEach(override -> {
                    if (override.isObject()) {
                        overrides.add(decimals(override));
                    }
                });
            } else {
                putDecimal(components, member.getKey(), member.getValue());
            }
        }
        return new Pricing(components, overrides);
    }

    /** A flat object of texts, keys sorted ({@code model_access_events} values). */
    static String texts(Map<String, String> values) {
        ObjectNode json = MAPPER.createObjectNode();
        new TreeMap<>(values).forEach(json::put);
        return MAPPER.writeValueAsString(json);
    }

    /** An object's members as texts: strings as they are, numbers plainly, anything else as its text. */
    static SortedMap<String, String> texts(String json) {
        SortedMap<String, String> values = new TreeMap<>();
        for (Map.Entry<String, JsonNode> member : object(json).properties()) {
            JsonNode value = member.getValue();
            values.put(
                    member.getKey(),
                    value.isString()
                            ? value.asString()
                            : value.isNumber()
                                    ? value.decimalValue().toPlainString()
                                    : String.valueOf(MAPPER.treeToValue(value, Object.class)));
        }
        return values;
    }

    /**
     * A PostgreSQL array literal ({@code {"a","b"}}) for a {@code text[]} value, every element quoted. (A {@code
     * text[]} column cannot travel as an element of a typed array parameter: {@code unnest} flattens a
     * two-dimensional array.)
     */
    static String textArray(List<String> values) {
        StringBuilder literal = new StringBuilder("{");
        for (String value : values) {
            if (literal.length() > 1) {
                literal.append(',');
            }
            literal.append('"')
                    .append(value.replace("\\", "\\\\").replace("\"", "\\\""))
                    .append('"');
        }
        return literal.append('}').toString();
    }

    private static ObjectNode decimals(Map<String, BigDecimal> values) {
        ObjectNode json = MAPPER.createObjectNode();
        values.forEach((name, value) -> json.put(name, value.toPlainString()));
        return json;
    }

    private static SortedMap<String, BigDecimal> decimals(JsonNode json) {
        SortedMap<String, BigDecimal> values = new TreeMap<>();
        json.properties().forEach(member -> putDecimal(values, member.getKey(), member.getValue()));
        return values;
    }

    /** Decimal strings as written by this adapter; JSON numbers too, for rows edited by hand. */
    private static void putDecimal(Map<String, BigDecimal> values, String name, JsonNode value) {
        if (value.isString() && !value.asString().isBlank()) {
            values.put(name, new BigDecimal(value.asString().trim()));
        } else if (value.isNumber()) {
            values.put(name, value.decimalValue());
        }
    }

    /** One JSON object and nothing after it, or an {@link IllegalArgumentException}. */
    private static JsonNode object(String json) {
        JsonNode node;
        try (JsonParser parser = MAPPER.createParser(json)) {
            node = MAPPER.readTree(parser);
            if (node != null && node.isObject() && atEnd(parser)) {
                return node;
            }
        } catch (JacksonException e) {
            throw new IllegalArgumentException("Not JSON: " + e.getOriginalMessage() + " in " + abbreviate(json), e);
        }
        if (node == null || node.isMissingNode()) {
            throw new IllegalArgumentException("Not JSON: expected a value in " + abbreviate(json));
        }
        throw new IllegalArgumentException("Not a JSON object: " + abbreviate(json));
    }

    private static boolean atEnd(JsonParser parser) {
        try {
            return parser.nextToken() == null;
        } catch (JacksonException e) {
            return false;
        }
    }

    private static String abbreviate(String json) {
        return json.length() <= 200 ? json : json.substring(0, 200) + "…";
    }
}
