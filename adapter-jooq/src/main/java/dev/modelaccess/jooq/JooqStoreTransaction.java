package dev.modelaccess.jooq;

import static dev.modelaccess.jooq.CatalogRows.time;
import static dev.modelaccess.jooq.Tables.MODEL_ACCESS;
import static dev.modelaccess.jooq.Tables.MODEL_ACCESS_EVENTS;
import static org.jooq.impl.DSL.inline;

import dev.modelaccess.core.access.AdminUpdate;
import dev.modelaccess.core.catalog.CatalogFingerprint;
import dev.modelaccess.core.catalog.CatalogModel;
import dev.modelaccess.core.catalog.UpstreamModel;
import dev.modelaccess.core.notify.OutboxEntry;
import dev.modelaccess.core.port.CatalogFilter;
import dev.modelaccess.core.port.StoreTransaction;
import dev.modelaccess.core.sync.ModelEvent;
import dev.modelaccess.core.sync.SyncPlan;
import dev.modelaccess.core.sync.SyncRun;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jooq.DSLContext;
import org.jooq.Table;
import org.jooq.impl.SQLDataType;

/**
 * The writes, inside one transaction of {@link JooqModelAccessStore#inTransaction}: the sync plan's ({@link
 * SyncApply}), the admin's ({@link AdminWrites}), the events and the run. Every bulk write is one statement whatever
 * the number of models ({@link Unnest}).
 */
final class JooqStoreTransaction implements StoreTransaction {

    private final DSLContext dsl;
    private final SyncApply sync;
    private final Duration syncStatementTimeout;

    /** @param syncStatementTimeout how long each statement of a sync transaction may run (0: unbounded) */
    JooqStoreTransaction(DSLContext dsl, Duration syncStatementTimeout) {
        this.dsl = dsl;
        this.sync = new SyncApply(dsl);
        this.syncStatementTimeout = syncStatementTimeout;
    }

    /**
     * {@code pg_try_advisory_xact_lock} on a key made of this library's name and the oid of the {@code model_access}
     * table this transaction sees: every instance that shares that table contends for one lock, while applications
     * with their own {@code model_access} in another schema of the same database do not. The two-key form keeps
     * the lock apart from the single-{@code bigint} keys applications usually take.
     *
     * <p>The same statement bounds every statement of the rest of the transaction - the sync's - with {@code
     * statement_timeout} ({@code set_config(…, true)}, i.e. {@code SET LOCAL}: it ends with the transaction, so a
     * pooled connection goes back to the pool as it came). A statement that runs longer (a bad plan, a lock held
     * elsewhere) is cancelled by PostgreSQL, the transaction rolls back, and the run is recorded as failed.
     *
     * <p>It also plans every statement of the sync with its actual arrays ({@code plan_cache_mode =
     * force_custom_plan}, transaction-local too). Once pgjdbc has prepared a statement server-side (its fifth use on a
     * connection), PostgreSQL may switch to the generic plan, which cannot see how long the {@code unnest} arrays are
     * and guesses a handful of rows: for {@code UPDATE … FROM unnest(…)} of thousands of models it then rescans the
     * array once per catalog row (a nested loop over 50,000 × 5,000 rows), which is how a 50,000-model re-sync ran
     * into the statement timeout (or, before there was one, hung) in a full test run but never alone.
     *
     * <p>And it joins without nested loops ({@code enable_nestloop = off}, transaction-local): the sync's joins match
     * thousands of rows on each side, where a hash join costs one pass over each whatever the row estimates say; a
     * nested loop is only as good as the estimates behind it (a generic plan guesses 10 rows for an array, and a table
     * filled earlier in the same run may still carry the statistics of its empty self), and with a wrong one it reads
     * one side once per row of the other. It costs a small sync one pass over {@code model_access} instead of a few
     * index lookups.
     */
    @Override
    public boolean tryLockCatalogSync() {
        return StoreErrors.guard(
                "Could not take the catalog-sync lock",
                () -> Boolean.TRUE.equals(dsl.fetchValue(
                        "select pg_try_advisory_xact_lock(hashtext('dev.modelaccess.catalog-sync'),"
                                + " hashtext(cast(cast({0} as regclass) as oid)::text))"
                                + " from (select set_config('statement_timeout', {1}, true),"
                                + " set_config('plan_cache_mode', 'force_custom_plan', true),"
                                + " set_config('enable_nestloop', 'off', true)) as bounded",
                        inline(MODEL_ACCESS.getName()), inline(syncStatementTimeout.toMillis() + "ms"))));
    }

    @Override
    public List<CatalogModel> loadCatalog() {
        return StoreErrors.guard("Could not load the catalog", () -> CatalogReads.catalog(dsl));
    }

    /** Four narrow columns of every row: the stored upstream JSON is not read. */
    @Override
    public List<CatalogFingerprint> loadFingerprints() {
        return StoreErrors.guard("Could not load the catalog's fingerprints", () -> CatalogReads.fingerprints(dsl));
    }

