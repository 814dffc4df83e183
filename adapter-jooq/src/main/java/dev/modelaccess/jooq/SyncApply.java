package dev.modelaccess.jooq;

import static dev.modelaccess.jooq.CatalogRows.UPSTREAM_COLUMNS;
import static dev.modelaccess.jooq.Tables.MODEL_ACCESS;
import static org.jooq.impl.DSL.coalesce;
import static org.jooq.impl.DSL.inline;
import static org.jooq.impl.DSL.val;
import static org.jooq.impl.DSL.when;

import dev.modelaccess.core.catalog.CatalogModel;
import dev.modelaccess.core.catalog.ModelStatus;
import dev.modelaccess.core.sync.EventKind;
import dev.modelaccess.core.sync.ModelEvent;
import dev.modelaccess.core.sync.SyncPlan;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Table;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A sync plan's writes, one statement per kind of change whatever the number of models (see {@link Unnest}), and the
 * {@code removed} events as those rows were written.
 */
final class SyncApply {

    private static final Logger log = LoggerFactory.getLogger(SyncApply.class);

    private static final String INACTIVE = ModelStatus.INACTIVE.dbValue();

    private final DSLContext dsl;
    /**
     * The models this transaction's sync plan made inactive, with the status each row had when written (which an
     * admin edit committed after the plan was made may have changed): the {@code removed} events are written from
     * this, so that they agree with the rows.
     */
    private final Map<String, String> removedFrom = new HashMap<>();

    private final Set<String> plannedRemovals = new HashSet<>();

    /**
     * The stored descriptions this transaction read before it writes (see {@link #read}): a refreshed model whose
     * description is the one stored does not send it again.
     */
    private final Map<String, Optional<String>> storedDescriptions = new HashMap<>();

    SyncApply(DSLContext dsl) {
        this.dsl = dsl;
    }

    /** Notes the stored descriptions of rows the sync read in this transaction before writing its plan. */
    void read(List<CatalogModel> rows) {
        rows.forEach(row -> storedDescriptions.put(
                row.modelId(), Optional.ofNullable(row.upstream().description())));
    }

    /** Whether this upsert's description is the one its row stores, as read in this transaction. */
    private boolean descriptionKept(SyncPlan.Upsert upsert) {
        Optional<String> stored = storedDescriptions.get(upsert.model().id());
        return stored != null
                && stored.equals(Optional.ofNullable(upsert.model().description()));
    }

    void apply(SyncPlan plan, OffsetDateTime now) {
        insertAdded(plan.added(), now);
        refresh(plan.refreshed().stream().map(SyncPlan.Refresh::upsert).toList(), now);
        bringBack(plan.returned().stream().map(SyncPlan.Return::upsert).toList(), now);
        deactivate(
                plan.deactivated().stream().map(SyncPlan.Deactivation::modelId).toList(), now);
    }

