package dev.modelaccess.core.sync;

import java.util.Locale;

/** What happened to a catalog model. */
public enum EventKind {
    ADDED,
    REMOVED,
    RETURNED,
    PRICE_CHANGED,
    METADATA_CHANGED,
    STATUS_CHANGED,
    TIERS_CHANGED;

    public String dbValue() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static EventKind fromDbValue(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }
}
