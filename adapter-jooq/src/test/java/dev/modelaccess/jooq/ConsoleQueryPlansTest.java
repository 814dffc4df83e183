package dev.modelaccess.jooq;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modelaccess.core.catalog.ModelStatus;
import dev.modelaccess.core.port.CatalogFilter;
import dev.modelaccess.core.port.CatalogListing;
import dev.modelaccess.core.port.CatalogPage;
import dev.modelaccess.core.port.CatalogQuery;
import dev.modelaccess.core.port.CatalogSort;
import dev.modelaccess.core.port.ModelAccessStore;
import dev.modelaccess.testsupport.postgres.TestSchema;
import dev.modelaccess.testsupport.postgres.WithPostgres;
import java.sql.SQLException;
import java.util.List;
import javax.sql.DataSource;
import org.jooq.SQLDialect;
import org.jooq.conf.Settings;
import org.jooq.conf.StatementType;
import org.jooq.impl.DSL;
import org.jooq.impl.DefaultConfiguration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The admin console's queries on 50,000 models, read through {@code EXPLAIN (ANALYZE, BUFFERS)} after {@code ANALYZE}:
 * each page is served by V13's index for its order (never by sorting a sequential scan of {@code model_access}), and
 * a page past the end reads no row. The plans are printed, so a failure shows what PostgreSQL chose.
 */
@WithPostgres
class ConsoleQueryPlansTest {

    static DataSource dataSource;
    static TestSchema schema;

    private static final int SIZE = 50_000;

    /** The statements of the last query, with their values inlined so that they can be explained. */
    private static final StatementLog log = new StatementLog();

    private static ModelAccessStore store;

    @BeforeAll
    static void fiftyThousandModels() throws SQLException {
        ModelAccessSchema.migrate(dataSource);
        // Straight in with SQL: a sync of 50,000 models is SyncApplyWritesTest's; here only the rows matter.
        schema.execute("""
                insert into model_access (model_id, name, provider, context_length, modality, pricing_prompt,
                                          upstream, upstream_sha256, status, first_seen_at)
                select 'p' || (i % 60) || '/model-' || lpad(i::text, 5, '0'), 'Model ' || i, 'p' || (i % 60),
                       4096 * (1 + i % 64), case when i % 3 = 0 then 'text+image->text' else 'text->text' end,
                       case when i % 97 = 0 then -1 else (i % 100) / 1e8 end,
                       jsonb_build_object('id', i, 'description', repeat(md5(i::text), 16)),
                       encode(sha256(i::text::bytea), 'hex'),
                       case when i % 10 = 7 then 'active' else 'new' end,
                       timestamptz '2026-01-01' + (i / 1000) * interval '1 day'
                  from generate_series(1, SIZE) as i
                """.replace("SIZE", Integer.toString(SIZE)));
        // Index-only scans need the visibility map: vacuum until every page is all-visible (a transaction of another
        // test class on the shared server can keep the first VACUUM from marking them; the plans would then differ).
        for (int i = 0; i < 50; i++) {
            schema.execute("vacuum analyze model_access");
            if (schema.strings("select relallvisible >= relpages from pg_class where oid = 'model_access'::regclass")
                    .getFirst()
                    .equals("t")) {
                break;
            }
        }
        store = new JooqModelAccessStore(DSL.using(new DefaultConfiguration()
                .set(dataSource)
                .set(SQLDialect.POSTGRES)
                .set(new Settings().withStatementType(StatementType.STATIC_STATEMENT))
                .set(log)));
    }

    @Test
    void theFirstScreenReadsItsIndexNotTheTable() throws SQLException {
        String plan = pagePlan(
                new CatalogFilter(ModelStatus.NEW, null, null, null, CatalogSort.FIRST_SEEN_DESC, 50, 0), 45_000);

        assertThat(plan).doesNotContain("Seq Scan on model_access").contains("model_access_list_first_seen_desc_idx");
    }

    @Test
    void theFirstScreenStaysOnItsIndexAsAGenericPlanOfAPreparedStatement() throws SQLException {
        StatementLog bound = new StatementLog();
        new JooqModelAccessStore(bound.on(dataSource))
                .searchModels(new CatalogFilter(ModelStatus.NEW, null, null, null, CatalogSort.FIRST_SEEN_DESC, 50, 0));
        String page = bound.statements().get(1);
        int parameters = page.length() - page.replace("?", "").length();
        assertThat(parameters).as("only the status is bound: %s", page).isEqualTo(1);

        try (var connection = dataSource.getConnection();
                var statement = connection.createStatement()) {
            connection.setAutoCommit(false); // set local and the prepared statement end with this transaction
            statement.execute("set local plan_cache_mode = force_generic_plan");
            statement.execute("prepare first_screen(text) as " + page.replace("?", "$1"));
            List<String> plan = new java.util.ArrayList<>();
            try (var rs = statement.executeQuery("explain execute first_screen('new')")) {
                while (rs.next()) {
                    plan.add(rs.getString(1));
                }
            }
            statement.execute("deallocate first_screen");
            connection.rollback();
            System.out.println(String.join("\n", plan));
            assertThat(String.join("\n", plan)).doesNotContain("Seq Scan on model_access");
        }
    }

