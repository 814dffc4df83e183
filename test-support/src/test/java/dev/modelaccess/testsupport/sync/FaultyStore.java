package dev.modelaccess.testsupport.sync;

import dev.modelaccess.core.ModelAccessException;
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
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/** Wraps a store and makes chosen operations fail, as a database that went away would. */
final class FaultyStore implements ModelAccessStore {

    private final ModelAccessStore delegate;
    boolean failRecordingRuns;
    boolean failApplyingPlans;
    boolean failLoading;

    FaultyStore(ModelAccessStore delegate) {
        this.delegate = delegate;
    }

    private static ModelAccessException failure(String what) {
        return new ModelAccessException("Connection refused while " + what);
    }

    @Override
    public List<CatalogModel> loadCatalog() {
        if (failLoading) {
            throw failure("loading the catalog");
        }
        return delegate.loadCatalog();
    }

    @Override
    public Optional<CatalogModel> findModel(String modelId) {
        return delegate.findModel(modelId);
    }

    @Override
    public CatalogPage searchModels(CatalogQuery query) {
        return delegate.searchModels(query);
    }

    @Override
    public List<ModelEvent> eventsOf(String modelId, int limit) {
        return delegate.eventsOf(modelId, limit);
    }

    @Override
    public List<SyncRun> recentRuns(int limit) {
        return delegate.recentRuns(limit);
    }

    @Override
    public void recordRun(SyncRun run) {
        if (failRecordingRuns) {
            throw failure("recording a run");
        }
        delegate.recordRun(run);
    }

    @Override
    public <T> T inTransaction(Function<? super StoreTransaction, ? extends T> work) {
        return delegate.inTransaction(tx -> work.apply(new FaultyTransaction(tx)));
    }

    private final class FaultyTransaction implements StoreTransaction {
        private final StoreTransaction tx;

        FaultyTransaction(StoreTransaction tx) {
            this.tx = tx;
        }

        @Override
        public boolean tryLockCatalogSync() {
            return tx.tryLockCatalogSync();
        }

        @Override
        public List<CatalogModel> loadCatalog() {
            if (failLoading) {
                throw failure("loading the catalog");
            }
            return tx.loadCatalog();
        }

        @Override
        public Optional<CatalogModel> lockModel(String modelId) {
            return tx.lockModel(modelId);
        }

        @Override
        public void applySyncPlan(SyncPlan plan, Instant at) {
            tx.applySyncPlan(plan, at);
            if (failApplyingPlans) {
                throw failure("applying a plan");
            }
        }

        @Override
        public void applyAdminUpdates(List<AdminUpdate> updates, Instant at) {
            tx.applyAdminUpdates(updates, at);
        }

        @Override
        public void appendEvents(List<ModelEvent> events) {
            tx.appendEvents(events);
        }

        @Override
        public void recordRun(SyncRun run) {
            if (failRecordingRuns) {
                throw failure("recording a run");
            }
            tx.recordRun(run);
        }
    }
}
