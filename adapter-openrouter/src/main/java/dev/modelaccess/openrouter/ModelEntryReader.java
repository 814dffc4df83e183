package dev.modelaccess.openrouter;

import dev.modelaccess.core.catalog.Architecture;
import dev.modelaccess.core.catalog.Pricing;
import dev.modelaccess.core.catalog.TopProvider;
import dev.modelaccess.core.catalog.UpstreamModel;
import dev.modelaccess.core.sync.InvalidEntry;
import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * Reads one entry of {@code GET /models}'s {@code data} array into an {@link UpstreamModel}, or explains why it
 * cannot: a malformed entry becomes an {@link InvalidEntry}, never a failed run.
 *
 * <p>Strict about types (a string where a number belongs, a price that is not a decimal), tolerant about
 * presence: every field but {@code id} and {@code pricing.prompt}/{@code pricing.completion} may be missing or
 * {@code null}. A missing price list is refused rather than read as "free".
 */
final class ModelEntryReader {

    /** Longest id accepted; OpenRouter's ids are well under 100 characters. */
    static final int MAX_ID_LENGTH = 256;

    /** Longest decimal string accepted as a price. */
    static final int MAX_PRICE_LENGTH = 100;

    /** Largest decimal scale (either sign) accepted as a price; keeps absurd exponents out of the database. */
    static final int MAX_PRICE_SCALE = 1000;

    /** What {@link java.math.BigDecimal#BigDecimal(String)} accepts, minus anything a price never looks like. */
    private static final Pattern DECIMAL =
            Pattern.compile("[+-]?(?:[0-9]+(?:\\.[0-9]*)?|\\.[0-9]+)(?:[eE][+-]?[0-9]+)?");

    /** The documented scalar price components; a wrong type in one of them makes the entry invalid. */
    private static final Set<String> KNOWN_COMPONENTS = Set.of(
            "prompt",
            "completion",
            "request",
            "image",
            "image_output",
            "image_token",
            "web_search",
            "internal_reasoning",
            "input_cache_read",
            "input_cache_write",
            "input_cache_write_1h",
            "input_audio_cache",
            "audio",
            "audio_output",
            "discount");

    /** The documented fields of a {@code pricing.overrides} entry. */
    private static final Set<String> KNOWN_OVERRIDE_FIELDS = Set.of(
            "prompt",
            "completion",
            "audio",
            "input_audio_cache",
            "input_cache_read",
            "input_cache_write",
            "input_cache_write_1h",
            "min_prompt_tokens",
            "utc_start",
            "utc_end");

    private ModelEntryReader() {}

    /** One entry read, either way. */
    sealed interface Result {
        record Readable(UpstreamModel model) implements Result {}

        record Unreadable(InvalidEntry entry) implements Result {}
    }

    static Result read(JsonNode entry, int index) {
        if (!entry.isObject()) {
            return unreadable(null, "entry #" + index + " is " + describe(entry) + ", not an object");
        }
        JsonNode idNode = entry.get("id");
        if (idNode == null || idNode.isNull()) {
            return unreadable(null, "entry #" + index + " has no id");
        }
        if (!idNode.isString()) {
            return unreadable(null, "entry #" + index + " has an id that is " + describe(idNode) + ", not a string");
        }
        String id = idNode.stringValue();
        String idProblem = idProblem(id);
        if (idProblem != null) {
            return unreadable(id.isBlank() ? null : abbreviate(id, 200), "entry #" + index + " " + idProblem);
        }
        try {
            return new Result.Readable(toModel(id, entry));
        } catch (EntryProblem problem) {
            return unreadable(id, "model '" + id + "': " + problem.getMessage());
        }
    }

    private static @Nullable String idProblem(String id) {
        if (id.isBlank()) {
            return "has a blank id";
        }
        if (id.length() > MAX_ID_LENGTH) {
            return "has an id longer than " + MAX_ID_LENGTH + " characters";
        }
        for (int i = 0; i < id.length(); i++) {
            char c = id.charAt(i);
            if (Character.isWhitespace(c) || Character.isISOControl(c) || Character.isSurrogate(c)) {
                return "has an id with white space, a control character or a surrogate (at position " + i + ")";
            }
        }
        return null;
    }

    private static UpstreamModel toModel(String id, JsonNode entry) {
        checkStorableText(entry, "");
        return new UpstreamModel(
                id,
                optionalString(entry, "canonical_slug", ""),
                optionalString(entry, "name", ""),
                optionalString(entry, "description", ""),
                optionalEpochSeconds(entry, "created"),
                optionalCount(entry, "context_length", ""),
                architecture(entry.get("architecture")),
                topProvider(entry.get("top_provider")),
                stringList(entry, "supported_parameters", ""),
                optionalString(entry, "hugging_face_id", ""),
                optionalString(entry, "expiration_date", ""),
                optionalString(entry, "knowledge_cutoff", ""),
                pricing(entry.get("pricing")),
                canonical(entry));
    }

