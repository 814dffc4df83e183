package dev.modelaccess.core.access;

import dev.modelaccess.core.ModelNotFoundException;
import dev.modelaccess.core.SelectionChangedException;
import dev.modelaccess.core.catalog.CatalogModel;
import dev.modelaccess.core.internal.Messages;
import dev.modelaccess.core.port.CatalogFilter;
import dev.modelaccess.core.port.CatalogWriter;
import dev.modelaccess.core.port.StoreTransaction;
import dev.modelaccess.core.sync.ModelEvent;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

/**
 * The admin's review of catalog models: status ({@code new → active | disabled}, {@code active ↔ disabled}) and
 * tier flags, for one model or many at once.
 *
 * <p>A review is all or nothing: every model is locked ({@code SELECT … FOR UPDATE}, in model id order so that two
 * reviews cannot deadlock), every change is decided by {@link AdminLifecycle}, and only when all of them are
 * allowed are the rows and their events written, in the same transaction. An unknown model or a forbidden status
 * change throws and writes nothing. A concurrent sync never loses an admin change nor overwrites one: the store
 * writes only admin-owned columns for it.
 */
public final class ModelAdministration {

    private final CatalogWriter store;
    private final AdminLifecycle lifecycle;
    private final Clock clock;

    public ModelAdministration(CatalogWriter store, Clock clock) {
        this.store = Objects.requireNonNull(store, "store");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.lifecycle = new AdminLifecycle(clock);
    }

    /**
     * Applies one change.
     *
     * @return the model as it is now
     * @throws ModelNotFoundException when no model has the id
     * @throws dev.modelaccess.core.LifecycleViolationException for a status change the lifecycle forbids
     * @throws IllegalArgumentException when the change asks for nothing
     */
    public CatalogModel update(AdminChange change, String actor) {
        return review(List.of(change), actor).get(0);
    }

    /**
     * Applies several changes, all or nothing.
     *
     * @return the models as they are now, in the order of {@code changes}
     * @throws ModelNotFoundException when one id is unknown (nothing is written)
     * @throws dev.modelaccess.core.LifecycleViolationException when one status change is forbidden (nothing is
     *     written)
     * @throws IllegalArgumentException when there is no change, one change asks for nothing, or a model appears
     *     twice
     */
    public List<CatalogModel> review(List<AdminChange> changes, String actor) {
        validate(changes);
        Objects.requireNonNull(actor, "actor");
        return store.inTransaction(tx -> apply(tx, changes, actor));
    }

    /** What a review of every model matching a filter did. */
    public record MatchingReview(long matching, int changed) {}

    /**
     * Applies one change to every model that passes {@code filter} (its order and paging aside), all or nothing, in
     * one transaction: the rows are locked, counted, and changed only when there are exactly {@code confirmed} of
     * them, the count the admin saw and confirmed ({@link dev.modelaccess.core.port.CatalogReader#countModels}).
     *
     * @param change the change of one model, from its id
     * @return how many models matched and how many of them changed (those already as asked are not written)
     * @throws SelectionChangedException when the filter matches another number of models now (nothing is written)
     * @throws dev.modelaccess.core.LifecycleViolationException when one status change is forbidden (nothing is
     *     written)
     * @throws IllegalArgumentException when the change asks for nothing
     */
    public MatchingReview reviewMatching(
            CatalogFilter filter, Function<String, AdminChange> change, long confirmed, String actor) {
        Objects.requireNonNull(filter, "filter");
        Objects.requireNonNull(actor, "actor");
        if (change.apply("").isEmpty()) {
            throw new IllegalArgumentException(
                    "The change asks for nothing: give status, is_free, is_pro or is_enterprise");
        }
        return store.inTransaction(tx -> {
            List<CatalogModel> rows = tx.lockMatching(filter);
            if (rows.size() != confirmed) {
                throw new SelectionChangedException(confirmed, rows.size());
            }
            List<AdminUpdate> updates = new ArrayList<>();
            List<ModelEvent> events = new ArrayList<>();
            for (CatalogModel row : rows) {
                AdminUpdate update = lifecycle.decide(row, change.apply(row.modelId()), actor);
                if (!update.changesNothing()) {
                    updates.add(update);
                    events.addAll(update.events());
                }
            }
            if (!updates.isEmpty()) {
                tx.applyAdminUpdates(updates, clock.instant());
                tx.appendEvents(events);
            }
            return new MatchingReview(rows.size(), updates.size());
        });
    }

    private List<CatalogModel> apply(StoreTransaction tx, List<AdminChange> changes, String actor) {
        List<AdminChange> inLockOrder = changes.stream()
                .sorted(Comparator.comparing(AdminChange::modelId))
                .toList();
        List<AdminUpdate> updates = new ArrayList<>();
        List<ModelEvent> events = new ArrayList<>();
        for (AdminChange change : inLockOrder) {
            CatalogModel current =
                    tx.lockModel(change.modelId()).orElseThrow(() -> new ModelNotFoundException(change.modelId()));
            AdminUpdate update = lifecycle.decide(current, change, actor);
            if (!update.changesNothing()) {
                updates.add(update);
                events.addAll(update.events());
            }
        }
        if (!updates.isEmpty()) {
            Instant at = clock.instant();
            tx.applyAdminUpdates(updates, at);
            tx.appendEvents(events);
        }
        List<CatalogModel> result = new ArrayList<>(changes.size());
        for (AdminChange change : changes) {
            result.add(tx.lockModel(change.modelId()).orElseThrow(() -> new ModelNotFoundException(change.modelId())));
        }
        return result;
    }

    private static void validate(List<AdminChange> changes) {
        if (changes.isEmpty()) {
            throw new IllegalArgumentException("A review needs at least one change");
        }
        Set<String> seen = new HashSet<>();
        for (AdminChange change : changes) {
            if (change.isEmpty()) {
                throw new IllegalArgumentException("The change of model '" + Messages.abbreviate(change.modelId())
                        + "' asks for nothing: give status, is_free, is_pro or is_enterprise");
            }
            if (!seen.add(change.modelId())) {
                throw new IllegalArgumentException(
                        "Model '" + Messages.abbreviate(change.modelId()) + "' appears more than once in the review");
            }
        }
    }
}
