package dev.modelaccess.core.access;

import dev.modelaccess.core.ModelAccessException;
import dev.modelaccess.core.catalog.CatalogModel;
import dev.modelaccess.core.port.CatalogPage;
import dev.modelaccess.core.port.CatalogQuery;
import dev.modelaccess.core.port.ModelAccessStore;
import dev.modelaccess.core.port.StoreTransaction;
import dev.modelaccess.core.sync.ModelEvent;
import dev.modelaccess.core.sync.SyncPlan;
import dev.modelaccess.core.sync.SyncRun;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * A minimal store double for the access tests: rows in a map, transactions that work on a copy and commit it only
 * when the work returns. It implements only what the access classes use.
 */
class FakeStore implements ModelAccessStore {

    private Map<String, CatalogModel> rows = new LinkedHashMap<>();
    private final List<ModelEvent> events = new ArrayList<>();
    final AtomicInteger loads = new AtomicInteger();
    volatile boolean failLoads;

    FakeStore(CatalogModel... models) {
        for (CatalogModel model : models) {
            rows.put(model.modelId(), model);
        }
    }

    synchronized void put(CatalogModel model) {
        rows.put(model.modelId(), model);
    }

    synchronized List<ModelEvent> events() {
        return List.copyOf(events);
    }

    @Override
    public synchronized List<CatalogModel> loadCatalog() {
        loads.incrementAndGet();
        if (failLoads) {
            throw new ModelAccessException("database down");
        }
        return List.copyOf(rows.values());
    }

    @Override
    public synchronized Optional<CatalogModel> findModel(String modelId) {
        return Optional.ofNullable(rows.get(modelId));
    }

    @Override
    public CatalogPage searchModels(CatalogQuery query) {
        throw new UnsupportedOperationException();
    }

    @Override
    public List<ModelEvent> eventsOf(String modelId, int limit) {
        throw new UnsupportedOperationException();
    }

    @Override
    public List<SyncRun> recentRuns(int limit) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void recordRun(SyncRun run) {
        throw new UnsupportedOperationException();
    }

    @Override
    public synchronized <T> T inTransaction(Function<? super StoreTransaction, ? extends T> work) {
        Map<String, CatalogModel> copy = new LinkedHashMap<>(rows);
        List<ModelEvent> newEvents = new ArrayList<>();
        T result = work.apply(new Tx(copy, newEvents));
        rows = copy;
        events.addAll(newEvents);
        return result;
    }

    private record Tx(Map<String, CatalogModel> rows, List<ModelEvent> events) implements StoreTransaction {
        @Override
        public boolean tryLockCatalogSync() {
            return true;
        }

        @Override
        public List<CatalogModel> loadCatalog() {
            return List.copyOf(rows.values());
        }

        @Override
        public Optional<CatalogModel> lockModel(String modelId) {
            return Optional.ofNullable(rows.get(modelId));
        }

        @Override
        public void applySyncPlan(SyncPlan plan, Instant at) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void applyAdminUpdates(List<dev.modelaccess.core.access.AdminUpdate> updates, Instant at) {
            for (var update : updates) {
                CatalogModel row = rows.get(update.modelId());
                rows.put(
                        update.modelId(),
                        new CatalogModel(
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
                                at));
            }
        }

        @Override
        public void appendEvents(List<ModelEvent> newEvents) {
            events.addAll(newEvents);
        }

        @Override
        public void recordRun(SyncRun run) {
            throw new UnsupportedOperationException();
        }
    }
}
