package dev.modelaccess.spring;

import dev.modelaccess.core.catalog.CatalogModel;
import dev.modelaccess.core.port.CatalogPage;
import dev.modelaccess.core.port.CatalogQuery;
import dev.modelaccess.core.port.ModelAccessStore;
import dev.modelaccess.core.port.StoreTransaction;
import dev.modelaccess.core.sync.ModelEvent;
import dev.modelaccess.core.sync.SyncRun;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * A store double for the starter's wiring tests: catalog rows and runs in memory. Only the reads the starter's own
 * beans make are implemented; persistence itself is tested on PostgreSQL in adapter-jooq.
 */
class TestStore implements ModelAccessStore {

    final Map<String, CatalogModel> rows = new ConcurrentHashMap<>();
    final List<SyncRun> runs = new CopyOnWriteArrayList<>();
    final AtomicInteger catalogLoads = new AtomicInteger();

    @Override
    public List<CatalogModel> loadCatalog() {
        catalogLoads.incrementAndGet();
        return List.copyOf(rows.values());
    }

    @Override
    public Optional<CatalogModel> findModel(String modelId) {
        return Optional.ofNullable(rows.get(modelId));
    }

    @Override
    public CatalogPage searchModels(CatalogQuery query) {
        List<CatalogModel> all = rows.values().stream()
                .sorted(Comparator.comparing(CatalogModel::modelId))
                .toList();
        return new CatalogPage(
                all.stream().skip(query.offset()).limit(query.limit()).toList(), all.size());
    }

    @Override
    public List<ModelEvent> eventsOf(String modelId, int limit) {
        return List.of();
    }

    @Override
    public List<SyncRun> recentRuns(int limit) {
        List<SyncRun> newestFirst = new ArrayList<>(runs);
        newestFirst.sort(Comparator.comparing(SyncRun::startedAt).reversed());
        return newestFirst.stream().limit(limit).toList();
    }

    @Override
    public void recordRun(SyncRun run) {
        runs.add(run);
    }

    @Override
    public <T> T inTransaction(Function<? super StoreTransaction, ? extends T> work) {
        throw new UnsupportedOperationException("not needed by the wiring tests");
    }
}
