package dev.modelaccess.core.port;

import dev.modelaccess.core.access.AdminUpdate;
import dev.modelaccess.core.catalog.CatalogFingerprint;
import dev.modelaccess.core.catalog.CatalogModel;
import dev.modelaccess.core.catalog.UpstreamModel;
import dev.modelaccess.core.notify.OutboxEntry;
import dev.modelaccess.core.policy.ReviewHold;
import dev.modelaccess.core.sync.ModelEvent;
import dev.modelaccess.core.sync.SyncPlan;
import dev.modelaccess.core.sync.SyncRun;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** What can be done inside one {@link CatalogWriter#inTransaction store transaction}. */
public interface StoreTransaction {

    /**
     * Takes the catalog-sync lock for the rest of the transaction if no one else holds it (PostgreSQL: {@code
     * pg_try_advisory_xact_lock}, which is pooler-safe). Never waits.
     *
     * @return whether this transaction now holds the lock
     */
    boolean tryLockCatalogSync();

    /** Every catalog row, as this transaction sees it. */
    List<CatalogModel> loadCatalog();

    /**
     * Every catalog row's id, fingerprint and status, as this transaction sees it: what the sync compares upstream
     * with. A store should answer it without reading the stored upstream descriptions (the default reads the whole
     * catalog).
     */
    default List<CatalogFingerprint> loadFingerprints() {
        return loadCatalog().stream().map(CatalogFingerprint::of).toList();
    }

    /**
     * These models' rows as this transaction sees them (those in the catalog; an id that is not is left out): what
     * the sync reads, before it writes its plan, of the models whose fingerprint changed (to tell what changed) and of
     * the models the plan deactivates or brings back, for the decisions and notices that compare old with new (price
     * holds, vanished models, price changes). Each model is read once a run. Their mapped fields are what counts; a
     * store may leave the whole upstream JSON out ({@link UpstreamModel#rawJson()} then {@code {}}).
     */
    default List<CatalogModel> loadModels(Collection<String> modelIds) {
        Set<String> wanted = Set.copyOf(modelIds);
        return loadCatalog().stream()
                .filter(model -> wanted.contains(model.modelId()))
                .toList();
    }

    /**
     * The stored upstream descriptions of these models (those in the catalog; an id that is not is left out). Their
     * mapped fields are what counts; a store may leave the whole upstream JSON out ({@link UpstreamModel#rawJson()}
     * then {@code {}}). {@link dev.modelaccess.core.sync.CatalogSync} reads {@link #loadModels} instead, once for
     * both what changed and the rows before the plan.
     */
    default Map<String, UpstreamModel> loadUpstream(Collection<String> modelIds) {
        Set<String> wanted = Set.copyOf(modelIds);
        Map<String, UpstreamModel> found = new HashMap<>();
        for (CatalogModel model : loadCatalog()) {
            if (wanted.contains(model.modelId())) {
                found.put(model.modelId(), model.upstream());
            }
        }
        return found;
    }

    /**
     * Every row that passes the filter's conditions (its order and paging aside), locked against concurrent writers
     * until the transaction ends ({@code SELECT … FOR UPDATE}), in model id order. The rows are for an admin's
     * decision: a store may leave out their upstream description beyond the id (the default does not).
     */
    default List<CatalogModel> lockMatching(CatalogFilter filter) {
        return loadCatalog().stream()
                .filter(filter::matches)
                .map(CatalogModel::modelId)
                .sorted()
                .map(id -> lockModel(id).orElseThrow())
                .toList();
    }

    /** One row, locked against concurrent writers until the transaction ends ({@code SELECT … FOR UPDATE}). */
    Optional<CatalogModel> lockModel(String modelId);

    /**
     * Writes a sync plan with a number of statements that does not grow with the number of models. Writes only
     * upstream-owned columns, and the {@code inactive} transitions: a deactivation keeps the status the row has
     * <em>at write time</em> in {@code status_before_inactive}; a return restores that status.
     *
     * Writes the model rows only: the plan's {@link SyncPlan#events() events} go through {@link #appendEvents} and
     * the run through {@link #recordRun}, in the same transaction.
     *
     * @param at the time written to {@code last_seen_at}, {@code removed_at} and the like
     */
    void applySyncPlan(SyncPlan plan, Instant at);

    /**
     * Writes admin decisions: status, tier flags and review columns only (the updates' events go through {@link
     * #appendEvents}). Updates that change nothing are not written. A status change is written only while the row is
     * not {@code inactive}, so decide on a row read with {@link #lockModel}.
     *
     * @throws dev.modelaccess.core.ModelNotFoundException when a model is not in the catalog
     * @throws dev.modelaccess.core.LifecycleViolationException when a status change meets an {@code inactive} row
     */
    void applyAdminUpdates(List<AdminUpdate> updates, Instant at);

    void appendEvents(List<ModelEvent> events);

    void recordRun(SyncRun run);

    /**
     * Places price holds: a model without a pending hold gets one; a model that has one keeps its old prices and
     * gets the new prices, reason and time of {@code holds} (the old prices stay those before the first rise not
     * yet reviewed). Their events go through {@link #appendEvents}.
     */
    void placeReviewHolds(List<ReviewHold> holds);

    /** Clears the pending hold of a model, returning it; empty when it had none. */
    Optional<ReviewHold> clearReviewHold(String modelId);

    /**
     * Writes notices to the outbox, in this transaction: with one statement however many entries (so a sync's
     * transaction grows by at most one statement), and none for an empty list. An entry whose {@linkplain
     * dev.modelaccess.core.notify.Notice#dedupeKey() dedupe key} was already written for its channel is skipped.
     *
     * @return how many entries were written
     */
    int enqueueNotices(List<OutboxEntry> entries);
}