    @Test
    void page400OfLongestContextFirstSkipsIndexEntriesNotRows() throws SQLException {
        String plan = pagePlan(new CatalogFilter(null, null, null, null, CatalogSort.CONTEXT_DESC, 50, 20_000), SIZE);

        assertThat(plan)
                .doesNotContain("Seq Scan on model_access")
                .contains("Index Only Scan using model_access_list_context_desc_idx");
    }

    @Test
    void everyOrderIsServedByItsIndex() throws SQLException {
        for (CatalogSort sort : CatalogSort.values()) {
            String plan = pagePlan(new CatalogFilter(null, null, null, null, sort, 50, 0), SIZE);

            assertThat(plan)
                    .as(sort.wireValue())
                    .doesNotContain("Seq Scan on model_access")
                    .contains("using model_access_list_" + sort.wireValue() + "_idx");
        }
    }

    @Test
    void providerAndModalityUseTheirIndex() throws SQLException {
        String plan = pagePlan(
                new CatalogFilter(null, "p18", "text+image->text", null, CatalogSort.FIRST_SEEN_DESC, 50, 0), 834);

        assertThat(plan).doesNotContain("Seq Scan on model_access");
    }

    @Test
    void freeTextUsesTheTrigramIndexesWhenPgTrgmIsThere() throws SQLException {
        assertThat(schema.strings("select count(*) from pg_extension where extname = 'pg_trgm'"))
                .as("the embedded PostgreSQL ships contrib")
                .containsExactly("1");

        String plan = pagePlan(new CatalogFilter(null, null, null, "model-4242", CatalogSort.MODEL_ID, 50, 0), 10);

        assertThat(plan).doesNotContain("Seq Scan on model_access").contains("model_access_model_id_trgm_idx");
    }

    @Test
    void wildcardsAndQuotesAreTakenLiterally() {
        assertThat(store.searchModels(new CatalogFilter(null, null, null, "%", CatalogSort.MODEL_ID, 50, 0))
                        .total())
                .isZero();
        assertThat(store.searchModels(new CatalogFilter(null, null, null, "_", CatalogSort.MODEL_ID, 50, 0))
                        .total())
                .isZero();
        assertThat(store.searchModels(new CatalogFilter(null, null, null, "model_0", CatalogSort.MODEL_ID, 50, 0))
                        .total())
                .isZero();
        assertThat(store.searchModels(new CatalogFilter(null, null, null, "o'", CatalogSort.MODEL_ID, 50, 0))
                        .total())
                .isZero();
        assertThat(store.searchModels(new CatalogFilter(null, null, null, "\\", CatalogSort.MODEL_ID, 50, 0))
                        .total())
                .isZero();
    }

    @Test
    void wildcardsAndQuotesAreTakenLiterallyInTheConsoleListToo() {
        for (String text : List.of("%", "_", "model_0", "o'", "\\", "%_'")) {
            CatalogListing listing =
                    store.listModels(new CatalogFilter(null, null, null, text, CatalogSort.MODEL_ID, 50, 0));

            assertThat(listing.page().total()).as(text).isZero();
            assertThat(listing.page().models()).as(text).isEmpty();
        }
        assertThat(store.listModels(new CatalogFilter(null, null, null, "l-4242", CatalogSort.MODEL_ID, 50, 0))
                        .page()
                        .total())
                .as("a hyphen is no wildcard either")
                .isEqualTo(10);
    }

    @Test
    void aTextWithoutLettersIsMatchedWithLikeAndOneWithLettersWhateverItsCase() {
        log.clear();
        long digits = store.listModels(new CatalogFilter(null, null, null, "-4242", CatalogSort.MODEL_ID, 50, 0))
                .page()
                .total();
        List<String> caseless = List.copyOf(log.statements());
        log.clear();
        long shouted = store.listModels(new CatalogFilter(null, null, null, "L-4242", CatalogSort.MODEL_ID, 50, 0))
                .page()
                .total();

        assertThat(digits).isEqualTo(10L);
        assertThat(shouted).as("letters in another case").isEqualTo(10L);
        assertThat(caseless).anyMatch(sql -> sql.contains(" like ")).noneMatch(sql -> sql.contains(" ilike "));
        assertThat(log.statements()).anyMatch(sql -> sql.contains(" ilike "));
        assertThat(CatalogReads.caseless("4.5 %_' -")).isTrue();
        assertThat(CatalogReads.caseless("ß"))
                .as("a letter, even one without a capital of its own")
                .isFalse();
        assertThat(CatalogReads.caseless("\u24B6"))
                .as("a circled capital A, not a letter but with a case")
                .isFalse();
    }

