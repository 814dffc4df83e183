package dev.modelaccess.testsupport.memory;

import dev.modelaccess.core.ModelAccessException;
import dev.modelaccess.core.access.AdminUpdate;
import dev.modelaccess.core.catalog.CatalogModel;
import dev.modelaccess.core.catalog.ModelStatus;
import dev.modelaccess.core.catalog.TierFlags;
import dev.modelaccess.core.policy.ReviewHold;
import dev.modelaccess.core.port.StoreTransaction;
import dev.modelaccess.core.sync.ModelEvent;
import dev.modelaccess.core.sync.SyncPlan;
import dev.modelaccess.core.sync.SyncRun;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/** A transaction of the {@link InMemoryModelAccessStore}: a private overlay on the committed {@link MemoryCatalog}. */
final class MemoryTransaction implements StoreTransaction {

    private final MemoryCatalog catalog;
    private final Clock clock;

    /** Rows this transaction wrote, by model id. */
    private final Map<String, CatalogModel> written = new TreeMap<>();

    private final List<ModelEvent> newEvents = new ArrayList<>();
    private final List<SyncRun> newRuns = new ArrayList<>();
    /** Holds this transaction placed (present) or cleared (empty), by model id. */
    private final Map<String, Optional<ReviewHold>> holdWrites = new java.util.LinkedHashMap<>();

    private final List<dev.modelaccess.core.notify.OutboxEntry> newNotices = new ArrayList<>();
    private final Set<String> lockedRows = new TreeSet<>();
    private boolean open = true;

    MemoryTransaction(MemoryCatalog catalog, Clock clock) {
        this.catalog = catalog;
        this.clock = clock;
    }

    @Override
    public boolean tryLockCatalogSync() {
        requireOpen();
        return catalog.tryLockCatalogSync(this);
    }

    @Override
    public List<CatalogModel> loadCatalog() {
        requireOpen();
        Map<String, CatalogModel> view = catalog.committedRows();
        view.putAll(written);
        return MemoryCatalog.byModelId(view.values());
    }

    @Override
    public Optional<CatalogModel> lockModel(String modelId) {
        requireOpen();
        lockRows(List.of(modelId));
        return Optional.ofNullable(current(modelId));
    }

    @Override
    public void applySyncPlan(SyncPlan plan, Instant at) {
        requireOpen();
        List<String> ids = new ArrayList<>();
        plan.added().forEach(added -> ids.add(added.model().id()));
        plan.refreshed().forEach(refresh -> ids.add(refresh.upsert().model().id()));
        plan.deactivated().forEach(gone -> ids.add(gone.modelId()));
        plan.returned().forEach(back -> ids.add(back.upsert().model().id()));
        lockRows(ids);
        Instant now = clock.instant();
        for (SyncPlan.Upsert added : plan.added()) {
            CatalogModel existing = current(added.model().id());
            if (existing == null) {
                write(new CatalogModel(
                        UUID.randomUUID(),
                        added.model(),
                        added.fingerprint(),
                        ModelStatus.NEW,
                        null,
                        TierFlags.NONE,
                        at,
                        at,
                        null,
                        at,
                        null,
                        null,
                        now,
                        now));
            } else {
                // Inserted meanwhile by someone else: ON CONFLICT refreshes the upstream columns only.
                write(withUpstream(existing, added, at, now));
            }
        }
        for (SyncPlan.Refresh refresh : plan.refreshed()) {
            CatalogModel row = current(refresh.upsert().model().id());
            if (row != null) {
                write(withUpstream(row, refresh.upsert(), at, now));
            }
        }
        for (SyncPlan.Deactivation gone : plan.deactivated()) {
            CatalogModel row = current(gone.modelId());
            if (row != null && row.status() != ModelStatus.INACTIVE) {
                write(new CatalogModel(
                        row.id(),
                        row.upstream(),
                        row.fingerprint(),
                        ModelStatus.INACTIVE,
                        row.status(), // the status at write time, not the one the plan saw
                        row.tiers(),
                        row.firstSeenAt(),
                        row.lastSeenAt(),
                        at,
                        at,
                        row.reviewedBy(),
                        row.reviewedAt(),
                        row.createdAt(),
                        now));
            }
        }
        for (SyncPlan.Return back : plan.returned()) {
            CatalogModel row = current(back.upsert().model().id());
            if (row == null) {
                continue;
            }
            CatalogModel refreshed = withUpstream(row, back.upsert(), at, now);
            if (row.status() != ModelStatus.INACTIVE) {
                write(refreshed);
                continue;
            }
            ModelStatus before = row.statusBeforeInactive();
            ModelStatus restored = before == null || before == ModelStatus.INACTIVE ? back.restoredStatus() : before;
            write(new CatalogModel(
                    refreshed.id(),
                    refreshed.upstream(),
                    refreshed.fingerprint(),
                    restored,
                    null,
                    refreshed.tiers(),
                    refreshed.firstSeenAt(),
                    at,
                    null,
                    at,
                    refreshed.reviewedBy(),
                    refreshed.reviewedAt(),
                    refreshed.createdAt(),
                    now));
        }
    }

