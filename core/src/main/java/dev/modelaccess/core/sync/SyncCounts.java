package dev.modelaccess.core.sync;

/** What a run did, model by model. */
public record SyncCounts(int added, int updated, int deactivated, int reactivated, int unchanged, int skippedInvalid) {

    public static final SyncCounts ZERO = new SyncCounts(0, 0, 0, 0, 0, 0);

    /** Rows the run writes: everything but the unchanged and the skipped. */
    public int writes() {
        return added + updated + deactivated + reactivated;
    }
}
