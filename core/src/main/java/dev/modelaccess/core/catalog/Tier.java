package dev.modelaccess.core.catalog;

import java.util.Locale;
import java.util.Optional;

/** The plans a host application sells. */
public enum Tier {
    FREE,
    PRO,
    ENTERPRISE;

    public String dbValue() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses {@code free}, {@code pro} or {@code enterprise} (any case); empty for anything else. */
    public static Optional<Tier> parse(String value) {
        for (Tier tier : values()) {
            if (tier.dbValue().equalsIgnoreCase(value)) {
                return Optional.of(tier);
            }
        }
        return Optional.empty();
    }
}
