package dev.modelaccess.core.sync;

import dev.modelaccess.core.internal.WireNames;

/** How a run ended. */
public enum SyncRunStatus {
    SUCCEEDED,
    FAILED,
    ABORTED,
    SKIPPED;

    public String dbValue() {
        return WireNames.of(this);
    }

    public static SyncRunStatus fromDbValue(String value) {
        return WireNames.require(SyncRunStatus.class, value, true, "sync run status");
    }
}
