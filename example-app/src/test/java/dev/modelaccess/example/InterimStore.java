package dev.modelaccess.example;

import dev.modelaccess.core.access.AdminUpdate;
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
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * An in-memory store standing in for the jOOQ store until it is merged: rows, events and runs in maps, each
 * transaction on a copy committed when the work returns.
 */
final class InterimStore implements ModelAccessStore {

    private Map<String, CatalogModel> rows = new TreeMap<>();
    private final List<ModelEvent> events = new ArrayList<>();
    private final List<SyncRun> runs = new ArrayList<>();

    synchronized void put(CatalogModel model) {
        rows.put(model.modelId(), model);
    }

    @Override
    public synchronized List<CatalogModel> loadCatalog() {
        return List.copyOf(rows.values());
    }

    @Override
    public synchronized Optional<CatalogModel> findModel(String modelId) {
        return Optional.ofNullable(rows.get(modelId));
    }

    @Override
    public synchronized CatalogPage searchModels(CatalogQuery query) {
        List<CatalogModel> matching = rows.values().stream()
                .filter(row -> query.status() == null || row.status() == query.status())
                .filter(row -> query.text() == null || contains(row, query.text()))
                .toList();
        return new CatalogPage(
                matching.stream().skip(query.offset()).limit(query.limit()).toList(), matching.size());
    }

    private static boolean contains(CatalogModel row, String text) {
        String needle = text.toLowerCase(Locale.ROOT);
        return row.modelId().toLowerCase(Locale.ROOT).contains(needle)
                || (row.upstream().name() != null
                        && row.upstream().name().toLowerCase(Locale.ROOT).contains(needle));
    }

    @Override
    public synchronized List<ModelEvent> eventsOf(String modelId, int limit) {
        return events.stream()
                .filter(event -> event.modelId().equals(modelId))
                .sorted(Comparator.comparing(ModelEvent::at).reversed())
                .limit(limit)
                .toList();
    }

    @Override
    public synchronized List<SyncRun> recentRuns(int limit) {
        return runs.stream()
                .sorted(Comparator.comparing(SyncRun::startedAt).reversed())
                .limit(limit)
                .toList();
    }

    @Override
    public synchronized void recordRun(SyncRun run) {
        runs.add(run);
    }

    @Override
    public synchronized <T> T inTransaction(Function<? super StoreTransaction, ? extends T> work) {
        Map<String, CatalogModel> copy = new TreeMap<>(rows);
        List<ModelEvent> newEvents = new ArrayList<>();
        List<SyncRun> newRuns = new ArrayList<>();
        T result = work.apply(new Tx(copy, newEvents, newRuns));
        rows = copy;
        events.addAll(newEvents);
        runs.addAll(newRuns);
        return result;
    }

    private record Tx(Map<String, CatalogModel> rows, List<ModelEvent> events, List<SyncRun> runs)
            implements StoreTransaction {
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
            throw new UnsupportedOperationException("the interim store does not sync");
        }

        @Override
        public void applyAdminUpdates(List<AdminUpdate> updates, Instant at) {
            for (AdminUpdate update : updates) {
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
            runs.add(run);
        }
    }
}
