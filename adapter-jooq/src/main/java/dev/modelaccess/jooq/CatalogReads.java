package dev.modelaccess.jooq;

import static dev.modelaccess.jooq.Tables.MODEL_ACCESS;
import static dev.modelaccess.jooq.Tables.MODEL_ACCESS_EVENTS;
import static dev.modelaccess.jooq.Tables.SYNC_RUNS;

import dev.modelaccess.core.catalog.CatalogFingerprint;
import dev.modelaccess.core.catalog.CatalogModel;
import dev.modelaccess.core.catalog.ModelStatus;
import dev.modelaccess.core.port.CatalogFilter;
import dev.modelaccess.core.port.CatalogListing;
import dev.modelaccess.core.port.CatalogPage;
import dev.modelaccess.core.port.CatalogQuery;
import dev.modelaccess.core.port.CatalogReader;
import dev.modelaccess.core.port.CatalogSort;
import dev.modelaccess.core.port.ExpiringModel;
import dev.modelaccess.core.sync.ModelEvent;
import dev.modelaccess.core.sync.SyncRun;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.SortField;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

/** The queries, shared by the store (outside transactions) and its transactions. */
final class CatalogReads {

    private CatalogReads() {}

    static List<CatalogModel> catalog(DSLContext dsl) {
        return dsl.selectFrom(MODEL_ACCESS).orderBy(MODEL_ACCESS.MODEL_ID).fetch(CatalogRows::model);
    }

    static List<CatalogFingerprint> fingerprints(DSLContext dsl) {
        return dsl.select(
                        MODEL_ACCESS.MODEL_ID,
                        MODEL_ACCESS.UPSTREAM_SHA256,
                        MODEL_ACCESS.STATUS,
                        MODEL_ACCESS.STATUS_BEFORE_INACTIVE)
                .from(MODEL_ACCESS)
                .fetch(row -> new CatalogFingerprint(
                        row.value1(),
                        row.value2(),
                        ModelStatus.fromDbValue(row.value3()),
                        row.value4() == null ? null : ModelStatus.fromDbValue(row.value4())));
    }

    /** Every column, with {@code {}} for the upstream JSON and, unless kept, no description. */
    private static List<Field<?>> withoutJson(boolean keepDescription) {
        List<Field<?>> fields = new ArrayList<>();
        for (Field<?> field : MODEL_ACCESS.fields()) {
            if (field == MODEL_ACCESS.UPSTREAM) {
                fields.add(DSL.inline("{}")
                        .cast(MODEL_ACCESS.UPSTREAM.getDataType())
                        .as(field.getName()));
            } else if (field == MODEL_ACCESS.DESCRIPTION && !keepDescription) {
                fields.add(DSL.castNull(MODEL_ACCESS.DESCRIPTION.getDataType()).as(field.getName()));
            } else {
                fields.add(field);
            }
        }
        return fields;
    }

    /**
     * These models' rows in one statement: the ids travel as one array, matched by a hashed {@code = ANY} over one
     * pass of the table. Every column but the stored upstream JSON (about 2.5 kB a model), which is neither sent nor
     * parsed: {@code {}} stands in for it. The sync compares the mapped fields, and knows from the fingerprints that
     * the JSON differs.
     */
    static List<CatalogModel> models(DSLContext dsl, Collection<String> modelIds) {
        String[] ids = modelIds.stream().filter(CatalogReads::storable).toArray(String[]::new);
        if (ids.length == 0) {
            return List.of();
        }
        return dsl.select(withoutJson(true))
                .from(MODEL_ACCESS)
                .where(MODEL_ACCESS.MODEL_ID.eq(DSL.any(DSL.val(ids, SQLDataType.CLOB.array()))))
                .fetchInto(MODEL_ACCESS)
                .map(CatalogRows::model);
    }

    /** The matching rows, locked, with {@code {}} for their upstream JSON and no description (see the caller). */
    static List<CatalogModel> lockMatching(DSLContext dsl, CatalogFilter filter) {
        Optional<Condition> condition = matching(filter);
        if (condition.isEmpty()) {
            return List.of();
        }
        return dsl.select(withoutJson(false))
                .from(MODEL_ACCESS)
                .where(condition.get())
                .orderBy(MODEL_ACCESS.MODEL_ID)
                .forUpdate()
                .fetchInto(MODEL_ACCESS)
                .map(CatalogRows::model);
    }

    /** These models' rows, locked, in model id order, without their upstream JSON and description. */
    static List<CatalogModel> lockModels(DSLContext dsl, Collection<String> modelIds) {
        String[] ids = modelIds.stream().filter(CatalogReads::storable).sorted().toArray(String[]::new);
        if (ids.length == 0) {
            return List.of();
        }
        return dsl.select(withoutJson(false))
                .from(MODEL_ACCESS)
                .where(MODEL_ACCESS.MODEL_ID.eq(DSL.any(DSL.val(ids, SQLDataType.CLOB.array()))))
                .orderBy(MODEL_ACCESS.MODEL_ID)
                .forUpdate()
                .fetchInto(MODEL_ACCESS)
                .map(CatalogRows::model);
    }

