package dev.modelaccess.core.catalog;

import dev.modelaccess.core.internal.WireNames;
import java.util.Optional;

/** The plans a host application sells. */
public enum Tier {
    FREE,
    PRO,
    ENTERPRISE;

    public String dbValue() {
        return WireNames.of(this);
    }

    /** Parses {@code free}, {@code pro} or {@code enterprise} (any case); empty for anything else. */
    public static Optional<Tier> parse(String value) {
        return WireNames.parse(Tier.class, value, true);
    }
}