    /** One statement, without the rows' upstream JSON ({@code {}} stands in for it). */
    @Override
    public List<CatalogModel> loadModels(Collection<String> modelIds) {
        List<CatalogModel> rows = StoreErrors.guard(
                "Could not load the models the sync changes", () -> CatalogReads.models(dsl, modelIds));
        sync.read(rows);
        return rows;
    }

    /** One statement, without the rows' upstream JSON ({@code {}} stands in for it). */
    @Override
    public Map<String, UpstreamModel> loadUpstream(Collection<String> modelIds) {
        List<CatalogModel> rows = StoreErrors.guard(
                "Could not load the stored upstream descriptions", () -> CatalogReads.models(dsl, modelIds));
        sync.read(rows);
        Map<String, UpstreamModel> found = new HashMap<>(rows.size() * 2);
        rows.forEach(row -> found.put(row.modelId(), row.upstream()));
        return found;
    }

    /**
     * One {@code SELECT … FOR UPDATE} of the matching rows in model id order, without their upstream JSON and
     * description (an admin's decision reads neither; the rows stand in with {@code {}} and no description).
     */
    @Override
    public List<CatalogModel> lockMatching(CatalogFilter filter) {
        return StoreErrors.guard("Could not lock the matching models", () -> CatalogReads.lockMatching(dsl, filter));
    }

    @Override
    public Optional<CatalogModel> lockModel(String modelId) {
        return StoreErrors.guard(
                "Could not lock the model '" + CatalogRows.abbreviate(modelId) + "'",
                () -> CatalogReads.model(dsl, modelId, true));
    }

    @Override
    public void applySyncPlan(SyncPlan plan, Instant at) {
        OffsetDateTime now = time(at);
        StoreErrors.guard("Could not apply the sync plan", () -> {
            sync.apply(plan, now);
            return null;
        });
    }

    @Override
    public void applyAdminUpdates(List<AdminUpdate> updates, Instant at) {
        AdminWrites.apply(dsl, updates, time(at));
    }

    /** One statement for all the events, in the order given (their ids follow it). */
    @Override
    public void appendEvents(List<ModelEvent> planned) {
        List<ModelEvent> events = sync.asWritten(planned);
        if (events.isEmpty()) {
            return;
        }
        Table<?> v = Unnest.of(events)
                .column("model_id", SQLDataType.CLOB, ModelEvent::modelId)
                .column("kind", SQLDataType.CLOB, event -> event.kind().dbValue())
                .column("old_value", SQLDataType.CLOB, event -> StoredJson.texts(event.before()))
                .column("new_value", SQLDataType.CLOB, event -> StoredJson.texts(event.after()))
                .column("actor", SQLDataType.CLOB, ModelEvent::actor)
                .column("at", SQLDataType.TIMESTAMPWITHTIMEZONE, event -> time(event.at()))
                .table(true);
        StoreErrors.guard(
                "Could not record the model events",
                () -> dsl.insertInto(
                                MODEL_ACCESS_EVENTS,
                                MODEL_ACCESS_EVENTS.MODEL_ID,
                                MODEL_ACCESS_EVENTS.KIND,
                                MODEL_ACCESS_EVENTS.OLD_VALUE,
                                MODEL_ACCESS_EVENTS.NEW_VALUE,
                                MODEL_ACCESS_EVENTS.ACTOR,
                                MODEL_ACCESS_EVENTS.AT)
                        .select(dsl.select(
                                        Unnest.field("model_id", SQLDataType.CLOB),
                                        Unnest.field("kind", SQLDataType.CLOB),
                                        Unnest.field("old_value", SQLDataType.CLOB)
                                                .cast(SQLDataType.JSONB),
                                        Unnest.field("new_value", SQLDataType.CLOB)
                                                .cast(SQLDataType.JSONB),
                                        Unnest.field("actor", SQLDataType.CLOB),
                                        Unnest.field("at", SQLDataType.TIMESTAMPWITHTIMEZONE))
                                .from(v)
                                .orderBy(Unnest.field(Unnest.ORDINALITY, SQLDataType.BIGINT)))
                        .execute());
    }

    @Override
    public int enqueueNotices(List<OutboxEntry> entries) {
        return OutboxWrites.enqueue(dsl, entries);
    }

    @Override
    public void recordRun(SyncRun run) {
        recordRun(dsl, run);
    }

    static void recordRun(DSLContext dsl, SyncRun run) {
        StoreErrors.guard("Could not record the sync run", () -> dsl.executeInsert(CatalogRows.record(run)));
    }

    @Override
    public void placeReviewHolds(List<dev.modelaccess.core.policy.ReviewHold> holds) {
        JooqCatalogPolicy.place(dsl, holds);
    }

    @Override
    public Optional<dev.modelaccess.core.policy.ReviewHold> clearReviewHold(String modelId) {
        return JooqCatalogPolicy.clear(dsl, modelId);
    }
}
