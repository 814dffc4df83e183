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
    TIERS_CHANGED,
    /** An admin named, replaced or removed the model's successor. */
    SUCCESSOR_CHANGED,
    /** Users' defaults and resources moved from the retired model to its successor (with the counts). */
    CARRIED_OVER,
    /** An admin made the model a tier's default, or stopped it being one. */
    TIER_DEFAULT_CHANGED,
    /** A catalog rule's {@code review} action left a new model for an admin. */
    LEFT_FOR_REVIEW,
    /** A price change held an active model for review (the reason and the old and new prices). */
    PRICE_HOLD,
    /** An admin cleared a price hold. */
    HOLD_CLEARED;

    public String dbValue() {
        return WireNames.of(this);
    }

    public static EventKind fromDbValue(String value) {
        return WireNames.require(EventKind.class, value, true, "event kind");
    }
}
