package dev.modelaccess.core.sync;

import dev.modelaccess.core.IncompletePaginationException;
import dev.modelaccess.core.MalformedUpstreamResponseException;
import dev.modelaccess.core.catalog.CatalogModel;
import dev.modelaccess.core.catalog.UpstreamModel;
import dev.modelaccess.core.notify.Notifications;
import dev.modelaccess.core.notify.OutboxEntry;
import dev.modelaccess.core.port.ModelAccessStore;
import dev.modelaccess.core.port.ModelCatalogSource;
import dev.modelaccess.core.port.StoreTransaction;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The catalog sync use case: fetch upstream, reconcile, apply — safely.
 *
 * <ol>
 *   <li>Fetch the whole upstream catalog, outside any transaction. An answer that cannot be trusted as a whole
 *       ({@link MalformedUpstreamResponseException}) aborts the run; any other failure fails it.
 *   <li>In one store transaction: take the catalog-sync lock without waiting (when another instance holds it, the
 *       run is {@code skipped}), load the catalog, reconcile it with {@link ModelCatalogReconciler}. A tripped
 *       guard records the run as {@code aborted} in that same transaction and writes nothing else; a plan is
 *       applied, its events appended, the {@link SyncPolicy} asked to decide what follows from it (the catalog rules
 *       on the added models, price holds) and the run recorded as {@code succeeded}, all or nothing.
 *   <li>A run that was skipped or failed is recorded in a transaction of its own. If even that fails (the
 *       database is down), the failure is logged, the outcome is still returned, and the run is kept in memory and
 *       recorded before the next run or preview (at most {@value #MAX_PENDING_RUNS} such runs are kept, oldest
 *       dropped first): the id the outcome hands out reaches {@code sync_runs} once the database is back.
 *   <li>A run never finishes before it started: when the clock steps backwards during a run, its end is recorded
 *       as its start.
 * </ol>
 *
 * <p>Each run logs one line with its counts: {@code INFO} when it succeeded or was skipped, {@code WARN} when it
 * was aborted or failed (with the cause's stack trace), naming the unreadable entries it skipped, if any. Exceptions are never thrown for an upstream or store failure: they
 * come back as {@link SyncOutcome.Failed}, so that a caller (a scheduler, an admin endpoint) always gets the
 * run's summary.
 */
public final class CatalogSync {

    private static final Logger log = LoggerFactory.getLogger(CatalogSync.class);
    private static final int LOGGED_ENTRIES = 20;
    private static final int MAX_PENDING_RUNS = 100;

    private final ModelCatalogSource source;
    private final ModelAccessStore store;
    private final SyncGuards guards;
    private final Clock clock;
    private final Supplier<UUID> runIds;
    private final ModelCatalogReconciler reconciler;
    private final SyncPolicy policy;
    private final Notifications notifications;
    /** Runs whose recording failed, oldest first; recorded before the next run. */
    private final java.util.Deque<SyncRun> unrecorded = new java.util.ArrayDeque<>();

    public CatalogSync(ModelCatalogSource source, ModelAccessStore store, SyncGuards guards, Clock clock) {
        this(source, store, guards, clock, UUID::randomUUID);
    }

    /** @param runIds where the ids of recorded runs come from */
    public CatalogSync(
            ModelCatalogSource source, ModelAccessStore store, SyncGuards guards, Clock clock, Supplier<UUID> runIds) {
        this(source, store, guards, clock, runIds, SyncPolicy.NONE, Notifications.off());
    }

    /** @param policy decisions taken after the plan is written, in its transaction (the catalog rules, price holds) */
    public CatalogSync(
            ModelCatalogSource source,
            ModelAccessStore store,
            SyncGuards guards,
            Clock clock,
            Supplier<UUID> runIds,
            SyncPolicy policy) {
        this(source, store, guards, clock, runIds, policy, Notifications.off());
    }

    /**
     * @param notifications the notices a run writes to the outbox, in the run's own transaction: models awaiting
     *     review, vanished, repriced (with the plan), a failed or stopped run (with the run's record)
     */
    public CatalogSync(
            ModelCatalogSource source,
            ModelAccessStore store,
            SyncGuards guards,
            Clock clock,
            Supplier<UUID> runIds,
            Notifications notifications) {
        this(source, store, guards, clock, runIds, SyncPolicy.NONE, notifications);
    }

    /**
     * @param policy decisions taken after the plan is written, in its transaction (the catalog rules, price holds)
     * @param notifications the notices a run writes to the outbox, in the run's own transaction: models awaiting
     *     review, vanished, repriced (with the plan), a failed or stopped run (with the run's record)
     */
    public CatalogSync(
            ModelCatalogSource source,
            ModelAccessStore store,
            SyncGuards guards,
            Clock clock,
            Supplier<UUID> runIds,
            SyncPolicy policy,
            Notifications notifications) {
        this.policy = Objects.requireNonNull(policy, "policy");
        this.notifications = Objects.requireNonNull(notifications, "notifications");
        this.source = Objects.requireNonNull(source, "source");
        this.store = Objects.requireNonNull(store, "store");
        this.guards = Objects.requireNonNull(guards, "guards");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.runIds = Objects.requireNonNull(runIds, "runIds");
        this.reconciler = new ModelCatalogReconciler(clock);
    }

    /**
     * Runs one sync and records it.
     *
     * @param force let the run past the ratio guards ({@code min-upstream-ratio}, {@code max-deactivation-ratio});
     *     never past an empty list, a duplicate id or an untrustworthy answer
     */
    public SyncOutcome run(SyncTrigger trigger, boolean force) {
        Objects.requireNonNull(trigger, "trigger");
        recordPendingRuns();
        UUID id = runIds.get();
        Instant startedAt = clock.instant();
        SyncOutcome outcome = execute(new RunStart(id, trigger, startedAt), force);
        logOutcome(outcome, force);
        return outcome;
    }

    /** Fetches, loads and reconciles like {@link #run}, and writes nothing at all. */
    public SyncPreview dryRun(boolean force) {
        recordPendingRuns();
        UpstreamSnapshot snapshot;
        try {
            snapshot = source.fetchCatalog();
        } catch (MalformedUpstreamResponseException e) {
            return new SyncPreview.Aborted(reasonFor(e), messageOf(e));
        } catch (RuntimeException e) {
            return new SyncPreview.Failed(e);
        }
        try {
            return switch (reconciler.reconcile(store.loadCatalog(), snapshot, guards, force)) {
                case Reconciliation.Planned planned -> new SyncPreview.Planned(planned.plan());
                case Reconciliation.Aborted aborted -> new SyncPreview.Aborted(aborted.reason(), aborted.detail());
            };
        } catch (RuntimeException e) {
            return new SyncPreview.Failed(e);
        }
    }

    private record RunStart(UUID id, SyncTrigger trigger, Instant startedAt) {

        /** The finished run; a clock that stepped backwards since the start cannot end it before it started. */
        SyncRun end(SyncRunStatus status, Instant finishedAt, SyncCounts counts, @Nullable String error) {
            Instant end = finishedAt.isBefore(startedAt) ? startedAt : finishedAt;
            return new SyncRun(id, trigger, status, startedAt, end, counts, error);
        }
    }

    private SyncOutcome execute(RunStart start, boolean force) {
        UpstreamSnapshot snapshot;
        try {
            snapshot = source.fetchCatalog();
        } catch (MalformedUpstreamResponseException e) {
            AbortReason reason = reasonFor(e);
            SyncRun run =
                    start.end(SyncRunStatus.ABORTED, clock.instant(), SyncCounts.ZERO, abortText(reason, messageOf(e)));
            recordAlone(run);
            return new SyncOutcome.Aborted(run, reason, messageOf(e));
        } catch (RuntimeException e) {
            return failed(start, e);
        }
        SyncOutcome outcome;
        try {
            outcome = store.inTransaction(tx -> apply(tx, start, snapshot, force));
        } catch (RuntimeException e) {
            return failed(start, e);
        }
        if (outcome instanceof SyncOutcome.Skipped skipped) {
            recordAlone(skipped.run());
        }
        return outcome;
    }

    /**
     * The stored rows of the models a sync plan changes, each read once in the run's transaction: those whose
     * fingerprint differs are read while reconciling (to tell what changed), and the plan's other refreshed,
     * deactivated or returned models after it; together they are the rows as they were before the plan is written,
     * which the policy and the notices compare with. None for a plan that only adds or changes nothing, so an
     * unchanged sync reads no stored description.
     */
    private static final class RowsBefore {
        private final StoreTransaction tx;
        private final Map<String, CatalogModel> read = new HashMap<>();

        RowsBefore(StoreTransaction tx) {
            this.tx = tx;
        }

        /** The stored descriptions of these models, for the reconciler; their rows are kept. */
        Map<String, UpstreamModel> upstream(Collection<String> modelIds) {
            Map<String, UpstreamModel> found = new HashMap<>(modelIds.size() * 2);
            for (CatalogModel row : load(modelIds)) {
                found.put(row.modelId(), row.upstream());
            }
            return found;
        }

        /** The rows the plan refreshes, deactivates or brings back, in that order; read now if not yet. */
        List<CatalogModel> of(SyncPlan plan) {
            List<String> ids = new ArrayList<>();
            plan.refreshed().forEach(refresh -> ids.add(refresh.upsert().model().id()));
            plan.deactivated().forEach(deactivation -> ids.add(deactivation.modelId()));
            plan.returned()
                    .forEach(returned -> ids.add(returned.upsert().model().id()));
            List<String> unread =
                    ids.stream().filter(id -> !read.containsKey(id)).toList();
            if (!unread.isEmpty()) {
                load(unread);
            }
            List<CatalogModel> rows = new ArrayList<>(ids.size());
            for (String id : ids) {
                CatalogModel row = read.get(id);
                if (row != null) {
                    rows.add(row);
                }
            }
            return rows;
        }

        private List<CatalogModel> load(Collection<String> modelIds) {
            List<CatalogModel> rows = tx.loadModels(modelIds);
            rows.forEach(row -> read.put(row.modelId(), row));
            return rows;
        }
    }

    /** The transactional part. Returns a skipped outcome whose run is recorded after the transaction. */
    private SyncOutcome apply(StoreTransaction tx, RunStart start, UpstreamSnapshot snapshot, boolean force) {
        if (!tx.tryLockCatalogSync()) {
            return new SyncOutcome.Skipped(start.end(
                    SyncRunStatus.SKIPPED, clock.instant(), SyncCounts.ZERO, "Another catalog sync is running"));
        }
        RowsBefore rows = new RowsBefore(tx);
        Reconciliation reconciliation =
                reconciler.reconcile(tx.loadFingerprints(), rows::upstream, snapshot, guards, force);
        return switch (reconciliation) {
            case Reconciliation.Aborted aborted -> {
                SyncRun run = start.end(
                        SyncRunStatus.ABORTED,
                        clock.instant(),
                        SyncCounts.ZERO,
                        abortText(aborted.reason(), aborted.detail()));
                tx.recordRun(run);
                enqueue(tx, notifications.forStoppedRun(run));
                yield new SyncOutcome.Aborted(run, aborted.reason(), aborted.detail());
            }
            case Reconciliation.Planned planned -> {
                SyncPlan plan = planned.plan();
                List<CatalogModel> before = rows.of(plan);
                if (!plan.writesNothing()) {
                    tx.applySyncPlan(plan, clock.instant());
                }
                if (!plan.events().isEmpty()) {
                    tx.appendEvents(plan.events());
                }
                java.util.Set<String> decided = policy.afterPlan(tx, before, plan, clock.instant());
                enqueue(tx, notifications.forSync(start.id(), before, plan, decided));
                SyncRun run = start.end(SyncRunStatus.SUCCEEDED, clock.instant(), plan.counts(), null);
                tx.recordRun(run);
                yield new SyncOutcome.Succeeded(run, plan);
            }
        };
    }

    private SyncOutcome failed(RunStart start, RuntimeException cause) {
        SyncRun run = start.end(SyncRunStatus.FAILED, clock.instant(), SyncCounts.ZERO, messageOf(cause));
        recordAlone(run);
        return new SyncOutcome.Failed(run, cause);
    }

    /** At most one statement, and none without entries. */
    private static void enqueue(StoreTransaction tx, List<OutboxEntry> entries) {
        if (!entries.isEmpty()) {
            tx.enqueueNotices(entries);
        }
    }

    /**
     * Records a run that ended outside the apply transaction; a failed or aborted one with its notice, in one
     * transaction.
     */
    private void record(SyncRun run) {
        List<OutboxEntry> entries =
                run.status() == SyncRunStatus.SKIPPED ? List.of() : notifications.forStoppedRun(run);
        if (entries.isEmpty()) {
            store.recordRun(run);
            return;
        }
        store.inTransaction(tx -> {
            tx.recordRun(run);
            tx.enqueueNotices(entries);
            return null;
        });
    }

    /** Records a run that ended outside the apply transaction (skipped runs are recorded here too). */
    private void recordAlone(SyncRun run) {
        try {
            record(run);
        } catch (RuntimeException e) {
            log.warn(
                    "Could not record catalog sync run {} ({}): {}; it is recorded before the next run",
                    run.id(),
                    run.status().dbValue(),
                    messageOf(e),
                    e);
            synchronized (unrecorded) {
                if (unrecorded.size() == MAX_PENDING_RUNS) {
                    SyncRun dropped = unrecorded.removeFirst();
                    log.warn(
                            "Gave up recording catalog sync run {}: too many runs could not be recorded", dropped.id());
                }
                unrecorded.addLast(run);
            }
        }
    }

    /**
     * Records the runs whose recording failed earlier (the database was down), oldest first; stops at the first
     * that still fails. Called before every run and preview; callers may call it too (e.g. once the database is
     * back). Returns how many were recorded.
     */
    public int recordPendingRuns() {
        int recorded = 0;
        synchronized (unrecorded) {
            while (!unrecorded.isEmpty()) {
                SyncRun run = unrecorded.peekFirst();
                try {
                    record(run);
                } catch (RuntimeException e) {
                    log.debug("Still cannot record catalog sync run {}: {}", run.id(), messageOf(e));
                    return recorded;
                }
                unrecorded.removeFirst();
                recorded++;
                log.info(
                        "Recorded catalog sync run {} ({}) after the store came back",
                        run.id(),
                        run.status().dbValue());
            }
        }
        return recorded;
    }

    private void logOutcome(SyncOutcome outcome, boolean force) {
        SyncRun run = outcome.run();
        SyncCounts c = run.counts();
        String summary = "Catalog sync {} ({}{}) {} in {} ms: added={} updated={} deactivated={} reactivated={}"
                + " unchanged={} skipped_invalid={}{}{}";
        Object[] arguments = {
            run.id(),
            run.trigger().dbValue(),
            force ? ", forced" : "",
            run.status().dbValue(),
            Duration.between(run.startedAt(), run.finishedAt()).toMillis(),
            c.added(),
            c.updated(),
            c.deactivated(),
            c.reactivated(),
            c.unchanged(),
            c.skippedInvalid(),
            run.error() == null ? "" : ": " + run.error(),
            outcome instanceof SyncOutcome.Succeeded succeeded
                    ? skippedEntries(succeeded.plan().skipped())
                    : ""
        };
        switch (outcome) {
            case SyncOutcome.Succeeded ignored -> log.info(summary, arguments);
            case SyncOutcome.Skipped ignored -> log.info(summary, arguments);
            case SyncOutcome.Aborted ignored -> log.warn(summary, arguments);
            case SyncOutcome.Failed failed -> log.warn(summary, append(arguments, failed.cause()));
        }
    }

    private static Object[] append(Object[] arguments, Throwable cause) {
        Object[] withCause = java.util.Arrays.copyOf(arguments, arguments.length + 1);
        withCause[arguments.length] = cause;
        return withCause;
    }

    /** The unreadable entries a run skipped, for its log line; at most {@value #LOGGED_ENTRIES} of them. */
    private static String skippedEntries(List<InvalidEntry> skipped) {
        if (skipped.isEmpty()) {
            return "";
        }
        StringBuilder text = new StringBuilder("; skipped unreadable entries: ");
        for (int i = 0; i < Math.min(skipped.size(), LOGGED_ENTRIES); i++) {
            InvalidEntry entry = skipped.get(i);
            text.append(i == 0 ? "" : ", ")
                    .append(entry.modelId() == null ? "(no id)" : "'" + entry.modelId() + "'")
                    .append(" (")
                    .append(entry.reason())
                    .append(')');
        }
        if (skipped.size() > LOGGED_ENTRIES) {
            text.append(" and ").append(skipped.size() - LOGGED_ENTRIES).append(" more");
        }
        return text.toString();
    }

    private static AbortReason reasonFor(MalformedUpstreamResponseException e) {
        return e instanceof IncompletePaginationException
                ? AbortReason.INCOMPLETE_PAGINATION
                : AbortReason.MALFORMED_RESPONSE;
    }

    private static String abortText(AbortReason reason, String detail) {
        return reason.name().toLowerCase(java.util.Locale.ROOT) + ": " + detail;
    }

    private static String messageOf(Throwable e) {
        String message = e.getMessage();
        return message == null || message.isBlank() ? e.getClass().getName() : message;
    }
}
