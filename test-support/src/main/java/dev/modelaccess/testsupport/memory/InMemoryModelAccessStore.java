package dev.modelaccess.testsupport.memory;

import dev.modelaccess.core.ModelAccessException;
import dev.modelaccess.core.access.AdminUpdate;
import dev.modelaccess.core.catalog.CatalogModel;
import dev.modelaccess.core.catalog.ModelStatus;
import dev.modelaccess.core.catalog.TierFlags;
import dev.modelaccess.core.port.CatalogPage;
import dev.modelaccess.core.port.CatalogQuery;
import dev.modelaccess.core.port.ModelAccessStore;
import dev.modelaccess.core.port.StoreTransaction;
import dev.modelaccess.core.sync.ModelEvent;
import dev.modelaccess.core.sync.SyncPlan;
import dev.modelaccess.core.sync.SyncRun;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * A {@link ModelAccessStore} in memory, faithful to the port's contract, for tests of the code that uses a store.
 * It passes the same {@code ModelAccessStoreContract} as the PostgreSQL store.
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
public final class InMemoryModelAccessStore implements ModelAccessStore {

    static final long LOCK_TIMEOUT_SECONDS = 30;

    private final Clock clock;
    private final Object monitor = new Object();
    private final Map<String, CatalogModel> rows = new HashMap<>();
    private final List<ModelEvent> events = new ArrayList<>();
    private final Map<UUID, SyncRun> runs = new LinkedHashMap<>();
    private final Map<String, Semaphore> rowLocks = new ConcurrentHashMap<>();
    private final AtomicReference<@Nullable Transaction> syncLockHolder = new AtomicReference<>();
    private long committedRowWrites;
    private long committedTransactions;

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
        synchronized (monitor) {
            for (CatalogModel model : models) {
                rows.put(model.modelId(), model);
            }
        }
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
        synchronized (monitor) {
            return committedRowWrites;
        }
    }

    /** How many transactions have committed (rolled-back ones do not count). */
    public long committedTransactions() {
        synchronized (monitor) {
            return committedTransactions;
        }
    }

    /** Every event ever appended, in the order they were appended. */
    public List<ModelEvent> allEvents() {
        synchronized (monitor) {
            return List.copyOf(events);
        }
    }

    /** Whether a transaction is waiting for the row lock of {@code modelId} (for tests of this store). */
    boolean hasWaitersOnRow(String modelId) {
        Semaphore lock = rowLocks.get(modelId);
        return lock != null && lock.hasQueuedThreads();
    }

    @Override
    public List<CatalogModel> loadCatalog() {
        synchronized (monitor) {
            return byModelId(rows.values());
        }
    }

    @Override
    public Optional<CatalogModel> findModel(String modelId) {
        synchronized (monitor) {
            return Optional.ofNullable(rows.get(modelId));
        }
    }

    @Override
    public CatalogPage searchModels(CatalogQuery query) {
        String text = query.text() == null ? null : query.text().toLowerCase(Locale.ROOT);
        List<CatalogModel> matches = loadCatalog().stream()
                .filter(model -> query.status() == null || model.status() == query.status())
                .filter(model -> text == null
                        || model.modelId().toLowerCase(Locale.ROOT).contains(text)
                        || (model.upstream().name() != null
                                && model.upstream()
                                        .name()
                                        .toLowerCase(Locale.ROOT)
                                        .contains(text)))
                .toList();
        List<CatalogModel> page =
                matches.stream().skip(query.offset()).limit(query.limit()).toList();
        return new CatalogPage(page, matches.size());
    }

    @Override
    public List<ModelEvent> eventsOf(String modelId, int limit) {
        requireLimit(limit);
        List<ModelEvent> found = new ArrayList<>();
        synchronized (monitor) {
            // Newest first; among equal times, the one appended last first.
            for (int i = events.size() - 1; i >= 0; i--) {
                if (events.get(i).modelId().equals(modelId)) {
                    found.add(events.get(i));
                }
            }
        }
        return found.stream()
                .sorted(Comparator.comparing(ModelEvent::at).reversed())
                .limit(limit)
                .toList();
    }

    @Override
    public List<SyncRun> recentRuns(int limit) {
        requireLimit(limit);
        List<SyncRun> all;
        synchronized (monitor) {
            all = new ArrayList<>(runs.values());
        }
        java.util.Collections.reverse(all);
        return all.stream()
                .sorted(Comparator.comparing(SyncRun::startedAt).reversed())
                .limit(limit)
                .toList();
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
        Transaction tx = new Transaction();
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

    private static void requireLimit(int limit) {
        if (limit < 0) {
            throw new IllegalArgumentException("limit must not be negative, was " + limit);
        }
    }

    private static List<CatalogModel> byModelId(Collection<CatalogModel> models) {
        return models.stream()
                .sorted(Comparator.comparing(CatalogModel::modelId))
                .toList();
    }

    private final class Transaction implements StoreTransaction {

        /** Rows this transaction wrote, by model id. */
        private final Map<String, CatalogModel> written = new TreeMap<>();

        private final List<ModelEvent> newEvents = new ArrayList<>();
        private final List<SyncRun> newRuns = new ArrayList<>();
        private final Set<String> lockedRows = new TreeSet<>();
        private boolean open = true;

        @Override
        public boolean tryLockCatalogSync() {
            requireOpen();
            return syncLockHolder.get() == this || syncLockHolder.compareAndSet(null, this);
        }

        @Override
        public List<CatalogModel> loadCatalog() {
            requireOpen();
            Map<String, CatalogModel> view;
            synchronized (monitor) {
                view = new HashMap<>(rows);
            }
            view.putAll(written);
            return byModelId(view.values());
        }

        @Override
        public Optional<CatalogModel> lockModel(String modelId) {
            requireOpen();
            lockRows(List.of(modelId));
            return Optional.ofNullable(current(modelId));
        }

        @Override
        public void applySyncPlan(SyncPlan plan, Instant at) {
            requireOpen();
            List<String> ids = new ArrayList<>();
            plan.added().forEach(added -> ids.add(added.model().id()));
            plan.refreshed().forEach(refresh -> ids.add(refresh.upsert().model().id()));
            plan.deactivated().forEach(gone -> ids.add(gone.modelId()));
            plan.returned().forEach(back -> ids.add(back.upsert().model().id()));
            lockRows(ids);
            Instant now = clock.instant();
            for (SyncPlan.Upsert added : plan.added()) {
                CatalogModel existing = current(added.model().id());
                if (existing == null) {
                    write(new CatalogModel(
                            UUID.randomUUID(),
                            added.model(),
                            added.fingerprint(),
                            ModelStatus.NEW,
                            null,
                            TierFlags.NONE,
                            at,
                            at,
                            null,
                            at,
                            null,
                            null,
                            now,
                            now));
                } else {
                    // Inserted meanwhile by someone else: ON CONFLICT refreshes the upstream columns only.
                    write(withUpstream(existing, added, at, now));
                }
            }
            for (SyncPlan.Refresh refresh : plan.refreshed()) {
                CatalogModel row = current(refresh.upsert().model().id());
                if (row != null) {
                    write(withUpstream(row, refresh.upsert(), at, now));
                }
            }
            for (SyncPlan.Deactivation gone : plan.deactivated()) {
                CatalogModel row = current(gone.modelId());
                if (row != null && row.status() != ModelStatus.INACTIVE) {
                    write(new CatalogModel(
                            row.id(),
                            row.upstream(),
                            row.fingerprint(),
                            ModelStatus.INACTIVE,
                            row.status(), // the status at write time, not the one the plan saw
                            row.tiers(),
                            row.firstSeenAt(),
                            row.lastSeenAt(),
                            at,
                            at,
                            row.reviewedBy(),
                            row.reviewedAt(),
                            row.createdAt(),
                            now));
                }
            }
            for (SyncPlan.Return back : plan.returned()) {
                CatalogModel row = current(back.upsert().model().id());
                if (row == null) {
                    continue;
                }
                CatalogModel refreshed = withUpstream(row, back.upsert(), at, now);
                if (row.status() != ModelStatus.INACTIVE) {
                    write(refreshed);
                    continue;
                }
                ModelStatus before = row.statusBeforeInactive();
                ModelStatus restored =
                        before == null || before == ModelStatus.INACTIVE ? back.restoredStatus() : before;
                write(new CatalogModel(
                        refreshed.id(),
                        refreshed.upstream(),
                        refreshed.fingerprint(),
                        restored,
                        null,
                        refreshed.tiers(),
                        refreshed.firstSeenAt(),
                        at,
                        null,
                        at,
                        refreshed.reviewedBy(),
                        refreshed.reviewedAt(),
                        refreshed.createdAt(),
                        now));
            }
        }

        @Override
        public void applyAdminUpdates(List<AdminUpdate> updates, Instant at) {
            requireOpen();
            lockRows(updates.stream().map(AdminUpdate::modelId).toList());
            Instant now = clock.instant();
            for (AdminUpdate update : updates) {
                CatalogModel row = current(update.modelId());
                if (row == null || update.changesNothing()) {
                    continue;
                }
                write(new CatalogModel(
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
                        now));
            }
        }

        @Override
        public void appendEvents(List<ModelEvent> events) {
            requireOpen();
            newEvents.addAll(events);
        }

        @Override
        public void recordRun(SyncRun run) {
            requireOpen();
            newRuns.add(Objects.requireNonNull(run, "run"));
        }

        private @Nullable CatalogModel current(String modelId) {
            CatalogModel mine = written.get(modelId);
            if (mine != null) {
                return mine;
            }
            synchronized (monitor) {
                return rows.get(modelId);
            }
        }

        private void write(CatalogModel row) {
            written.put(row.modelId(), row);
        }

        /** Locks rows in model-id order (as an {@code UPDATE} in a fixed order would), waiting for other writers. */
        private void lockRows(List<String> modelIds) {
            for (String modelId : new TreeSet<>(modelIds)) {
                if (lockedRows.contains(modelId)) {
                    continue;
                }
                Semaphore lock = rowLocks.computeIfAbsent(modelId, id -> new Semaphore(1));
                try {
                    if (!lock.tryAcquire(LOCK_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                        throw new ModelAccessException("Gave up waiting " + Duration.ofSeconds(LOCK_TIMEOUT_SECONDS)
                                + " for the row lock of a model: a deadlock between transactions?");
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new ModelAccessException("Interrupted while waiting for a row lock", e);
                }
                lockedRows.add(modelId);
            }
        }

        private void commit() {
            synchronized (monitor) {
                rows.putAll(written);
                events.addAll(newEvents);
                newRuns.forEach(run -> runs.put(run.id(), run));
                committedRowWrites += written.size();
                committedTransactions++;
            }
        }

        private void end() {
            open = false;
            for (String modelId : lockedRows) {
                rowLocks.get(modelId).release();
            }
            lockedRows.clear();
            syncLockHolder.compareAndSet(this, null);
        }

        private void requireOpen() {
            if (!open) {
                throw new IllegalStateException("This store transaction has ended");
            }
        }
    }

    private static CatalogModel withUpstream(CatalogModel row, SyncPlan.Upsert upsert, Instant at, Instant now) {
        return new CatalogModel(
                row.id(),
                upsert.model(),
                upsert.fingerprint(),
                row.status(),
                row.statusBeforeInactive(),
                row.tiers(),
                row.firstSeenAt(),
                at,
                row.removedAt(),
                row.statusChangedAt(),
                row.reviewedBy(),
                row.reviewedAt(),
                row.createdAt(),
                now);
    }
}
