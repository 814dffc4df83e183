package dev.modelaccess.jooq;

import dev.modelaccess.core.catalog.Pricing;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * The little JSON this adapter writes and reads back: {@code pricing} and the event values. (A JSON library would be
 * one more dependency for a few flat objects; jOOQ's bundled {@code org.jooq.tools.json} is deprecated for removal.)
 *
 * <p>{@code pricing} is an object of decimal strings, each exactly as {@link BigDecimal#toPlainString()} gives it (so
 * the scale survives: {@code "0.0000010"} stays {@code 0.0000010}), plus {@code "overrides"}: an array of such objects
 * when upstream sent any. Event values are flat objects of strings.
 */
final class JsonText {

    static final String OVERRIDES = "overrides";

    private JsonText() {}

    static String pricing(Pricing pricing) {
        StringBuilder json = new StringBuilder(64 + 48 * pricing.components().size());
        decimals(json, pricing.components());
        if (!pricing.overrides().isEmpty()) {
            json.setLength(json.length() - 1);
            member(json, OVERRIDES).append('[');
            for (int i = 0; i < pricing.overrides().size(); i++) {
                if (i > 0) {
                    json.append(',');
                }
                decimals(json, pricing.overrides().get(i));
            }
            json.append("]}");
        }
        return json.toString();
    }

    static Pricing pricing(String json) {
        SortedMap<String, BigDecimal> components = new TreeMap<>();
        List<SortedMap<String, BigDecimal>> overrides = new ArrayList<>();
        for (Map.Entry<String, @Nullable Object> entry : object(json).entrySet()) {
            if (OVERRIDES.equals(entry.getKey()) && entry.getValue() instanceof List<?> list) {
                for (Object override : list) {
                    if (override instanceof Map<?, ?> map) {
                        overrides.add(decimals(map));
                    }
                }
            } else {
                BigDecimal value = decimal(entry.getValue());
                if (value != null) {
                    components.put(entry.getKey(), value);
                }
            }
        }
        return new Pricing(components, overrides);
    }

    /** A flat object of texts, keys sorted ({@code model_access_events} values). */
    static String texts(Map<String, String> values) {
        StringBuilder json = new StringBuilder(32 * (values.size() + 1)).append('{');
        new TreeMap<>(values).forEach((name, value) -> quote(member(json, name), value));
        return json.append('}').toString();
    }

    static SortedMap<String, String> texts(String json) {
        SortedMap<String, String> values = new TreeMap<>();
        object(json)
                .forEach((key, value) ->
                        values.put(key, value instanceof BigDecimal d ? d.toPlainString() : String.valueOf(value)));
        return values;
    }

    /** A PostgreSQL array literal ({@code {"a","b"}}) for a {@code text[]} value, every element quoted. */
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

    // --- writing ---

    private static void decimals(StringBuilder json, Map<String, BigDecimal> values) {
        json.append('{');
        values.forEach((name, value) ->
                member(json, name).append('"').append(value.toPlainString()).append('"'));
        json.append('}');
    }

    /** Appends {@code "name":}, after a comma unless it is the object's first member. */
    private static StringBuilder member(StringBuilder json, String name) {
        if (json.charAt(json.length() - 1) != '{') {
            json.append(',');
        }
        return quote(json, name).append(':');
    }

    /** Appends {@code value} as a JSON string (RFC 8259 escaping). */
    private static StringBuilder quote(StringBuilder json, String value) {
        json.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> json.append("\\\"");
                case '\\' -> json.append("\\\\");
                case '\n' -> json.append("\\n");
                case '\r' -> json.append("\\r");
                case '\t' -> json.append("\\t");
                case '\b' -> json.append("\\b");
                case '\f' -> json.append("\\f");
                default -> {
                    if (c < 0x20) {
                        json.append("\\u00")
                                .append(Character.forDigit(c >> 4, 16))
                                .append(Character.forDigit(c & 0xf, 16));
                    } else {
                        json.append(c);
                    }
                }
            }
        }
        return json.append('"');
    }

    // --- reading ---

    private static SortedMap<String, BigDecimal> decimals(Map<?, ?> json) {
        SortedMap<String, BigDecimal> values = new TreeMap<>();
        json.forEach((name, value) -> {
            BigDecimal decimal = decimal(value);
            if (decimal != null) {
                values.put(String.valueOf(name), decimal);
            }
        });
        return values;
    }

    /** Decimal strings as written by this adapter; JSON numbers too, for rows edited by hand. */
    private static @Nullable BigDecimal decimal(@Nullable Object value) {
        if (value instanceof String text && !text.isBlank()) {
            return new BigDecimal(text.trim());
        }
        return value instanceof BigDecimal number ? number : null;
    }

    private static Map<String, @Nullable Object> object(String json) {
        Parser parser = new Parser(json);
        if (parser.value() instanceof Map<?, ?> map && parser.atEnd()) {
            @SuppressWarnings("unchecked")
            Map<String, @Nullable Object> object = (Map<String, @Nullable Object>) map;
            return object;
        }
        throw new IllegalArgumentException("Not a JSON object: " + abbreviate(json));
    }

    /**
     * A strict RFC 8259 parser: objects become {@link LinkedHashMap}s, arrays {@link ArrayList}s, numbers {@link
     * BigDecimal}s (exact), plus strings, booleans and {@code null}.
     */
    private static final class Parser {

        private final String text;
        private int at;

        Parser(String text) {
            this.text = text;
        }

        @Nullable
        Object value() {
            skipWhitespace();
            if (at >= text.length()) {
                throw error("a value");
            }
            char c = text.charAt(at);
            return switch (c) {
                case '{' -> object();
                case '[' -> array();
                case '"' -> string();
                case 't' -> literal("true", Boolean.TRUE);
                case 'f' -> literal("false", Boolean.FALSE);
                case 'n' -> literal("null", null);
                default -> number();
            };
        }

        boolean atEnd() {
            skipWhitespace();
            return at == text.length();
        }

        private Map<String, @Nullable Object> object() {
            Map<String, @Nullable Object> object = new LinkedHashMap<>();
            at++;
            skipWhitespace();
            if (peek() == '}') {
                at++;
                return object;
            }
            while (true) {
                skipWhitespace();
                if (peek() != '"') {
                    throw error("a member name");
                }
                String name = string();
                skipWhitespace();
                expect(':');
                object.put(name, value());
                skipWhitespace();
                if (peek() == ',') {
                    at++;
                } else {
                    expect('}');
                    return object;
                }
            }
        }

        private List<@Nullable Object> array() {
            List<@Nullable Object> array = new ArrayList<>();
            at++;
            skipWhitespace();
            if (peek() == ']') {
                at++;
                return array;
            }
            while (true) {
                array.add(value());
                skipWhitespace();
                if (peek() == ',') {
                    at++;
                } else {
                    expect(']');
                    return array;
                }
            }
        }

        private String string() {
            at++;
            StringBuilder value = new StringBuilder();
            while (true) {
                if (at >= text.length()) {
                    throw error("the end of a string");
                }
                char c = text.charAt(at++);
                if (c == '"') {
                    return value.toString();
                }
                if (c != '\\') {
                    value.append(c);
                    continue;
                }
                if (at >= text.length()) {
                    throw error("an escape");
                }
                char escape = text.charAt(at++);
                switch (escape) {
                    case '"', '\\', '/' -> value.append(escape);
                    case 'b' -> value.append('\b');
                    case 'f' -> value.append('\f');
                    case 'n' -> value.append('\n');
                    case 'r' -> value.append('\r');
                    case 't' -> value.append('\t');
                    case 'u' -> {
                        if (at + 4 > text.length()) {
                            throw error("four hex digits");
                        }
                        try {
                            value.append((char) Integer.parseInt(text, at, at + 4, 16));
                        } catch (NumberFormatException e) {
                            throw error("four hex digits");
                        }
                        at += 4;
                    }
                    default -> throw error("an escape");
                }
            }
        }

        private BigDecimal number() {
            int start = at;
            while (at < text.length() && "+-0123456789.eE".indexOf(text.charAt(at)) >= 0) {
                at++;
            }
            try {
                return new BigDecimal(text.substring(start, at));
            } catch (NumberFormatException e) {
                at = start;
                throw error("a value");
            }
        }

        private @Nullable Object literal(String word, @Nullable Object value) {
            if (!text.startsWith(word, at)) {
                throw error(word);
            }
            at += word.length();
            return value;
        }

        private void expect(char c) {
            if (peek() != c) {
                throw error("'" + c + "'");
            }
            at++;
        }

        private char peek() {
            return at < text.length() ? text.charAt(at) : '\0';
        }

        private void skipWhitespace() {
            while (at < text.length() && " \t\r\n".indexOf(text.charAt(at)) >= 0) {
                at++;
            }
        }

        private IllegalArgumentException error(String expected) {
            return new IllegalArgumentException(
                    "Not JSON: expected " + expected + " at position " + at + " of " + abbreviate(text));
        }
    }

    private static String abbreviate(String json) {
        return json.length() <= 200 ? json : json.substring(0, 200) + "…";
    }
}