    private static Architecture architecture(@Nullable JsonNode node) {
        if (absent(node)) {
            return Architecture.UNKNOWN;
        }
        requireObject(node, "architecture");
        return new Architecture(
                optionalString(node, "modality", "architecture."),
                stringList(node, "input_modalities", "architecture."),
                stringList(node, "output_modalities", "architecture."),
                optionalString(node, "tokenizer", "architecture."),
                optionalString(node, "instruct_type", "architecture."));
    }

    private static TopProvider topProvider(@Nullable JsonNode node) {
        if (absent(node)) {
            return TopProvider.UNKNOWN;
        }
        requireObject(node, "top_provider");
        JsonNode moderated = node.get("is_moderated");
        Boolean isModerated = null;
        if (!absent(moderated)) {
            if (!moderated.isBoolean()) {
                throw new EntryProblem("top_provider.is_moderated is " + describe(moderated) + ", not a boolean");
            }
            isModerated = moderated.booleanValue();
        }
        return new TopProvider(
                optionalCount(node, "context_length", "top_provider."),
                optionalCount(node, "max_completion_tokens", "top_provider."),
                isModerated);
    }

    private static Pricing pricing(@Nullable JsonNode node) {
        if (absent(node)) {
            throw new EntryProblem("has no pricing (a model without a price list is not read as free)");
        }
        requireObject(node, "pricing");
        SortedMap<String, BigDecimal> components = new TreeMap<>();
        List<SortedMap<String, BigDecimal>> overrides = List.of();
        for (Map.Entry<String, JsonNode> property : node.properties()) {
            String name = property.getKey();
            JsonNode value = property.getValue();
            if (name.equals("overrides")) {
                overrides = overrides(value);
                continue;
            }
            BigDecimal price = decimalOrNull(value, "pricing." + name, KNOWN_COMPONENTS.contains(name));
            if (price != null) {
                components.put(name, price);
            }
        }
        for (String required : List.of("prompt", "completion")) {
            if (!components.containsKey(required)) {
                throw new EntryProblem("pricing has no " + required + " price");
            }
        }
        return new Pricing(components, overrides);
    }

    private static List<SortedMap<String, BigDecimal>> overrides(JsonNode node) {
        if (node.isNull()) {
            return List.of();
        }
        if (!node.isArray()) {
            throw new EntryProblem("pricing.overrides is " + describe(node) + ", not an array");
        }
        List<SortedMap<String, BigDecimal>> overrides = new ArrayList<>(node.size());
        int index = 0;
        for (JsonNode override : node.values()) {
            String path = "pricing.overrides[" + index++ + "]";
            requireObject(override, path);
            SortedMap<String, BigDecimal> fields = new TreeMap<>();
            for (Map.Entry<String, JsonNode> property : override.properties()) {
                String name = property.getKey();
                BigDecimal value =
                        decimalOrNull(property.getValue(), path + "." + name, KNOWN_OVERRIDE_FIELDS.contains(name));
                if (value != null) {
                    fields.put(name, value);
                }
            }
            overrides.add(fields);
        }
        return overrides;
    }

    /**
     * A price or condition as an exact decimal: from a decimal string ({@code "0.000001"}, {@code "-1"}) or a JSON
     * number, by its text. {@code null} when the value is {@code null}, or when it is an unknown component that is
     * not numeric at all (it is still kept in the raw JSON). A known component of the wrong type is a problem.
     */
    private static @Nullable BigDecimal decimalOrNull(JsonNode value, String path, boolean known) {
        if (value.isNull()) {
            return null;
        }
        BigDecimal decimal;
        if (value.isNumber()) {
            decimal = value.decimalValue();
        } else if (value.isString()) {
            String text = value.stringValue();
            if (text.length() > MAX_PRICE_LENGTH || !DECIMAL.matcher(text).matches()) {
                if (!known) {
                    return null;
                }
                throw new EntryProblem(path + " is not a decimal: \"" + abbreviate(text, 40) + "\"");
            }
            try {
                decimal = new BigDecimal(text);
            } catch (NumberFormatException e) {
                throw new EntryProblem(path + " is not a decimal in range: \"" + abbreviate(text, 40) + "\"");
            }
        } else {
            if (!known) {
                return null;
            }
            throw new EntryProblem(path + " is " + describe(value) + ", not a decimal");
        }
        if (Math.abs((long) decimal.scale()) > MAX_PRICE_SCALE) {
            throw new EntryProblem(path + " has an unreasonable exponent");
        }
        return decimal;
    }

