package dev.modelaccess.core.sync;

import dev.modelaccess.core.catalog.ModelStatus;
import dev.modelaccess.core.catalog.UpstreamModel;
import java.util.List;

/**
 * What a sync will write, computed by {@link ModelCatalogReconciler}. Each list holds only models that change; an
 * unchanged model appears nowhere but in {@link #unchanged()}.
 *
 * @param added models new to the catalog: inserted as {@code new}, every tier flag off
 * @param refreshed models present on both sides whose upstream description changed: upstream-owned columns only
 * @param deactivated models gone upstream: status → {@code inactive}, the status they had kept
 * @param returned {@code inactive} models back upstream: status → the one they had, upstream columns refreshed
 * @param unchanged how many models needed no write at all
 * @param skipped upstream entries that could not be read; their rows are left exactly as they were
 * @param events one or more events per change, in the order above
 */
public record SyncPlan(
        List<Upsert> added,
        List<Refresh> refreshed,
        List<Deactivation> deactivated,
        List<Return> returned,
        int unchanged,
        List<InvalidEntry> skipped,
        List<ModelEvent> events) {

    public SyncPlan {
        added = List.copyOf(added);
        refreshed = List.copyOf(refreshed);
        deactivated = List.copyOf(deactivated);
        returned = List.copyOf(returned);
        skipped = List.copyOf(skipped);
        events = List.copyOf(events);
    }

    public SyncCounts counts() {
        return new SyncCounts(
                added.size(), refreshed.size(), deactivated.size(), returned.size(), unchanged, skipped.size());
    }

    /** Whether applying the plan writes no row (it may still report skipped entries). */
    public boolean writesNothing() {
        return added.isEmpty() && refreshed.isEmpty() && deactivated.isEmpty() && returned.isEmpty();
    }

    /** An upstream description to store, with its {@link dev.modelaccess.core.catalog.ModelFingerprint}. */
    public record Upsert(UpstreamModel model, String fingerprint) {}

    /** A present model whose upstream description changed. */
    public record Refresh(Upsert upsert, boolean priceChanged, boolean metadataChanged) {}

    /** A model gone upstream, with the status it had when the plan was made. */
    public record Deactivation(String modelId, ModelStatus previousStatus) {}

    /** An inactive model back upstream, with the status it gets back. */
    public record Return(Upsert upsert, ModelStatus restoredStatus) {}
}
