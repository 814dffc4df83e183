package dev.modelaccess.jooq;

import static dev.modelaccess.jooq.Tables.MODEL_ACCESS;
import static dev.modelaccess.jooq.Tables.MODEL_ACCESS_EVENTS;
import static dev.modelaccess.jooq.Tables.SYNC_RUNS;

import dev.modelaccess.core.catalog.CatalogModel;
import dev.modelaccess.core.catalog.ModelStatus;
import dev.modelaccess.core.port.CatalogFilter;
import dev.modelaccess.core.port.CatalogPage;
import dev.modelaccess.core.port.CatalogQuery;
import dev.modelaccess.core.port.CatalogReader;
import dev.modelaccess.core.port.ExpiringModel;
import dev.modelaccess.core.sync.ModelEvent;
import dev.modelaccess.core.sync.SyncRun;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.SortField;
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
            condition = condition.and(idOrNameContains(text));
        }
        return page(dsl, condition, List.of(MODEL_ACCESS.MODEL_ID.asc()), query.limit(), query.offset());
    }

    /**
     * The admin console's list: {@link CatalogFilter#matches} as SQL conditions and {@link CatalogFilter#comparator}
     * as {@code ORDER BY} (then model id), one count and one page query.
     */
    static CatalogPage search(DSLContext dsl, CatalogFilter filter) {
        Condition condition = DSL.noCondition();
        if (filter.status() != null) {
            condition = condition.and(MODEL_ACCESS.STATUS.eq(filter.status().dbValue()));
        }
        for (String value : new String[] {filter.provider(), filter.modality(), filter.text()}) {
            if (value != null && !storable(value)) {
                return new CatalogPage(List.of(), 0);
            }
        }
        if (filter.provider() != null) {
            condition = condition.and(MODEL_ACCESS.PROVIDER.eq(filter.provider()));
        }
        if (filter.modality() != null) {
            condition = condition.and(MODEL_ACCESS.MODALITY.eq(filter.modality()));
        }
        String text = filter.text();
        if (text != null) {
            condition = condition.and(idOrNameContains(text));
        }
        return page(dsl, condition, order(filter), filter.limit(), filter.offset());
    }

    private static Condition idOrNameContains(String text) {
        return MODEL_ACCESS.MODEL_ID.containsIgnoreCase(text).or(MODEL_ACCESS.NAME.containsIgnoreCase(text));
    }

    /** One count, then the page itself unless it starts past the end. */
    private static CatalogPage page(
            DSLContext dsl, Condition condition, List<SortField<?>> order, int limit, long offset) {
        long total = dsl.fetchCount(MODEL_ACCESS, condition);
        List<CatalogModel> page = total <= offset
                ? List.of()
                : dsl.selectFrom(MODEL_ACCESS)
                        .where(condition)
                        .orderBy(order)
                        .limit(limit)
                        .offset(offset)
                        .fetch(CatalogRows::model);
        return new CatalogPage(page, total);
    }

    private static List<SortField<?>> order(CatalogFilter filter) {
        // Absent prompt price charges nothing; -1 (variable) sorts above every real price.
        Field<BigDecimal> prompt = DSL.when(MODEL_ACCESS.PRICING_PROMPT.lt(BigDecimal.ZERO), new BigDecimal("1000000"))
                .otherwise(DSL.coalesce(MODEL_ACCESS.PRICING_PROMPT, BigDecimal.ZERO));
        List<SortField<?>> order = new ArrayList<>();
        switch (filter.sort()) {
            case MODEL_ID -> {}
            case FIRST_SEEN_DESC -> order.add(MODEL_ACCESS.FIRST_SEEN_AT.desc());
            case FIRST_SEEN_ASC -> order.add(MODEL_ACCESS.FIRST_SEEN_AT.asc());
            case PRICE_ASC -> order.add(prompt.asc());
            case PRICE_DESC -> order.add(prompt.desc());
            case CONTEXT_DESC -> order.add(MODEL_ACCESS.CONTEXT_LENGTH.desc().nullsLast());
            case CONTEXT_ASC -> order.add(MODEL_ACCESS.CONTEXT_LENGTH.asc().nullsLast());
        }
        order.add(MODEL_ACCESS.MODEL_ID.asc());
        return order;
    }

    static Map<ModelStatus, Long> countByStatus(DSLContext dsl) {
        Map<ModelStatus, Long> counts = new EnumMap<>(ModelStatus.class);
        for (ModelStatus status : ModelStatus.values()) {
            counts.put(status, 0L);
        }
        dsl.select(MODEL_ACCESS.STATUS, DSL.count())
                .from(MODEL_ACCESS)
                .groupBy(MODEL_ACCESS.STATUS)
                .forEach(row -> counts.put(
                        ModelStatus.fromDbValue(row.value1()), row.value2().longValue()));
        return counts;
    }

    /** Only the rows that carry an expiration date are read; the date rule is the port's. */
    static List<ExpiringModel> expiring(DSLContext dsl, LocalDate until) {
        List<CatalogModel> dated = dsl.selectFrom(MODEL_ACCESS)
                .where(MODEL_ACCESS.EXPIRATION_DATE.isNotNull())
                .fetch(CatalogRows::model);
        return CatalogReader.expiringAmong(dated, until);
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
