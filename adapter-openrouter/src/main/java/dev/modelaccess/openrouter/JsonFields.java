package dev.modelaccess.openrouter;

import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * The typed field readers {@link ModelEntryReader} reads an entry with: each returns the value, {@code null} (or
 * empty) when the field is absent, or throws an {@link EntryProblem} saying which field is wrong and how.
 */
final class JsonFields {

    /** Longest decimal string accepted as a price. */
    static final int MAX_PRICE_LENGTH = 100;

    /** Largest decimal scale (either sign) accepted as a price; keeps absurd exponents out of the database. */
    static final int MAX_PRICE_SCALE = 1000;

    /** What {@link java.math.BigDecimal#BigDecimal(String)} accepts, minus anything a price never looks like. */
    private static final Pattern DECIMAL =
            Pattern.compile("[+-]?(?:[0-9]+(?:\\.[0-9]*)?|\\.[0-9]+)(?:[eE][+-]?[0-9]+)?");

    private JsonFields() {}

    /**
     * A price or condition as an exact decimal: from a decimal string ({@code "0.000001"}, {@code "-1"}) or a JSON
     * number, by its text. {@code null} when the value is {@code null}, or when it is an unknown component that is
     * not numeric at all (it is still kept in the raw JSON). A known component of the wrong type is a problem.
     */
    static @Nullable BigDecimal decimalOrNull(JsonNode value, String path, boolean known) {
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

    static @Nullable String optionalString(JsonNode parent, String field, String prefix) {
        JsonNode node = parent.get(field);
        if (absent(node)) {
            return null;
        }
        if (!node.isString()) {
            throw new EntryProblem(prefix + field + " is " + describe(node) + ", not a string");
        }
        return node.stringValue();
    }

    static List<String> stringList(JsonNode parent, String field, String prefix) {
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
    static @Nullable Long optionalCount(JsonNode parent, String field, String prefix) {
        Long value = optionalWholeNumber(parent, field, prefix);
        if (value != null && value < 0) {
            throw new EntryProblem(prefix + field + " is negative: " + value);
        }
        return value;
    }

    static @Nullable Instant optionalEpochSeconds(JsonNode parent, String field) {
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

    static @Nullable Long optionalWholeNumber(JsonNode parent, String field, String prefix) {
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
    static void checkStorableText(JsonNode node, String path) {
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

    static void checkStorableText(String text, String path) {
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

    static String where(String path) {
        return path.isEmpty() ? "the entry" : abbreviate(path.substring(1), 80);
    }

    static String canonical(JsonNode entry) {
        try {
            return Json.canonical(entry);
        } catch (JacksonException e) {
            throw new EntryProblem("cannot be written back as JSON: " + e.getOriginalMessage());
        }
    }

    static void requireObject(JsonNode node, String path) {
        if (!node.isObject()) {
            throw new EntryProblem(path + " is " + describe(node) + ", not an object");
        }
    }

    static boolean absent(@Nullable JsonNode node) {
        return node == null || node.isNull() || node.isMissingNode();
    }

    static String describe(JsonNode node) {
        return switch (node.getNodeType()) {
            case NULL -> "null";
            case STRING -> "a string";
            case NUMBER -> "a number";
            case BOOLEAN -> "a boolean";
            case ARRAY -> "an array";
            case OBJECT -> "an object";
            default -> "something else";
        };
    }

    static String abbreviate(String value, int max) {
        return value.length() <= max ? value : value.substring(0, max) + "…";
    }

    /** Why an entry cannot be read. Control flow inside the entry reader only, so no stack trace. */
    static final class EntryProblem extends RuntimeException {

        private static final long serialVersionUID = 1L;

        EntryProblem(String message) {
            super(message, null, false, false);
        }
    }
}
