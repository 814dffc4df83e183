package dev.modelaccess.core.port;

import dev.modelaccess.core.sync.SyncRun;
import java.util.function.Function;

/**
 * Writing the catalog, its history and the sync runs: every write goes through {@link #inTransaction(Function)}, so
 * that the algorithms in core decide and the store only loads, locks and saves.
 */
public interface CatalogWriter {

    /** Records a run in a transaction of its own (for runs that never reached the apply). */
    void recordRun(SyncRun run);

    /**
     * Runs {@code work} in one transaction: committed when it returns, rolled back when it throws (the exception
     * is rethrown, translated into a {@link dev.modelaccess.core.ModelAccessException} if it is not one).
     */
    <T> T inTransaction(Function<? super StoreTransaction, ? extends T> work);
}
