package dev.modelaccess.core.sync;

import dev.modelaccess.core.internal.WireNames;

/** What started a run. */
public enum SyncTrigger {
    SCHEDULE,
    STARTUP,
    MANUAL;

    public String dbValue() {
        return WireNames.of(this);
    }

    public static SyncTrigger fromDbValue(String value) {
        return WireNames.require(SyncTrigger.class, value, true, "sync trigger");
    }
}
