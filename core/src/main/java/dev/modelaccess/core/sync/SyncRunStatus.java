package dev.modelaccess.core.sync;

import java.util.Locale;

/** How a run ended. */
public enum SyncRunStatus {
    SUCCEEDED,
    FAILED,
    ABORTED,
    SKIPPED;

    public String dbValue() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static SyncRunStatus fromDbValue(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }
}
