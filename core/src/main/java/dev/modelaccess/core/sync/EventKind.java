package dev.modelaccess.core.sync;

import dev.modelaccess.core.internal.WireNames;

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
        return WireNames.of(this);
    }

    public static EventKind fromDbValue(String value) {
        return WireNames.require(EventKind.class, value, true, "event kind");
    }
}
