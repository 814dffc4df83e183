package dev.modelaccess.jooq;

import static dev.modelaccess.jooq.CatalogRows.UPSTREAM_COLUMNS;
import static dev.modelaccess.jooq.CatalogRows.time;
import static dev.modelaccess.jooq.internal.generated.Tables.MODEL_ACCESS;
import static dev.modelaccess.jooq.internal.generated.Tables.MODEL_ACCESS_EVENTS;
import static org.jooq.impl.DSL.coalesce;
import static org.jooq.impl.DSL.inline;
import static org.jooq.impl.DSL.val;
import static org.jooq.impl.DSL.when;

import dev.modelaccess.core.LifecycleViolationException;
import dev.modelaccess.core.ModelAccessException;
import dev.modelaccess.core.ModelNotFoundException;
import dev.modelaccess.core.StoreException;
import dev.modelaccess.core.access.AdminUpdate;
import dev.modelaccess.core.catalog.CatalogModel;
import dev.modelaccess.core.catalog.ModelStatus;
import dev.modelaccess.core.port.StoreTransaction;
import dev.modelaccess.core.sync.EventKind;
import dev.modelaccess.core.sync.ModelEvent;
import dev.modelaccess.core.sync.SyncPlan;
import dev.modelaccess.core.sync.SyncRun;
import dev.modelaccess.jooq.internal.generated.tables.records.ModelAccessRecord;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.DataType;
import org.jooq.Field;
import org.jooq.QueryPart;
import org.jooq.Table;
import org.jooq.TableField;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The writes, inside one transaction of {@link JooqModelAccessStore#inTransaction}.
 *
 * <p>Every bulk write is one statement whatever the number of models: each column travels as one array parameter
 * and PostgreSQL turns the arrays back into rows with {@code unnest(…)}. (A multi-row {@code VALUES} list would need
 * one parameter per cell, and pgjdbc refuses statements with more than 32,767 parameters.) Every value travels as
 * text and is cast to its column's type by PostgreSQL, so decimals and timestamps arrive exactly.
 */
final class JooqStoreTransaction implements StoreTransaction {

    private static final Logger log = LoggerFactory.getLogger(JooqStoreTransaction.class);

    private static final DataType<String[]> TEXT_ARRAY = SQLDataType.CLOB.array();
    private static final String V = "v";
    private static final String INACTIVE = ModelStatus.INACTIVE.dbValue();

    private final DSLContext dsl;
    /**
     * The models this transaction's sync plan made inactive, with the status each row had when written (which an
     * admin edit committed after the plan was made may have changed): the {@code removed} events are written from
     * this, so that they agree with the rows.
     */
    private final java.util.Map<String, String> removedFrom = new java.util.HashMap<>();

    private final Set<String> plannedRemovals = new HashSet<>();

    JooqStoreTransaction(DSLContext dsl) {
        this.dsl = dsl;
    }

    /**
     * {@code pg_try_advisory_xact_lock} on a key made of this library's name and the oid of the {@code model_access}
     * table this transaction sees: every instance that shares that table contends for one lock, while applications
     * with their own {@code model_access} in another schema of the same database do not. The two-key form keeps
     * the lock apart from the single-{@code bigint} keys applications usually take.
     */
    @Override
    public boolean tryLockCatalogSync() {
        return guard(
                "Could not take the catalog-sync lock",
                () -> Boolean.TRUE.equals(dsl.fetchValue(
                        "select pg_try_advisory_xact_lock(hashtext('dev.modelaccess.catalog-sync'),"
                                + " hashtext(cast(cast({0} as regclass) as oid)::text))",
                        inline(MODEL_ACCESS.getName()))));
    }

    @Override
    public List<CatalogModel> loadCatalog() {
        return guard("Could not load the catalog", () -> CatalogReads.catalog(dsl));
    }

    @Override
    public Optional<CatalogModel> lockModel(String modelId) {
        return guard(
                "Could not lock the model '" + CatalogRows.abbreviate(modelId) + "'",
                () -> CatalogReads.model(dsl, modelId, true));
    }

    @Override
    public void applySyncPlan(SyncPlan plan, Instant at) {
        OffsetDateTime now = time(at);
        guard("Could not apply the sync plan", () -> {
            insertAdded(plan.added(), now);
            refresh(plan.refreshed().stream().map(SyncPlan.Refresh::upsert).toList(), now);
            bringBack(plan.returned().stream().map(SyncPlan.Return::upsert).toList(), now);
            deactivate(
                    plan.deactivated().stream()
                            .map(SyncPlan.Deactivation::modelId)
                            .toList(),
                    now);
            return null;
        });
    }

    /**
     * New models: {@code new}, every flag off. A row with the same id that appeared meanwhile (outside the sync lock)
     * is left alone; the next sync refreshes it.
     */
    private void insertAdded(List<SyncPlan.Upsert> added, OffsetDateTime now) {
        if (added.isEmpty()) {
            return;
        }
        Table<?> v = upstreamValues(added);
        List<Field<?>> columns = new ArrayList<>();
        List<Field<?>> values = new ArrayList<>();
        for (CatalogRows.UpstreamColumn column : UPSTREAM_COLUMNS) {
            columns.add(column.field());
            values.add(valueOf(v, column.field()));
        }
        columns.addAll(List.of(
                MODEL_ACCESS.STATUS,
                MODEL_ACCESS.FIRST_SEEN_AT,
                MODEL_ACCESS.LAST_SEEN_AT,
                MODEL_ACCESS.STATUS_CHANGED_AT));
        values.addAll(List.of(inline(ModelStatus.NEW.dbValue()), val(now), val(now), val(now)));

        int rows = dsl.insertInto(MODEL_ACCESS)
                .columns(columns)
                .select(dsl.select(values).from(v))
                .onConflictDoNothing()
                .execute();
        expectRows("insert", added.size(), rows);
    }

    /** Present models whose upstream description changed: upstream columns and {@code last_seen_at} only. */
    private void refresh(List<SyncPlan.Upsert> refreshed, OffsetDateTime now) {
        if (refreshed.isEmpty()) {
            return;
        }
        Table<?> v = upstreamValues(refreshed);
        int rows = dsl.update(MODEL_ACCESS)
                .set(upstreamAssignments(v))
                .set(MODEL_ACCESS.LAST_SEEN_AT, now)
                .from(v)
                .where(matches(v))
                .and(MODEL_ACCESS.UPSTREAM_SHA256.ne(valueOf(v, MODEL_ACCESS.UPSTREAM_SHA256)))
                .execute();
        expectRows("refresh", refreshed.size(), rows);
    }

    /**
     * Inactive models back upstream: the status they had before (read from the row as it is now, {@code new} when
     * none was kept), and their upstream columns.
     */
    private void bringBack(List<SyncPlan.Upsert> returned, OffsetDateTime now) {
        if (returned.isEmpty()) {
            return;
        }
        Table<?> v = upstreamValues(returned);
        Condition inactive = MODEL_ACCESS.STATUS.eq(inline(INACTIVE));
        int rows = dsl.update(MODEL_ACCESS)
                .set(upstreamAssignments(v))
                .set(MODEL_ACCESS.LAST_SEEN_AT, now)
                .set(
                        MODEL_ACCESS.STATUS,
                        when(inactive, coalesce(MODEL_ACCESS.STATUS_BEFORE_INACTIVE, inline(ModelStatus.NEW.dbValue())))
                                .otherwise(MODEL_ACCESS.STATUS))
                .set(MODEL_ACCESS.STATUS_BEFORE_INACTIVE, (String) null)
                .set(MODEL_ACCESS.REMOVED_AT, (OffsetDateTime) null)
                .set(MODEL_ACCESS.STATUS_CHANGED_AT, when(inactive, val(now)).otherwise(MODEL_ACCESS.STATUS_CHANGED_AT))
                .from(v)
                .where(matches(v))
                .execute();
        expectRows("return", returned.size(), rows);
    }

    /**
     * Models gone upstream: {@code inactive}, keeping the status the row has at write time — not the one the plan
     * saw — so an admin's change that committed in between is what comes back later.
     */
    private void deactivate(List<String> modelIds, OffsetDateTime now) {
        if (modelIds.isEmpty()) {
            return;
        }
        plannedRemovals.addAll(modelIds);
        var written = dsl.update(MODEL_ACCESS)
                .set(MODEL_ACCESS.STATUS_BEFORE_INACTIVE, MODEL_ACCESS.STATUS)
                .set(MODEL_ACCESS.STATUS, inline(INACTIVE))
                .set(MODEL_ACCESS.REMOVED_AT, now)
                .set(MODEL_ACCESS.STATUS_CHANGED_AT, now)
                .where(MODEL_ACCESS.MODEL_ID.eq(DSL.any(val(modelIds.toArray(String[]::new), TEXT_ARRAY))))
                .and(MODEL_ACCESS.STATUS.ne(inline(INACTIVE)))
                .returningResult(MODEL_ACCESS.MODEL_ID, MODEL_ACCESS.STATUS_BEFORE_INACTIVE)
                .fetch();
        written.forEach(row -> removedFrom.put(row.value1(), row.value2()));
        expectRows("deactivation", modelIds.size(), written.size());
    }

    /**
     * Writes status (only when it changed), tier flags and review columns — never an upstream column. A status
     * change is written only while the row is not {@code inactive}; when any row could not be written, nothing is
     * (the transaction fails with {@link ModelNotFoundException}, {@link LifecycleViolationException} or {@link
     * StoreException}).
     */
    @Override
    public void applyAdminUpdates(List<AdminUpdate> updates, Instant at) {
        List<AdminUpdate> writes =
                updates.stream().filter(update -> !update.changesNothing()).toList();
        if (writes.isEmpty()) {
            return;
        }
        Set<String> ids = new HashSet<>();
        for (AdminUpdate update : writes) {
            if (!ids.add(update.modelId())) {
                throw new IllegalArgumentException(
                        "Two admin updates for the model '" + CatalogRows.abbreviate(update.modelId()) + "'");
            }
            if (update.statusChanged()
                    && update.status() != ModelStatus.ACTIVE
                    && update.status() != ModelStatus.DISABLED) {
                throw new IllegalArgumentException("An admin may set the status only to active or disabled, not "
                        + update.status().dbValue());
            }
        }
        OffsetDateTime now = time(at);
        Table<?> v = unnest(
                List.of("model_id", "status", "status_changed", "is_free", "is_pro", "is_enterprise", "reviewed_by"),
                List.of(
                        column(writes, AdminUpdate::modelId),
                        column(writes, update -> update.status().dbValue()),
                        column(writes, update -> Boolean.toString(update.statusChanged())),
                        column(writes, update -> Boolean.toString(update.tiers().free())),
                        column(writes, update -> Boolean.toString(update.tiers().pro())),
                        column(writes, update -> Boolean.toString(update.tiers().enterprise())),
                        column(writes, AdminUpdate::reviewedBy)),
                false);
        Condition statusChanged =
                field(v, "status_changed").cast(SQLDataType.BOOLEAN).isTrue();
        List<String> written = guard(
                "Could not apply the admin updates",
                () -> dsl.update(MODEL_ACCESS)
                        .set(
                                MODEL_ACCESS.STATUS,
                                when(statusChanged, field(v, "status")).otherwise(MODEL_ACCESS.STATUS))
                        .set(
                                MODEL_ACCESS.STATUS_CHANGED_AT,
                                when(statusChanged, val(now)).otherwise(MODEL_ACCESS.STATUS_CHANGED_AT))
                        .set(MODEL_ACCESS.IS_FREE, field(v, "is_free").cast(SQLDataType.BOOLEAN))
                        .set(MODEL_ACCESS.IS_PRO, field(v, "is_pro").cast(SQLDataType.BOOLEAN))
                        .set(
                                MODEL_ACCESS.IS_ENTERPRISE,
                                field(v, "is_enterprise").cast(SQLDataType.BOOLEAN))
                        .set(MODEL_ACCESS.REVIEWED_BY, field(v, "reviewed_by"))
                        .set(MODEL_ACCESS.REVIEWED_AT, now)
                        .from(v)
                        .where(MODEL_ACCESS.MODEL_ID.eq(field(v, "model_id")))
                        .and(statusChanged.not().or(MODEL_ACCESS.STATUS.ne(inline(INACTIVE))))
                        .returningResult(MODEL_ACCESS.MODEL_ID)
                        .fetch(MODEL_ACCESS.MODEL_ID));
        if (written.size() != writes.size()) {
            throw notWritten(writes, new HashSet<>(written));
        }
    }

    private RuntimeException notWritten(List<AdminUpdate> writes, Set<String> written) {
        for (AdminUpdate update : writes) {
            if (!written.contains(update.modelId())) {
                Optional<CatalogModel> row = loadModel(update.modelId());
                if (row.isEmpty()) {
                    return new ModelNotFoundException(update.modelId());
                }
                if (row.get().status() == ModelStatus.INACTIVE) {
                    return new LifecycleViolationException(update.modelId(), ModelStatus.INACTIVE, update.status());
                }
            }
        }
        return StoreException.of("Admin updates touched " + written.size() + " rows instead of " + writes.size());
    }

    private Optional<CatalogModel> loadModel(String modelId) {
        return guard("Could not read the model", () -> CatalogReads.model(dsl, modelId, false));
    }

    /** One statement for all the events, in the order given (their ids follow it). */
    @Override
    public void appendEvents(List<ModelEvent> planned) {
        List<ModelEvent> events = asWritten(planned);
        if (events.isEmpty()) {
            return;
        }
        Table<?> v = unnest(
                List.of("model_id", "kind", "old_value", "new_value", "actor", "at"),
                List.of(
                        column(events, ModelEvent::modelId),
                        column(events, event -> event.kind().dbValue()),
                        column(events, event -> JsonText.texts(event.before())),
                        column(events, event -> JsonText.texts(event.after())),
                        column(events, ModelEvent::actor),
                        column(events, event -> event.at().toString())),
                true);
        guard(
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
                                        field(v, "model_id"),
                                        field(v, "kind"),
                                        field(v, "old_value").cast(SQLDataType.JSONB),
                                        field(v, "new_value").cast(SQLDataType.JSONB),
                                        field(v, "actor"),
                                        field(v, "at").cast(SQLDataType.TIMESTAMPWITHTIMEZONE))
                                .from(v)
                                .orderBy(field(v, "ordinality")))
                        .execute());
    }

    /**
     * The events as the rows were written: a {@code removed} event of this transaction's sync plan records the status
     * the row actually had (not the one the plan saw), and one whose row was not written (made inactive meanwhile,
     * outside the sync lock) is dropped.
     */
    private List<ModelEvent> asWritten(List<ModelEvent> events) {
        if (plannedRemovals.isEmpty()) {
            return events;
        }
        List<ModelEvent> written = new ArrayList<>(events.size());
        for (ModelEvent event : events) {
            if (event.kind() != EventKind.REMOVED || !plannedRemovals.contains(event.modelId())) {
                written.add(event);
                continue;
            }
            String status = removedFrom.get(event.modelId());
            if (status == null) {
                log.warn("No removed event for '{}': the sync did not write its row", event.modelId());
                continue;
            }
            java.util.TreeMap<String, String> before = new java.util.TreeMap<>(event.before());
            before.put("status", status);
            written.add(
                    new ModelEvent(event.modelId(), event.kind(), before, event.after(), event.actor(), event.at()));
        }
        return written;
    }

    @Override
    public void recordRun(SyncRun run) {
        guard("Could not record the sync run", () -> dsl.executeInsert(CatalogRows.record(run)));
    }

    private static Table<?> upstreamValues(List<SyncPlan.Upsert> upserts) {
        List<String> names = new ArrayList<>();
        List<String[]> arrays = new ArrayList<>();
        for (CatalogRows.UpstreamColumn column : UPSTREAM_COLUMNS) {
            names.add(column.field().getName());
            arrays.add(column(upserts, column.value()));
        }
        return unnest(names, arrays, false);
    }

    private static Map<Field<?>, Field<?>> upstreamAssignments(Table<?> v) {
        Map<Field<?>, Field<?>> assignments = new LinkedHashMap<>();
        for (CatalogRows.UpstreamColumn column : UPSTREAM_COLUMNS) {
            if (column.field() != MODEL_ACCESS.MODEL_ID) {
                assignments.put(column.field(), valueOf(v, column.field()));
            }
        }
        return assignments;
    }

    private static Condition matches(Table<?> v) {
        return MODEL_ACCESS.MODEL_ID.eq(valueOf(v, MODEL_ACCESS.MODEL_ID));
    }

    /**
     * {@code unnest(?::text[], …) [with ordinality] as v(names…)}: one row per element, one column per array. With
     * ordinality, the last column {@code ordinality} numbers the rows from 1.
     */
    private static Table<?> unnest(List<String> names, List<String[]> arrays, boolean withOrdinality) {
        QueryPart[] parameters =
                arrays.stream().map(array -> val(array, TEXT_ARRAY)).toArray(QueryPart[]::new);
        String template = IntStream.range(0, parameters.length)
                .mapToObj(i -> "{" + i + "}")
                .collect(Collectors.joining(", ", "unnest(", withOrdinality ? ") with ordinality" : ")"));
        List<String> aliases = new ArrayList<>(names);
        if (withOrdinality) {
            aliases.add("ordinality");
        }
        return DSL.table(template, parameters).as(V, aliases.toArray(String[]::new));
    }

    private static <T> String[] column(List<T> rows, Function<? super T, ? extends @Nullable String> value) {
        String[] column = new String[rows.size()];
        for (int i = 0; i < column.length; i++) {
            column[i] = value.apply(rows.get(i));
        }
        return column;
    }

    private static Field<String> field(Table<?> v, String name) {
        return DSL.field(DSL.name(V, name), SQLDataType.CLOB);
    }

    /** The unnested text value for {@code target}, cast to its type. */
    @SuppressWarnings("unchecked")
    private static <T> Field<T> valueOf(Table<?> v, TableField<ModelAccessRecord, T> target) {
        Field<String> text = field(v, target.getName());
        return target.getType() == String.class ? (Field<T>) text : text.cast(target.getDataType());
    }

    private static void expectRows(String what, int expected, int actual) {
        if (actual != expected) {
            log.warn(
                    "The sync's {} wrote {} rows instead of {}: the catalog was changed outside the sync lock",
                    what,
                    actual,
                    expected);
        }
    }

    private static <T> T guard(String what, Supplier<T> work) {
        try {
            return work.get();
        } catch (ModelAccessException e) {
            throw e;
        } catch (RuntimeException e) {
            throw StoreErrors.isDatabaseFailure(e) ? StoreErrors.translate(what, e) : e;
        }
    }
}
