package dev.modelaccess.jooq;

import dev.modelaccess.core.catalog.Pricing;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.jooq.tools.json.JSONParser;
import org.jooq.tools.json.ParseException;
import org.jspecify.annotations.Nullable;

/**
 * The JSON this adapter writes and reads back ({@code pricing}, event values), with jOOQ's bundled JSON tools so the
 * module needs no JSON library of its own.
 *
 * <p>{@code pricing} is an object of decimal strings, each exactly as {@link BigDecimal#toPlainString()} gives it (so
 * the scale survives: {@code "0.0000010"} stays {@code 0.0000010}), plus {@code "overrides"}: an array of such objects
 * when upstream sent any.
 */
final class JsonText {

    static final String OVERRIDES = "overrides";

    private JsonText() {}

    static String pricing(Pricing pricing) {
        StringBuilder json = new StringBuilder(64 + 48 * pricing.components().size());
        json.append('{');
        pricing.components()
                .forEach((name, value) -> member(json, name)
                        .append('"')
                        .append(value.toPlainString())
                        .append('"'));
        if (!pricing.overrides().isEmpty()) {
            member(json, OVERRIDES).append('[');
            for (int i = 0; i < pricing.overrides().size(); i++) {
                json.append(i == 0 ? "{" : ",{");
                pricing.overrides()
                        .get(i)
                        .forEach((name, value) -> member(json, name)
                                .append('"')
                                .append(value.toPlainString())
                                .append('"'));
                json.append('}');
            }
            json.append(']');
        }
        return json.append('}').toString();
    }

    /**
     * Reads the JSON of one query's rows. jOOQ's {@link JSONParser} allocates a sizeable buffer, so one is kept per
     * query; not thread-safe.
     */
    static final class Reader {

        private final JSONParser parser = new JSONParser();

        Pricing pricing(String json) {
            return JsonText.pricing(object(json));
        }

        SortedMap<String, String> texts(String json) {
            SortedMap<String, String> values = new TreeMap<>();
            object(json)
                    .forEach(
                            (key, value) -> values.put(String.valueOf(key), value == null ? "null" : value.toString()));
            return values;
        }

        private Map<?, ?> object(String json) {
            try {
                if (parser.parse(json) instanceof Map<?, ?> map) {
                    return map;
                }
                throw new IllegalArgumentException("Not a JSON object: " + abbreviate(json));
            } catch (ParseException e) {
                throw new IllegalArgumentException("Not JSON: " + abbreviate(json), e);
            }
        }
    }

    private static Pricing pricing(Map<?, ?> json) {
        SortedMap<String, BigDecimal> components = new TreeMap<>();
        List<SortedMap<String, BigDecimal>> overrides = new ArrayList<>();
        for (Map.Entry<?, ?> entry : json.entrySet()) {
            String name = String.valueOf(entry.getKey());
            if (OVERRIDES.equals(name) && entry.getValue() instanceof List<?> list) {
                for (Object override : list) {
                    if (override instanceof Map<?, ?> map) {
                        overrides.add(decimals(map));
                    }
                }
            } else {
                BigDecimal value = decimal(entry.getValue());
                if (value != null) {
                    components.put(name, value);
                }
            }
        }
        return new Pricing(components, overrides);
    }

    /** A flat object of texts ({@code model_access_events} values). */
    static String texts(Map<String, String> values) {
        StringBuilder json = new StringBuilder(32 * (values.size() + 1));
        json.append('{');
        new TreeMap<>(values).forEach((name, value) -> quote(member(json, name), value));
        return json.append('}').toString();
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

    /** Appends {@code ,"name":} (without the comma for the first member). */
    private static StringBuilder member(StringBuilder json, String name) {
        char last = json.charAt(json.length() - 1);
        if (last != '{') {
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
                        json.append(String.format("\\u%04x", (int) c));
                    } else {
                        json.append(c);
                    }
                }
            }
        }
        return json.append('"');
    }

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

    /** Decimal strings as written by this adapter; numbers too, for rows edited by hand. */
    private static @Nullable BigDecimal decimal(@Nullable Object value) {
        if (value instanceof String text && !text.isBlank()) {
            return new BigDecimal(text.trim());
        }
        if (value instanceof Number number) {
            return new BigDecimal(number.toString());
        }
        return null;
    }

    private static String abbreviate(String json) {
        return json.length() <= 200 ? json : json.substring(0, 200) + "…";
    }
}
