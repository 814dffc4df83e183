package dev.modelaccess.core.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The wire names of core's enums: the constant's name in lower case ({@code PRICE_ASC} → {@code price_asc}), as
 * stored in the database and used in URLs and JSON, and their parsing.
 */
public final class WireNames {

    private WireNames() {}

    /** The wire name of {@code constant}. */
    public static String of(Enum<?> constant) {
        return constant.name().toLowerCase(Locale.ROOT);
    }

    /** The constant of {@code type} whose wire name is {@code value}: exactly, or with {@code anyCase} in any case. */
    public static <E extends Enum<E>> Optional<E> parse(Class<E> type, String value, boolean anyCase) {
        for (E constant : type.getEnumConstants()) {
            String name = of(constant);
            if (anyCase ? name.equalsIgnoreCase(value) : name.equals(value)) {
                return Optional.of(constant);
            }
        }
        return Optional.empty();
    }

    /**
     * As {@link #parse}, but throws {@link IllegalArgumentException} for anything else, naming {@code what} was
     * expected and every wire name ({@code Unknown model status 'x'; expected new, active, inactive or disabled}).
     */
    public static <E extends Enum<E>> E require(Class<E> type, String value, boolean anyCase, String what) {
        return parse(type, value, anyCase)
                .orElseThrow(() ->
                        new IllegalArgumentException("Unknown " + what + " '" + value + "'; expected " + all(type)));
    }

    private static String all(Class<? extends Enum<?>> type) {
        List<String> names = new ArrayList<>();
        for (Enum<?> constant : type.getEnumConstants()) {
            names.add(of(constant));
        }
        String last = names.removeLast();
        return names.isEmpty() ? last : String.join(", ", names) + " or " + last;
    }
}
