package dev.modelaccess.core.sync;

import java.util.Locale;

/** What started a run. */
public enum SyncTrigger {
    SCHEDULE,
    STARTUP,
    MANUAL;

    public String dbValue() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static SyncTrigger fromDbValue(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }
}
