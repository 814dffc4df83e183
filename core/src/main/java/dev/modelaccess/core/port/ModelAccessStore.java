package dev.modelaccess.core.port;

import dev.modelaccess.core.catalog.CatalogModel;
import dev.modelaccess.core.sync.ModelEvent;
import dev.modelaccess.core.sync.SyncRun;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Where the catalog, its history and the sync runs live. Reads happen outside any write transaction; every write
 * goes through {@link #inTransaction(Function)}, so that the algorithms in core decide and the store only loads,
 * locks and saves.
 */
public interface ModelAccessStore {

    /** Every catalog row, in any status. */
    List<CatalogModel> loadCatalog();

    Optional<CatalogModel> findModel(String modelId);

    CatalogPage searchModels(CatalogQuery query);

    /** The history of one model, newest first. */
    List<ModelEvent> eventsOf(String modelId, int limit);

    /** The most recent runs, newest first. */
    List<SyncRun> recentRuns(int limit);

    /** Records a run in a transaction of its own (for runs that never reached the apply). */
    void recordRun(SyncRun run);

    /**
     * Runs {@code work} in one transaction: committed when it returns, rolled back when it throws (the exception
     * is rethrown, translated into a {@link dev.modelaccess.core.ModelAccessException} if it is not one).
     */
    <T> T inTransaction(Function<? super StoreTransaction, ? extends T> work);
}
