package dev.modelaccess.testsupport.memory;

import dev.modelaccess.core.catalog.CatalogModel;
import dev.modelaccess.core.policy.ReviewHold;
import dev.modelaccess.core.port.CatalogPage;
import dev.modelaccess.core.port.CatalogQuery;
import dev.modelaccess.core.port.CatalogReader;
import dev.modelaccess.core.sync.ModelEvent;
import dev.modelaccess.core.sync.SyncRun;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;

/**
 * The committed state of an {@link InMemoryModelAccessStore} and the reads on it: the {@link CatalogReader} part of the
 * store. {@link MemoryTransaction}s read through it and publish their overlay into it when they commit.
 */
final class MemoryCatalog implements CatalogReader {

    private final Object monitor = new Object();
    private final Map<String, CatalogModel> rows = new HashMap<>();
    private final List<ModelEvent> events = new ArrayList<>();
    private final Map<UUID, SyncRun> runs = new LinkedHashMap<>();
    private final Map<String, Semaphore> rowLocks = new ConcurrentHashMap<>();
    private final AtomicReference<@Nullable MemoryTransaction> syncLockHolder = new AtomicReference<>();
    private long committedRowWrites;
    private long committedTransactions;

    @Override
    public List<CatalogModel> loadCatalog() {
        synchronized (monitor) {
            return byModelId(rows.values());
        }
    }

    @Override
    public Optional<CatalogModel> findModel(String modelId) {
        return Optional.ofNullable(committedRow(modelId));
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
        Collections.reverse(all);
        return all.stream()
                .sorted(Comparator.comparing(SyncRun::startedAt).reversed())
                .limit(limit)
                .toList();
    }

    void seed(Collection<CatalogModel> models) {
        synchronized (monitor) {
            for (CatalogModel model : models) {
                rows.put(model.modelId(), model);
            }
        }
    }

    long committedRowWrites() {
        synchronized (monitor) {
            return committedRowWrites;
        }
    }

    long committedTransactions() {
        synchronized (monitor) {
            return committedTransactions;
        }
    }

    List<ModelEvent> allEvents() {
        synchronized (monitor) {
            return List.copyOf(events);
        }
    }

    /** A copy of the committed rows, by model id. */
    Map<String, CatalogModel> committedRows() {
        synchronized (monitor) {
            return new HashMap<>(rows);
        }
    }

    private final List<dev.modelaccess.core.notify.OutboxEntry> outbox = new java.util.ArrayList<>();

    /** The outbox entries committed, in order. */
    List<dev.modelaccess.core.notify.OutboxEntry> outbox() {
        synchronized (monitor) {
            return List.copyOf(outbox);
        }
    }

    @Nullable
    CatalogModel committedRow(String modelId) {
        synchronized (monitor) {
            return rows.get(modelId);
        }
    }

    /** Pending price holds by model id, in the order they were first placed. */
    private final java.util.Map<String, ReviewHold> holds = new java.util.LinkedHashMap<>();

    /** The committed holds, oldest first. */
    List<ReviewHold> committedHolds() {
        synchronized (monitor) {
            return List.copyOf(holds.values());
        }
    }

    @Nullable
    ReviewHold committedHold(String modelId) {
        synchronized (monitor) {
            return holds.get(modelId);
        }
    }

    /** Publishes a transaction's writes atomically; an empty hold write clears the model's hold. */
    void commit(
            Collection<CatalogModel> written,
            List<ModelEvent> newEvents,
            List<SyncRun> newRuns,
            java.util.Map<String, java.util.Optional<ReviewHold>> holdWrites,
            List<dev.modelaccess.core.notify.OutboxEntry> newNotices) {
        synchronized (monitor) {
            holdWrites.forEach((modelId, hold) -> {
                if (hold.isPresent()) {
                    holds.put(modelId, hold.get());
                } else {
                    holds.remove(modelId);
                }
            });
            commit(written, newEvents, newRuns, newNotices);
        }
    }

    /** Publishes a transaction's writes atomically. */
    void commit(Collection<CatalogModel> written, List<ModelEvent> newEvents, List<SyncRun> newRuns) {
        commit(written, newEvents, newRuns, List.of());
    }

    /** Publishes a transaction's writes atomically, with its outbox entries. */
    void commit(
            Collection<CatalogModel> written,
            List<ModelEvent> newEvents,
            List<SyncRun> newRuns,
            List<dev.modelaccess.core.notify.OutboxEntry> newNotices) {
        synchronized (monitor) {
            for (dev.modelaccess.core.notify.OutboxEntry entry : newNotices) {
                String key = entry.notice().dedupeKey();
                if (key == null
                        || outbox.stream()
                                .noneMatch(e -> e.channel() == entry.channel()
                                        && key.equals(e.notice().dedupeKey()))) {
                    outbox.add(entry);
                }
            }
            written.forEach(row -> rows.put(row.modelId(), row));
            events.addAll(newEvents);
            newRuns.forEach(run -> runs.put(run.id(), run));
            committedRowWrites += written.size();
            committedTransactions++;
        }
    }

    Semaphore rowLock(String modelId) {
        return rowLocks.computeIfAbsent(modelId, id -> new Semaphore(1));
    }

    boolean hasWaitersOnRow(String modelId) {
        Semaphore lock = rowLocks.get(modelId);
        return lock != null && lock.hasQueuedThreads();
    }

    boolean tryLockCatalogSync(MemoryTransaction tx) {
        return syncLockHolder.get() == tx || syncLockHolder.compareAndSet(null, tx);
    }

    void releaseCatalogSync(MemoryTransaction tx) {
        syncLockHolder.compareAndSet(tx, null);
    }

    static List<CatalogModel> byModelId(Collection<CatalogModel> models) {
        return models.stream()
                .sorted(Comparator.comparing(CatalogModel::modelId))
                .toList();
    }

    private static void requireLimit(int limit) {
        if (limit < 0) {
            throw new IllegalArgumentException("limit must not be negative, was " + limit);
        }
    }
}