    @Override
    public void applyAdminUpdates(List<AdminUpdate> updates, Instant at) {
        requireOpen();
        lockRows(updates.stream().map(AdminUpdate::modelId).toList());
        Instant now = clock.instant();
        for (AdminUpdate update : updates) {
            CatalogModel row = current(update.modelId());
            if (row == null || update.changesNothing()) {
                continue;
            }
            write(new CatalogModel(
                    row.id(),
                    row.upstream(),
                    row.fingerprint(),
                    update.status(),
                    row.statusBeforeInactive(),
                    update.tiers(),
                    row.firstSeenAt(),
                    row.lastSeenAt(),
                    row.removedAt(),
                    update.statusChanged() ? at : row.statusChangedAt(),
                    update.reviewedBy(),
                    at,
                    row.createdAt(),
                    now));
        }
    }

    @Override
    public void appendEvents(List<ModelEvent> events) {
        requireOpen();
        newEvents.addAll(events);
    }

    @Override
    public void recordRun(SyncRun run) {
        requireOpen();
        newRuns.add(Objects.requireNonNull(run, "run"));
    }

    /** Kept until commit; dedupe keys already committed for a channel are skipped then. */
    @Override
    public int enqueueNotices(List<dev.modelaccess.core.notify.OutboxEntry> entries) {
        requireOpen();
        newNotices.addAll(entries);
        return entries.size();
    }

    private @Nullable CatalogModel current(String modelId) {
        CatalogModel mine = written.get(modelId);
        if (mine != null) {
            return mine;
        }
        return catalog.committedRow(modelId);
    }

    private void write(CatalogModel row) {
        written.put(row.modelId(), row);
    }

    /** Locks rows in model-id order (as an {@code UPDATE} in a fixed order would), waiting for other writers. */
    private void lockRows(List<String> modelIds) {
        for (String modelId : new TreeSet<>(modelIds)) {
            if (lockedRows.contains(modelId)) {
                continue;
            }
            Semaphore lock = catalog.rowLock(modelId);
            try {
                if (!lock.tryAcquire(InMemoryModelAccessStore.LOCK_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                    throw new ModelAccessException(
                            "Gave up waiting " + Duration.ofSeconds(InMemoryModelAccessStore.LOCK_TIMEOUT_SECONDS)
                                    + " for the row lock of a model: a deadlock between transactions?");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ModelAccessException("Interrupted while waiting for a row lock", e);
            }
            lockedRows.add(modelId);
        }
    }

    @Override
    public void placeReviewHolds(List<ReviewHold> holds) {
        requireOpen();
        for (ReviewHold hold : holds) {
            ReviewHold pending = currentHold(hold.modelId());
            holdWrites.put(
                    hold.modelId(),
                    Optional.of(
                            pending == null
                                    ? hold
                                    : new ReviewHold(
                                            hold.modelId(),
                                            hold.reason(),
                                            pending.oldPrompt(),
                                            pending.oldCompletion(),
                                            hold.newPrompt(),
                                            hold.newCompletion(),
                                            hold.heldAt())));
        }
    }

    @Override
    public Optional<ReviewHold> clearReviewHold(String modelId) {
        requireOpen();
        ReviewHold pending = currentHold(modelId);
        if (pending == null) {
            return Optional.empty();
        }
        holdWrites.put(modelId, Optional.empty());
        return Optional.of(pending);
    }

    private @Nullable ReviewHold currentHold(String modelId) {
        Optional<ReviewHold> written = holdWrites.get(modelId);
        if (written != null) {
            return written.orElse(null);
        }
        return catalog.committedHold(modelId);
    }

    void commit() {
        catalog.commit(written.values(), newEvents, newRuns, holdWrites, newNotices);
    }

    void end() {
        open = false;
        for (String modelId : lockedRows) {
            catalog.rowLock(modelId).release();
        }
        lockedRows.clear();
        catalog.releaseCatalogSync(this);
    }

    private void requireOpen() {
        if (!open) {
            throw new IllegalStateException("This store transaction has ended");
        }
    }

    private static CatalogModel withUpstream(CatalogModel row, SyncPlan.Upsert upsert, Instant at, Instant now) {
        return new CatalogModel(
                row.id(),
                upsert.model(),
                upsert.fingerprint(),
                row.status(),
                row.statusBeforeInactive(),
                row.tiers(),
                row.firstSeenAt(),
                at,
                row.removedAt(),
                row.statusChangedAt(),
                row.reviewedBy(),
                row.reviewedAt(),
                row.createdAt(),
                now);
    }
}