    static Optional<CatalogModel> model(DSLContext dsl, String modelId, boolean forUpdate) {
        if (!storable(modelId)) {
            return Optional.empty();
        }
        var query = dsl.selectFrom(MODEL_ACCESS).where(MODEL_ACCESS.MODEL_ID.eq(modelId));
        return (forUpdate ? query.forUpdate() : query).fetchOptional(CatalogRows::model);
    }

    /**
     * Status filter, then a literal, case-insensitive substring match on model id or name ({@link #idOrNameContains}),
     * ordered by model id.
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
        return page(dsl, condition, order(CatalogSort.MODEL_ID), query.limit(), query.offset());
    }

    /**
     * The admin console's list: {@link CatalogFilter#matches} as SQL conditions and {@link CatalogFilter#comparator}
     * as {@code ORDER BY} (then {@code list_key, id}, which V13 indexes with each order), one count and one page query.
     */
    static CatalogPage search(DSLContext dsl, CatalogFilter filter) {
        return matching(filter)
                .map(condition -> onlyStatus(filter)
                        ? page(dsl, condition, order(filter.sort()), filter.limit(), filter.offset())
                        : selectivePage(dsl, condition, order(filter.sort()), filter.limit(), filter.offset()))
                .orElseGet(() -> new CatalogPage(List.of(), 0));
    }

    /**
     * The console's request: the page and the counts by status. The counts are one index-only scan of {@code
     * model_access_status_idx} (a few milliseconds at 50,000 rows); the total of a filter on status alone (the first
     * screen) or on nothing is one of them or their sum, so such a page costs that scan and an index-only scan of
     * {@code limit} entries of its order's index. A filter on provider, modality or text reads its total with its
     * page, in one statement ({@link #selectivePage}).
     */
    static CatalogListing listing(DSLContext dsl, CatalogFilter filter) {
        Map<ModelStatus, Long> counts = countByStatus(dsl);
        Optional<Condition> condition = matching(filter);
        if (condition.isEmpty()) {
            return new CatalogListing(new CatalogPage(List.of(), 0), counts);
        }
        List<SortField<?>> order = order(filter.sort());
        if (!onlyStatus(filter)) {
            return new CatalogListing(
                    selectivePage(dsl, condition.get(), order, filter.limit(), filter.offset()), counts);
        }
        long total = filter.status() == null
                ? counts.values().stream().mapToLong(Long::longValue).sum()
                : counts.get(filter.status());
        return new CatalogListing(pageOf(dsl, condition.get(), order, filter.limit(), filter.offset(), total), counts);
    }

    private static boolean onlyStatus(CatalogFilter filter) {
        return filter.provider() == null && filter.modality() == null && filter.text() == null;
    }

    /**
     * A page of a filter that narrows by provider, modality or text, and its total, in one statement: the matching
     * ids are found once (by the provider and modality index or the trigram indexes), counted with {@code count(*)
     * over ()} and sorted, and the page's rows joined to them. Only a page past the end, which returns no row to
     * carry the total, counts again.
     */
    private static CatalogPage selectivePage(
            DSLContext dsl, Condition condition, List<SortField<?>> order, int limit, long offset) {
        Field<Integer> total = DSL.count().over().as("matching_total");
        var ids = dsl.select(MODEL_ACCESS.ID, total)
                .from(MODEL_ACCESS)
                .where(condition)
                .orderBy(order)
                .limit(DSL.inline(limit))
                .offset(DSL.inline(offset))
                .asTable("page_ids");
        List<Field<?>> fields = new ArrayList<>(List.of(MODEL_ACCESS.fields()));
        fields.add(ids.field(total));
        var rows = dsl.select(fields)
                .from(MODEL_ACCESS)
                .join(ids)
                .on(MODEL_ACCESS.ID.eq(ids.field(MODEL_ACCESS.ID)))
                .orderBy(order)
                .fetch();
        if (rows.isEmpty()) {
            return new CatalogPage(List.of(), offset == 0 ? 0 : dsl.fetchCount(MODEL_ACCESS, condition));
        }
        long matching = rows.getFirst().get(ids.field(total));
        return new CatalogPage(rows.map(row -> CatalogRows.model(row.into(MODEL_ACCESS))), matching);
    }

    /** How many models pass the filter's conditions (its order and paging aside). */
    static long count(DSLContext dsl, CatalogFilter filter) {
        return matching(filter)
                .map(condition -> (long) dsl.fetchCount(MODEL_ACCESS, condition))
                .orElse(0L);
    }

