package dev.modelaccess.jooq;

import static dev.modelaccess.jooq.internal.generated.Tables.MODEL_ACCESS;
import static dev.modelaccess.jooq.internal.generated.Tables.MODEL_ACCESS_EVENTS;
import static dev.modelaccess.jooq.internal.generated.Tables.SYNC_RUNS;

import dev.modelaccess.core.catalog.CatalogModel;
import dev.modelaccess.core.port.CatalogPage;
import dev.modelaccess.core.port.CatalogQuery;
import dev.modelaccess.core.sync.ModelEvent;
import dev.modelaccess.core.sync.SyncRun;
import java.util.List;
import java.util.Optional;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

/** The queries, shared by the store (outside transactions) and its transactions. */
final class CatalogReads {

    private CatalogReads() {}

    static List<CatalogModel> catalog(DSLContext dsl) {
        return dsl.selectFrom(MODEL_ACCESS).orderBy(MODEL_ACCESS.MODEL_ID).fetch(CatalogRows::model);
    }

    static Optional<CatalogModel> model(DSLContext dsl, String modelId, boolean forUpdate) {
        if (!storable(modelId)) {
            return Optional.empty();
        }
        var query = dsl.selectFrom(MODEL_ACCESS).where(MODEL_ACCESS.MODEL_ID.eq(modelId));
        return (forUpdate ? query.forUpdate() : query).fetchOptional(CatalogRows::model);
    }

    /**
     * Status filter, then a literal, case-insensitive substring match on model id or name ({@code ILIKE} with
     * {@code %}, {@code _} and the escape character escaped by jOOQ), ordered by model id.
     */
    static CatalogPage search(DSLContext dsl, CatalogQuery query) {
        Condition condition = DSL.noCondition();
        if (query.status() != null) {
            condition = condition.and(MODEL_ACCESS.STATUS.eq(query.status().dbValue()));
        }
        String text = query.text();
        if (text != null) {
            if (!storable(text)) {
                return new CatalogPage(List.of(), 0);
            }
            condition = condition.and(
                    MODEL_ACCESS.MODEL_ID.containsIgnoreCase(text).or(MODEL_ACCESS.NAME.containsIgnoreCase(text)));
        }
        long total = dsl.fetchCount(MODEL_ACCESS, condition);
        List<CatalogModel> page = total <= query.offset()
                ? List.of()
                : dsl.selectFrom(MODEL_ACCESS)
                        .where(condition)
                        .orderBy(MODEL_ACCESS.MODEL_ID)
                        .limit(query.limit())
                        .offset(query.offset())
                        .fetch(CatalogRows::model);
        return new CatalogPage(page, total);
    }

    static List<ModelEvent> events(DSLContext dsl, String modelId, int limit) {
        requirePositive(limit);
        if (!storable(modelId)) {
            return List.of();
        }
        return dsl.selectFrom(MODEL_ACCESS_EVENTS)
                .where(MODEL_ACCESS_EVENTS.MODEL_ID.eq(modelId))
                .orderBy(MODEL_ACCESS_EVENTS.AT.desc(), MODEL_ACCESS_EVENTS.ID.desc())
                .limit(limit)
                .fetch(CatalogRows::event);
    }

    static List<SyncRun> runs(DSLContext dsl, int limit) {
        requirePositive(limit);
        return dsl.selectFrom(SYNC_RUNS)
                .orderBy(SYNC_RUNS.STARTED_AT.desc(), SYNC_RUNS.FINISHED_AT.desc())
                .limit(limit)
                .fetch(CatalogRows::run);
    }

    /** PostgreSQL text cannot hold U+0000, so no stored id or name contains it and nothing needs asking. */
    static boolean storable(String text) {
        return text.indexOf('\0') < 0;
    }

    private static void requirePositive(int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1, was " + limit);
        }
    }
}