    /**
     * New models: {@code new}, every flag off. Many of them (a first import) go in with {@code COPY} ({@link
     * SyncCopy}); a few, or many when one of their ids appeared meanwhile, with one {@code INSERT … SELECT FROM
     * unnest(…) ON CONFLICT DO NOTHING}: a row with the same id that appeared meanwhile (outside the sync lock) is
     * left alone, and the next sync refreshes it.
     */
    private void insertAdded(List<SyncPlan.Upsert> added, OffsetDateTime now) {
        if (added.isEmpty()) {
            return;
        }
        if (added.size() >= SyncCopy.AT_LEAST && SyncCopy.copyNew(dsl, added, now)) {
            return;
        }
        Table<?> v = upstreamValues(added);
        List<Field<?>> columns = new ArrayList<>();
        List<Field<?>> values = new ArrayList<>();
        for (CatalogRows.UpstreamColumn column : UPSTREAM_COLUMNS) {
            columns.add(column.field());
            values.add(column.unnested());
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

    /**
     * Present models whose upstream description changed: upstream columns and {@code last_seen_at} only. Many of them
     * go through a staging table ({@link SyncStage}) and one {@code UPDATE … FROM} it without parameters; a few
     * through {@code unnest(…)} of array parameters.
     */
    private void refresh(List<SyncPlan.Upsert> refreshed, OffsetDateTime now) {
        if (refreshed.isEmpty()) {
            return;
        }
        if (refreshed.size() >= SyncStage.AT_LEAST && SyncStage.stage(dsl, refreshed, this::descriptionKept)) {
            int rows = dsl.update(MODEL_ACCESS)
                    .set(stagedAssignments())
                    .set(MODEL_ACCESS.LAST_SEEN_AT, inline(now))
                    .from(DSL.table(DSL.name(SyncStage.TABLE)).as(STAGED))
                    .where(MODEL_ACCESS.MODEL_ID.eq(staged(MODEL_ACCESS.MODEL_ID)))
                    .and(MODEL_ACCESS.UPSTREAM_SHA256.ne(staged(MODEL_ACCESS.UPSTREAM_SHA256)))
                    .execute();
            expectRows("refresh", refreshed.size(), rows);
            return;
        }
        Table<?> v = upstreamValues(refreshed);
        int rows = dsl.update(MODEL_ACCESS)
                .set(upstreamAssignments())
                .set(MODEL_ACCESS.LAST_SEEN_AT, now)
                .from(v)
                .where(matches())
                .and(MODEL_ACCESS.UPSTREAM_SHA256.ne(
                        Unnest.field(MODEL_ACCESS.UPSTREAM_SHA256.getName(), SQLDataType.CLOB)))
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
                .set(upstreamAssignments())
                .set(MODEL_ACCESS.LAST_SEEN_AT, now)
                .set(
                        MODEL_ACCESS.STATUS,
                        when(inactive, coalesce(MODEL_ACCESS.STATUS_BEFORE_INACTIVE, inline(ModelStatus.NEW.dbValue())))
                                .otherwise(MODEL_ACCESS.STATUS))
                .set(MODEL_ACCESS.STATUS_BEFORE_INACTIVE, (String) null)
                .set(MODEL_ACCESS.REMOVED_AT, (OffsetDateTime) null)
                .set(MODEL_ACCESS.STATUS_CHANGED_AT, when(inactive, val(now)).otherwise(MODEL_ACCESS.STATUS_CHANGED_AT))
                .from(v)
                .where(matches())
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
                .where(MODEL_ACCESS.MODEL_ID.eq(
                        DSL.any(val(modelIds.toArray(String[]::new), SQLDataType.CLOB.array()))))
                .and(MODEL_ACCESS.STATUS.ne(inline(INACTIVE)))
                .returningResult(MODEL_ACCESS.MODEL_ID, MODEL_ACCESS.STATUS_BEFORE_INACTIVE)
                .fetch();
        written.forEach(row -> removedFrom.put(row.value1(), row.value2()));
        expectRows("deactivation", modelIds.size(), written.size());
    }

    /**
     * The events as the rows were written: a {@code removed} event of this transaction's sync plan records the status
     * the row actually had (not the one the plan saw), and one whose row was not written (made inactive meanwhile,
     * outside the sync lock) is dropped.
     */
    List<ModelEvent> asWritten(List<ModelEvent> events) {
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
            TreeMap<String, String> before = new TreeMap<>(event.before());
            before.put("status", status);
            written.add(
                    new ModelEvent(event.modelId(), event.kind(), before, event.after(), event.actor(), event.at()));
        }
        return written;
    }

    private static Table<?> upstreamValues(List<SyncPlan.Upsert> upserts) {
        return Unnest.table(
                UPSTREAM_COLUMNS.stream().map(column -> column.values(upserts)).toList(), false);
    }

    private static Map<Field<?>, Field<?>> upstreamAssignments() {
        Map<Field<?>, Field<?>> assignments = new LinkedHashMap<>();
        for (CatalogRows.UpstreamColumn column : UPSTREAM_COLUMNS) {
            if (column.field() != MODEL_ACCESS.MODEL_ID) {
                assignments.put(column.field(), column.unnested());
            }
        }
        return assignments;
    }

    private static final String STAGED = "s";

    /** The column of the staging table that stands for {@code column}. */
    private static <T> Field<T> staged(Field<T> column) {
        return DSL.field(DSL.name(STAGED, column.getName()), column.getDataType());
    }

    /**
     * The upstream columns from the staging table; the description only when staged (see {@link
     * SyncStage#DESCRIPTION_KEPT}): a re-priced model's row keeps its stored description as it is instead of
     * compressing the same text again.
     */
    private static Map<Field<?>, Field<?>> stagedAssignments() {
        Map<Field<?>, Field<?>> assignments = new LinkedHashMap<>();
        for (CatalogRows.UpstreamColumn column : UPSTREAM_COLUMNS) {
            if (column.field() != MODEL_ACCESS.MODEL_ID) {
                assignments.put(column.field(), staged(column.field()));
            }
        }
        assignments.put(
                MODEL_ACCESS.DESCRIPTION,
                when(
                                DSL.field(DSL.name(STAGED, SyncStage.DESCRIPTION_KEPT), SQLDataType.BOOLEAN)
                                        .isTrue(),
                                MODEL_ACCESS.DESCRIPTION)
                        .otherwise(staged(MODEL_ACCESS.DESCRIPTION)));
        return assignments;
    }

    private static Condition matches() {
        return MODEL_ACCESS.MODEL_ID.eq(Unnest.field(MODEL_ACCESS.MODEL_ID.getName(), SQLDataType.CLOB));
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
}