    /** The filter as a condition, or empty when no stored row can match it (a value PostgreSQL cannot store). */
    static Optional<Condition> matching(CatalogFilter filter) {
        for (String value : new String[] {filter.provider(), filter.modality(), filter.text()}) {
            if (value != null && !storable(value)) {
                return Optional.empty();
            }
        }
        Condition condition = DSL.noCondition();
        if (filter.status() != null) {
            condition = condition.and(MODEL_ACCESS.STATUS.eq(filter.status().dbValue()));
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
        return Optional.of(condition);
    }

    /**
     * {@code model_id ILIKE '%text%' ESCAPE '\' OR name ILIKE …}: the text taken literally ({@code %}, {@code _} and
     * {@code \} escaped here, the pattern bound as a parameter), served by V13's trigram indexes when pg_trgm is
     * there and by a scan when it is not. A text without letters ({@link #caseless}) is matched with {@code LIKE}.
     */
    private static Condition idOrNameContains(String text) {
        String pattern = "%" + escapeLike(text) + "%";
        if (caseless(text)) {
            return MODEL_ACCESS.MODEL_ID.like(pattern, '\\').or(MODEL_ACCESS.NAME.like(pattern, '\\'));
        }
        return MODEL_ACCESS.MODEL_ID.likeIgnoreCase(pattern, '\\').or(MODEL_ACCESS.NAME.likeIgnoreCase(pattern, '\\'));
    }

    /**
     * Whether the text has no letter and no character with another case: {@code ILIKE} would fold nothing, and
     * {@code LIKE} finds the same rows about three times as fast where a scan is the only way (digits and
     * punctuation of fewer than three characters, or none that make a trigram, such as {@code %_'}: 53 ms against 17
     * ms at 50,000 models).
     */
    static boolean caseless(String text) {
        return text.codePoints()
                .allMatch(c -> !Character.isLetter(c)
                        && Character.toLowerCase(c) == c
                        && Character.toUpperCase(c) == c
                        && Character.toTitleCase(c) == c);
    }

    static String escapeLike(String text) {
        StringBuilder escaped = new StringBuilder(text.length() + 8);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '%' || c == '_' || c == '\\') {
                escaped.append('\\');
            }
            escaped.append(c);
        }
        return escaped.toString();
    }

    /**
     * One count, then the page itself unless it starts past the end. The page is found in two steps (a "deferred
     * join"): the ids of the page from an index-only scan of the order's index, skipping {@code offset} index
     * entries rather than {@code offset} rows, then those rows. Page 400 costs about as much as page 1.
     *
     * <p>Limit and offset are written into the statement, not bound: with them as parameters, PostgreSQL's generic
     * plan (pgjdbc prepares a statement on its fifth run, and the server plans it generically soon after) guesses 10%
     * of the table for the limit and picks a sequential scan joined by hash - 50 ms instead of 0.3 ms at 50,000 rows
     * (seen with {@code plan_cache_mode = force_generic_plan}).
     */
    private static CatalogPage page(
            DSLContext dsl, Condition condition, List<SortField<?>> order, int limit, long offset) {
        return pageOf(dsl, condition, order, limit, offset, dsl.fetchCount(MODEL_ACCESS, condition));
    }

    /** {@link #page} when the total is known. */
    private static CatalogPage pageOf(
            DSLContext dsl, Condition condition, List<SortField<?>> order, int limit, long offset, long total) {
        List<CatalogModel> page = total <= offset
                ? List.of()
                : dsl.selectFrom(MODEL_ACCESS)
                        .where(MODEL_ACCESS.ID.in(dsl.select(MODEL_ACCESS.ID)
                                .from(MODEL_ACCESS)
                                .where(condition)
                                .orderBy(order)
                                .limit(DSL.inline(limit))
                                .offset(DSL.inline(offset))))
                        .orderBy(order)
                        .fetch(CatalogRows::model);
        return new CatalogPage(page, total);
    }

    /** The order and its tie-breakers, column for column those of V13's list indexes. */
    private static List<SortField<?>> order(CatalogSort sort) {
        List<SortField<?>> order = new ArrayList<>();
        switch (sort) {
            case MODEL_ID -> {}
            case FIRST_SEEN_DESC -> order.add(MODEL_ACCESS.FIRST_SEEN_AT.desc());
            case FIRST_SEEN_ASC -> order.add(MODEL_ACCESS.FIRST_SEEN_AT.asc());
            case PRICE_ASC -> order.add(MODEL_ACCESS.PROMPT_PRICE_RANK.asc());
            case PRICE_DESC -> order.add(MODEL_ACCESS.PROMPT_PRICE_RANK.desc());
            case CONTEXT_DESC -> order.add(MODEL_ACCESS.CONTEXT_LENGTH.desc().nullsLast());
            case CONTEXT_ASC -> order.add(MODEL_ACCESS.CONTEXT_LENGTH.asc().nullsLast());
        }
        order.add(MODEL_ACCESS.LIST_KEY.asc());
        order.add(MODEL_ACCESS.ID.asc());
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