    private static @Nullable String optionalString(JsonNode parent, String field, String prefix) {
        JsonNode node = parent.get(field);
        if (absent(node)) {
            return null;
        }
        if (!node.isString()) {
            throw new EntryProblem(prefix + field + " is " + describe(node) + ", not a string");
        }
        return node.stringValue();
    }

    private static List<String> stringList(JsonNode parent, String field, String prefix) {
        JsonNode node = parent.get(field);
        if (absent(node)) {
            return List.of();
        }
        if (!node.isArray()) {
            throw new EntryProblem(prefix + field + " is " + describe(node) + ", not an array");
        }
        List<String> values = new ArrayList<>(node.size());
        for (JsonNode element : node.values()) {
            if (!element.isString()) {
                throw new EntryProblem(prefix + field + " holds " + describe(element) + ", not only strings");
            }
            values.add(element.stringValue());
        }
        return values;
    }

    /** A whole, non-negative number of tokens; {@code 128000.0} is accepted, {@code 1.5} and {@code -1} are not. */
    private static @Nullable Long optionalCount(JsonNode parent, String field, String prefix) {
        Long value = optionalWholeNumber(parent, field, prefix);
        if (value != null && value < 0) {
            throw new EntryProblem(prefix + field + " is negative: " + value);
        }
        return value;
    }

    private static @Nullable Instant optionalEpochSeconds(JsonNode parent, String field) {
        Long seconds = optionalWholeNumber(parent, field, "");
        if (seconds == null) {
            return null;
        }
        try {
            return Instant.ofEpochSecond(seconds);
        } catch (DateTimeException e) {
            throw new EntryProblem(field + " is out of range: " + seconds);
        }
    }

    private static @Nullable Long optionalWholeNumber(JsonNode parent, String field, String prefix) {
        JsonNode node = parent.get(field);
        if (absent(node)) {
            return null;
        }
        if (!node.isNumber()) {
            throw new EntryProblem(prefix + field + " is " + describe(node) + ", not a number");
        }
        if (node.isIntegralNumber() && node.canConvertToLong()) {
            return node.longValue();
        }
        try {
            return node.decimalValue().longValueExact();
        } catch (ArithmeticException e) {
            throw new EntryProblem(
                    prefix + field + " is not a whole number in range: " + abbreviate(node.asString(), 40));
        }
    }

    /**
     * PostgreSQL cannot store a NUL character in text or {@code jsonb}, and an unpaired UTF-16 surrogate is not
     * text at all: an entry carrying either anywhere (names included) is refused as a whole.
     */
    private static void checkStorableText(JsonNode node, String path) {
        if (node.isString()) {
            checkStorableText(node.stringValue(), path);
        } else if (node.isObject()) {
            for (Map.Entry<String, JsonNode> property : node.properties()) {
                checkStorableText(property.getKey(), path + "." + property.getKey());
                checkStorableText(property.getValue(), path + "." + property.getKey());
            }
        } else if (node.isArray()) {
            int index = 0;
            for (JsonNode element : node.values()) {
                checkStorableText(element, path + "[" + index++ + "]");
            }
        }
    }

    private static void checkStorableText(String text, String path) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\u0000') {
                throw new EntryProblem(where(path) + " holds a NUL character");
            }
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                throw new EntryProblem(where(path) + " holds an unpaired UTF-16 surrogate");
            }
        }
    }

    private static String where(String path) {
        return path.isEmpty() ? "the entry" : abbreviate(path.substring(1), 80);
    }

    private static String canonical(JsonNode entry) {
        try {
            return Json.canonical(entry);
        } catch (JacksonException e) {
            throw new EntryProblem("cannot be written back as JSON: " + e.getOriginalMessage());
        }
    }

    private static void requireObject(JsonNode node, String path) {
        if (!node.isObject()) {
            throw new EntryProblem(path + " is " + describe(node) + ", not an object");
        }
    }

    private static boolean absent(@Nullable JsonNode node) {
        return node == null || node.isNull() || node.isMissingNode();
    }

    static String describe(JsonNode node) {
        if (node.isNull()) {
            return "null";
        }
        if (node.isString()) {
            return "a string";
        }
        if (node.isNumber()) {
            return "a number";
        }
        if (node.isBoolean()) {
            return "a boolean";
        }
        if (node.isArray()) {
            return "an array";
        }
        if (node.isObject()) {
            return "an object";
        }
        return "something else";
    }

    static String abbreviate(String value, int max) {
        return value.length() <= max ? value : value.substring(0, max) + "…";
    }

    private static Result unreadable(@Nullable String id, String reason) {
        return new Result.Unreadable(new InvalidEntry(id, reason));
    }

    /** Why an entry cannot be read. Control flow inside this class only, so no stack trace. */
    private static final class EntryProblem extends RuntimeException {

        private static final long serialVersionUID = 1L;

        EntryProblem(String message) {
            super(message, null, false, false);
        }
    }
}
