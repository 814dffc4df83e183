package dev.modelaccess.jooq;

import dev.modelaccess.core.catalog.CatalogModel;
import dev.modelaccess.core.catalog.ModelStatus;
import dev.modelaccess.core.port.CatalogFilter;
import dev.modelaccess.core.port.CatalogListing;
import dev.modelaccess.core.port.CatalogPage;
import dev.modelaccess.core.port.CatalogQuery;
import dev.modelaccess.core.port.ExpiringModel;
import dev.modelaccess.core.port.ModelAccessStore;
import dev.modelaccess.core.port.StoreTransaction;
import dev.modelaccess.core.sync.ModelEvent;
import dev.modelaccess.core.sync.SyncRun;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import org.jooq.DSLContext;

/**
 * The {@link ModelAccessStore} on PostgreSQL, with jOOQ ({@link JooqModelAccess#store()}): the catalog ({@code
 * model_access}), its history ({@code model_access_events}) and the sync runs ({@code sync_runs}).
 *
 * <p>Writes: a sync plan is applied with a fixed number of statements however many models it holds (arrays bound
 * once per column and {@code unnest}ed), only upstream-owned columns are written for it, and an unchanged model is
 * not written at all. Admin updates write only status, tier flags and review columns. Every database failure
 * surfaces as a {@link dev.modelaccess.core.StoreException}.
 */
final class JooqModelAccessStore implements ModelAccessStore {

    /** How long one statement of a sync transaction may run unless the host says otherwise. */
    static final Duration DEFAULT_SYNC_STATEMENT_TIMEOUT = Duration.ofMinutes(2);

    private final DSLContext dsl;
    private final Duration syncStatementTimeout;

    /** @param dsl a {@code DSLContext} with dialect {@link org.jooq.SQLDialect#POSTGRES} */
    JooqModelAccessStore(DSLContext dsl) {
        this(dsl, DEFAULT_SYNC_STATEMENT_TIMEOUT);
    }

    /** @param syncStatementTimeout how long one statement of a sync transaction may run; zero for no bound */
    JooqModelAccessStore(DSLContext dsl, Duration syncStatementTimeout) {
        this.dsl = Objects.requireNonNull(dsl, "dsl");
        this.syncStatementTimeout = Objects.requireNonNull(syncStatementTimeout, "syncStatementTimeout");
        if (syncStatementTimeout.isNegative()) {
            throw new IllegalArgumentException("syncStatementTimeout must not be negative");
        }
    }

    @Override
    public List<CatalogModel> loadCatalog() {
        return StoreErrors.guard("Could not load the catalog", () -> CatalogReads.catalog(dsl));
    }

    @Override
    public Optional<CatalogModel> findModel(String modelId) {
        return StoreErrors.guard("Could not read a model", () -> CatalogReads.model(dsl, modelId, false));
    }

    @Override
    public CatalogPage searchModels(CatalogQuery query) {
        return StoreErrors.guard("Could not search the catalog", () -> CatalogReads.search(dsl, query));
    }

    @Override
    public CatalogPage searchModels(CatalogFilter filter) {
        return StoreErrors.guard("Could not search the catalog", () -> CatalogReads.search(dsl, filter));
    }

    @Override
    public CatalogListing listModels(CatalogFilter filter) {
        return StoreErrors.guard("Could not search the catalog", () -> CatalogReads.listing(dsl, filter));
    }

    @Override
    public long countModels(CatalogFilter filter) {
        return StoreErrors.guard("Could not count the catalog", () -> CatalogReads.count(dsl, filter));
    }

    @Override
    public Map<ModelStatus, Long> countByStatus() {
        return StoreErrors.guard("Could not count the catalog", () -> CatalogReads.countByStatus(dsl));
    }

    @Override
    public List<ExpiringModel> expiringModels(LocalDate until) {
        return StoreErrors.guard("Could not read the expiring models", () -> CatalogReads.expiring(dsl, until));
    }

    @Override
    public List<ModelEvent> eventsOf(String modelId, int limit) {
        return StoreErrors.guard("Could not read the model's history", () -> CatalogReads.events(dsl, modelId, limit));
    }

    @Override
    public List<SyncRun> recentRuns(int limit) {
        return StoreErrors.guard("Could not read the sync runs", () -> CatalogReads.runs(dsl, limit));
    }

    /** One statement, so no transaction of its own. */
    @Override
    public void recordRun(SyncRun run) {
        JooqStoreTransaction.recordRun(dsl, run);
    }

    /**
     * Runs {@code work} in one jOOQ transaction ({@code transactionResult}). Exceptions thrown by {@code work} roll
     * it back and are rethrown as they are when they are unchecked; database failures become {@link
     * dev.modelaccess.core.StoreException}.
     */
    @Override
    public <T> T inTransaction(Function<? super StoreTransaction, ? extends T> work) {
        Objects.requireNonNull(work, "work");
        return StoreErrors.inTransaction(
                dsl, "store", tx -> work.apply(new JooqStoreTransaction(tx, syncStatementTimeout)));
    }
}
