package dev.modelaccess.spring;

import dev.modelaccess.core.StoreException;
import dev.modelaccess.core.catalog.CatalogModel;
import dev.modelaccess.core.port.CatalogPage;
import dev.modelaccess.core.port.CatalogQuery;
import dev.modelaccess.core.port.ModelAccessStore;
import dev.modelaccess.core.port.StoreTransaction;
import dev.modelaccess.core.sync.ModelEvent;
import dev.modelaccess.core.sync.SyncRun;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/** A store whose database is down: every call fails the way the jOOQ store reports it. */
final class UnreachableStore implements ModelAccessStore {

    private static StoreException down() {
        return StoreException.of("database down");
    }

    @Override
    public List<CatalogModel> loadCatalog() {
        throw down();
    }

    @Override
    public Optional<CatalogModel> findModel(String modelId) {
        throw down();
    }

    @Override
    public CatalogPage searchModels(CatalogQuery query) {
        throw down();
    }

    @Override
    public List<ModelEvent> eventsOf(String modelId, int limit) {
        throw down();
    }

    @Override
    public List<SyncRun> recentRuns(int limit) {
        throw down();
    }

    @Override
    public void recordRun(SyncRun run) {
        throw down();
    }

    @Override
    public <T> T inTransaction(Function<? super StoreTransaction, ? extends T> work) {
        throw down();
    }
}