    @Test
    void aSearchTextOverTheStoresBoundIsRefusedBeforeAnyStatementAndOneAtTheBoundIsAnswered() throws SQLException {
        String tooLong = "model-4242".repeat(1_000);
        log.clear();

        assertThatThrownBy(() ->
                        store.listModels(new CatalogFilter(null, null, null, tooLong, CatalogSort.MODEL_ID, 50, 0)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("text must be at most " + CatalogQuery.MAX_STORE_TEXT_LENGTH);
        assertThatThrownBy(() -> store.searchModels(new CatalogQuery(null, tooLong, 50, 0)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("text must be at most " + CatalogQuery.MAX_STORE_TEXT_LENGTH);
        assertThatThrownBy(() -> new CatalogFilter(null, "p".repeat(10_000), null, null, CatalogSort.MODEL_ID, 50, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("provider must be at most");
        assertThat(log.statements()).as("nothing reached the database").isEmpty();

        String atTheBound = tooLong.substring(0, CatalogQuery.MAX_STORE_TEXT_LENGTH);
        String plan = pagePlan(new CatalogFilter(null, null, null, atTheBound, CatalogSort.MODEL_ID, 50, 0), 0);
        assertThat(plan).doesNotContain("Seq Scan on model_access").contains("model_access_model_id_trgm_idx");
    }

    @Test
    void aPagePastTheEndIsEmptyAndReadsNoRow() {
        log.clear();
        CatalogPage page = store.searchModels(
                new CatalogFilter(ModelStatus.NEW, null, null, null, CatalogSort.FIRST_SEEN_DESC, 50, 1_000_000));

        assertThat(page.models()).isEmpty();
        assertThat(page.total()).isEqualTo(45_000);
        assertThat(log.statements()).as("the count only").hasSize(1);

        log.clear();
        CatalogListing listing = store.listModels(
                new CatalogFilter(ModelStatus.NEW, null, null, null, CatalogSort.FIRST_SEEN_DESC, 50, 1_000_000));

        assertThat(listing.page().models()).isEmpty();
        assertThat(listing.page().total()).isEqualTo(45_000);
        assertThat(log.statements()).as("the counts by status only").hasSize(1);
    }

    @Test
    void aNarrowingFilterPastTheEndCountsAgainAndAnswersAnEmptyPage() {
        log.clear();
        CatalogListing listing =
                store.listModels(new CatalogFilter(null, "p18", null, null, CatalogSort.FIRST_SEEN_DESC, 50, 100_000));

        assertThat(listing.page().models()).isEmpty();
        assertThat(listing.page().total()).isEqualTo(834);
        assertThat(log.statements()).as("counts by status, page (empty), count").hasSize(3);
    }

    @Test
    void theConsoleListAndItsTotalsAgreeWithTheSearchAndTheCounts() {
        for (CatalogFilter filter : List.of(
                new CatalogFilter(ModelStatus.ACTIVE, null, null, null, CatalogSort.PRICE_DESC, 50, 100),
                new CatalogFilter(null, "p17", "text->text", null, CatalogSort.CONTEXT_ASC, 50, 800),
                new CatalogFilter(ModelStatus.ACTIVE, "p17", null, "model-0", CatalogSort.MODEL_ID, 20, 0))) {
            CatalogListing listing = store.listModels(filter);
            CatalogPage page = store.searchModels(filter);

            assertThat(listing.page().total())
                    .as(filter.toString())
                    .isEqualTo(page.total())
                    .isPositive();
            assertThat(listing.page().models())
                    .extracting(model -> model.modelId())
                    .as(filter.toString())
                    .containsExactlyElementsOf(
                            page.models().stream().map(model -> model.modelId()).toList());
            assertThat(listing.countsByStatus()).isEqualTo(store.countByStatus());
        }
    }

    @Test
    void theCountsByStatusComeFromAnIndexOnlyScan() throws SQLException {
        log.clear();
        store.countByStatus();

        String plan = explain(log.statements().getFirst());
        assertThat(plan).doesNotContain("Seq Scan on model_access").contains("Index Only Scan");
    }

    /**
     * Runs the console's request ({@code listModels}: the counts by status, then the page, which carries its total
     * when the filter narrows by provider, modality or text), checks its total, checks that the counts are an
     * index-only scan, and explains the page statement.
     */
    private static String pagePlan(CatalogFilter filter, long total) throws SQLException {
        log.clear();
        CatalogListing listing = store.listModels(filter);
        assertThat(listing.page().total()).as("total").isEqualTo(total);
        assertThat(listing.countsByStatus())
                .containsEntry(ModelStatus.NEW, 45_000L)
                .containsEntry(ModelStatus.ACTIVE, 5_000L);
        List<String> statements = log.statements();
        assertThat(statements)
                .as("the counts by status and the page, no count of its own")
                .hasSize(2);
        assertThat(explain(statements.get(0)))
                .as("the counts by status")
                .doesNotContain("Seq Scan on model_access")
                .contains("Index Only Scan using model_access_status_idx");
        return explain(statements.get(1));
    }

    private static String explain(String sql) throws SQLException {
        String plan = String.join("\n", schema.strings("explain (analyze, buffers) " + sql));
        System.out.printf("%s%n%s%n%n", sql.length() > 300 ? sql.substring(0, 300) + "…" : sql, plan);
        return plan;
    }
}
