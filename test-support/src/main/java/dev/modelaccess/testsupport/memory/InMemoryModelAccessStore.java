package dev.modelaccess.testsupport.memory;

import dev.modelaccess.core.ModelAccessException;
import dev.modelaccess.core.catalog.CatalogModel;
import dev.modelaccess.core.port.CatalogPage;
import dev.modelaccess.core.port.CatalogQuery;
import dev.modelaccess.core.port.ModelAccessStore;
import dev.modelaccess.core.port.StoreTransaction;
import dev.modelaccess.core.sync.ModelEvent;
import dev.modelaccess.core.sync.SyncRun;
import java.time.Clock;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * A {@link ModelAccessStore} in memory, faithful to the port's contract, for tests of the code that uses a store.
 * It passes every part of the store contract (test-support's {@code contract} suites) as the PostgreSQL store
 * does. Its reads are in {@link MemoryCatalog}, its transactions in {@link MemoryTransaction}.
 *
 * <p>How it behaves, mirroring PostgreSQL at {@code READ COMMITTED}:
 *
 * <ul>
 *   <li>A transaction writes into a private overlay; its reads see the committed state plus its own writes.
 *       When the work returns, the overlay is published atomically; when it throws, the overlay is dropped.
 *   <li>Every row a transaction writes or {@link StoreTransaction#lockModel locks} is locked until the
 *       transaction ends, so concurrent transactions never lose each other's updates; a row lock waits at most
 *       {@value #LOCK_TIMEOUT_SECONDS} seconds (PostgreSQL would report a deadlock), then the transaction fails.
 *   <li>{@link StoreTransaction#tryLockCatalogSync()} is a transaction-scoped lock that never waits, like {@code
 *       pg_try_advisory_xact_lock}.
 *   <li>{@code created_at} and {@code updated_at} come from the store's {@link Clock} (the database's {@code
 *       now()}); the other times from the {@code at} the caller passes.
 *   <li>Lists are ordered by model id in code-point order ({@code COLLATE "C"}).
 * </ul>
 *
 * <p>A transaction must be used on the thread that runs it, only while its work runs.
 */
public final class InMemoryModelAccessStore implements ModelAccessStore, dev.modelaccess.core.policy.ReviewHolds {

    static final long LOCK_TIMEOUT_SECONDS = 30;

    private final Clock clock;
    private final MemoryCatalog catalog = new MemoryCatalog();

    /** A store whose {@code created_at}/{@code updated_at} come from {@code clock}. */
    public InMemoryModelAccessStore(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** A store on the system clock (UTC). */
    public InMemoryModelAccessStore() {
        this(Clock.systemUTC());
    }

    /**
     * Puts rows into the store as they are, outside any transaction, replacing rows with the same model id. For
     * setting up a test; no event is recorded and nothing counts as a write.
     */
    public InMemoryModelAccessStore seed(Collection<CatalogModel> models) {
        catalog.seed(models);
        return this;
    }

    /** @see #seed(Collection) */
    public InMemoryModelAccessStore seed(CatalogModel... models) {
        return seed(List.of(models));
    }

    /**
     * How many row writes committed transactions have made (a row written twice in one transaction counts
     * once). A sync that changes nothing leaves it unchanged.
     */
    public long committedRowWrites() {
        return catalog.committedRowWrites();
    }

    /** How many transactions have committed (rolled-back ones do not count). */
    public long committedTransactions() {
        return catalog.committedTransactions();
    }

    /** Every outbox entry committed, in the order written (a dedupe key already written for its channel: skipped). */
    public List<dev.modelaccess.core.notify.OutboxEntry> outbox() {
        return catalog.outbox();
    }

    /** Every event ever appended, in the order they were appended. */
    public List<ModelEvent> allEvents() {
        return catalog.allEvents();
    }

    /** Whether a transaction is waiting for the row lock of {@code modelId} (for tests of this store). */
    boolean hasWaitersOnRow(String modelId) {
        return catalog.hasWaitersOnRow(modelId);
    }

    @Override
    public List<CatalogModel> loadCatalog() {
        return catalog.loadCatalog();
    }

    @Override
    public Optional<CatalogModel> findModel(String modelId) {
        return catalog.findModel(modelId);
    }

    @Override
    public CatalogPage searchModels(CatalogQuery query) {
        return catalog.searchModels(query);
    }

    @Override
    public List<ModelEvent> eventsOf(String modelId, int limit) {
        return catalog.eventsOf(modelId, limit);
    }

    /** The pending price holds, oldest first. */
    @Override
    public List<dev.modelaccess.core.policy.ReviewHold> pending() {
        return catalog.committedHolds();
    }

    @Override
    public List<SyncRun> recentRuns(int limit) {
        return catalog.recentRuns(limit);
    }

    @Override
    public void recordRun(SyncRun run) {
        inTransaction(tx -> {
            tx.recordRun(run);
            return null;
        });
    }

    @Override
    public <T> T inTransaction(Function<? super StoreTransaction, ? extends T> work) {
        MemoryTransaction tx = new MemoryTransaction(catalog, clock);
        try {
            T result = work.apply(tx);
            tx.commit();
            return result;
        } catch (ModelAccessException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new ModelAccessException("The store transaction was rolled back: " + e.getMessage(), e);
        } finally {
            tx.end();
        }
    }
}
