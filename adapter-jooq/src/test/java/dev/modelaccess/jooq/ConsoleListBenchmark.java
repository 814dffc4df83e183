package dev.modelaccess.jooq;

import static dev.modelaccess.jooq.TestModels.T0;
import static dev.modelaccess.testsupport.contract.SampleModels.model;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.modelaccess.core.catalog.Architecture;
import dev.modelaccess.core.catalog.ModelStatus;
import dev.modelaccess.core.catalog.UpstreamModel;
import dev.modelaccess.core.port.CatalogFilter;
import dev.modelaccess.core.port.CatalogSort;
import dev.modelaccess.core.port.ModelAccessStore;
import dev.modelaccess.core.sync.ModelCatalogReconciler;
import dev.modelaccess.core.sync.Reconciliation;
import dev.modelaccess.core.sync.SyncGuards;
import dev.modelaccess.core.sync.SyncPlan;
import dev.modelaccess.core.sync.UpstreamSnapshot;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.jooq.SQLDialect;
import org.jooq.conf.Settings;
import org.jooq.conf.StatementType;
import org.jooq.impl.DSL;
import org.jooq.impl.DefaultConfiguration;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * Times the admin console's list request ({@link JooqModelAccessStore#listModels(CatalogFilter)}: the page, its total
 * and the counts by status, what {@code GET /api/admin/console/models} asks the store, through a connection pool) on a catalog of
 * 50,000 models on real PostgreSQL: 60 providers, two modalities, a tenth active, the rest new.
 *
 * <p>{@code ./mvnw -B -ntp -pl adapter-jooq -am -Pconsole-benchmark process-test-classes} (embedded PostgreSQL).
 * Median and worst of {@value #RUNS} runs after {@value #WARMUP} warm-ups, each beside its goal (issue 21); a figure,
 * not a unit test. It uses only the store's port, so the same class also times an older version of the store.
 */
public final class ConsoleListBenchmark {

    private static final int SIZE = 50_000;
    private static final int RUNS = 30;
    private static final int WARMUP = 10;

    /**
     * {@code -Dbenchmark.explain=true}: first print {@code EXPLAIN (ANALYZE, BUFFERS)} of every statement one request
     * of each case runs (page and counts), to see where the time goes.
     */
    private static final boolean EXPLAIN = Boolean.getBoolean("benchmark.explain");

    private ConsoleListBenchmark() {}

    public static void main(String[] args) throws Exception {
        try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().start()) {
            DataSource server = postgres.getPostgresDatabase();
            PGSimpleDataSource direct = new PGSimpleDataSource();
            try (Connection connection = server.getConnection()) {
                direct.setURL(connection.getMetaData().getURL());
                direct.setUser(connection.getMetaData().getUserName());
            }
            // A pool, as every host has (Spring Boot's HikariCP): without one, each statement would open a connection
            // of its own, and connecting (a backend process, its catalog caches) would be most of what is timed.
            HikariConfig pool = new HikariConfig();
            pool.setDataSource(direct);
            pool.setMaximumPoolSize(2);
            try (HikariDataSource dataSource = new HikariDataSource(pool)) {
                run(dataSource);
            }
        }
    }

    private static void run(DataSource dataSource) throws Exception {
        ModelAccessSchema.migrate(dataSource);
        ModelAccessStore store = JooqModelAccess.of(dataSource).store();
        fill(store);
        execute(
                dataSource,
                "update model_access set status = 'active', is_pro = true" + " where right(model_id, 1) = '7'");
        execute(dataSource, "vacuum analyze model_access");
        if (EXPLAIN) {
            explainAll(dataSource);
        }
        System.out.printf(
                "%-46s %9s %9s %9s %8s%n",
                "query (50,000 models) + counts by status", "median ms", "max ms", "goal ms", "total");
        measure(
                "first screen: new, newest first, 50",
                25,
                () -> list(store, ModelStatus.NEW, null, null, null, CatalogSort.FIRST_SEEN_DESC, 0));
        measure("all, cheapest first, 50", 25, () -> list(store, null, null, null, null, CatalogSort.PRICE_ASC, 0));
        measure(
                "all, longest context first, page 400",
                50,
                () -> list(store, null, null, null, null, CatalogSort.CONTEXT_DESC, 20_000));
        measure(
                "provider p17 + modality text->text",
                25,
                () -> list(store, null, "p17", "text->text", null, CatalogSort.FIRST_SEEN_DESC, 0));
        measure(
                "provider p18 + modality text+image->text",
                25,
                () -> list(store, null, "p18", "text+image->text", null, CatalogSort.FIRST_SEEN_DESC, 0));
        measure(
                "free text 'model-4242'",
                50,
                () -> list(store, null, null, null, "model-4242", CatalogSort.MODEL_ID, 0));
        measure(
                "free text \"%_'\" (wildcards taken literally)",
                50, () -> list(store, null, null, null, "%_'", CatalogSort.MODEL_ID, 0));
        measure(
                "active, most expensive first",
                25,
                () -> list(store, ModelStatus.ACTIVE, null, null, null, CatalogSort.PRICE_DESC, 0));
        measure(
                "new, newest first, past the end (page 2000)",
                25,
                () -> list(store, ModelStatus.NEW, null, null, null, CatalogSort.FIRST_SEEN_DESC, 100_000));
    }

    private static long list(
            ModelAccessStore store,
            ModelStatus status,
            String provider,
            String modality,
            String text,
            CatalogSort sort,
            long offset) {
        return store.listModels(new CatalogFilter(status, provider, modality, text, sort, 50, offset))
                .page()
                .total();
    }

    private static void fill(ModelAccessStore store) {
        List<UpstreamModel> models = new ArrayList<>(SIZE);
        Architecture vision =
                new Architecture("text+image->text", List.of("text", "image"), List.of("text"), "GPT", null);
        for (int i = 1; i <= SIZE; i++) {
            models.add(model("p%d/model-%05d".formatted(i % 60, i))
                    .name("Model " + i)
                    .contextLength(4096L * (1 + i % 64))
                    .architecture(i % 3 == 0 ? vision : SampleModelsArchitecture.TEXT)
                    .price("prompt", i % 97 == 0 ? "-1" : "0.000000" + (i % 100))
                    .price("completion", "0.00000" + (i % 10))
                    .build());
        }
        store.inTransaction(transaction -> {
            Reconciliation reconciliation = new ModelCatalogReconciler(Clock.fixed(T0, ZoneOffset.UTC))
                    .reconcile(transaction.loadCatalog(), UpstreamSnapshot.of(models), SyncGuards.DEFAULTS, true);
            SyncPlan plan = ((Reconciliation.Planned) reconciliation).plan();
            transaction.applySyncPlan(plan, T0);
            return plan;
        });
    }

    /** The builder's default architecture, spelled out so both modalities are explicit here. */
    private static final class SampleModelsArchitecture {
        static final Architecture TEXT = new Architecture("text->text", List.of("text"), List.of("text"), "GPT", null);
    }

    private static void measure(String what, int goalMillis, Supplier<Long> query) {
        for (int i = 0; i < WARMUP; i++) {
            query.get();
        }
        List<Long> nanos = new ArrayList<>();
        long total = 0;
        for (int i = 0; i < RUNS; i++) {
            long start = System.nanoTime();
            total = query.get();
            nanos.add(System.nanoTime() - start);
        }
        List<Long> sorted = nanos.stream().sorted().toList();
        double median = sorted.get(sorted.size() / 2) / 1e6;
        System.out.printf(
                "%-46s %9.1f %9.1f %9s %8d%n",
                what, median, sorted.getLast() / 1e6, (median < goalMillis ? "< " : "MISSED < ") + goalMillis, total);
    }

    private static void explainAll(DataSource dataSource) throws Exception {
        StatementLog log = new StatementLog();
        ModelAccessStore logged = new JooqModelAccessStore(DSL.using(new DefaultConfiguration()
                .set(dataSource)
                .set(SQLDialect.POSTGRES)
                .set(new Settings().withStatementType(StatementType.STATIC_STATEMENT))
                .set(log)));
        List<CatalogFilter> filters = List.of(
                new CatalogFilter(ModelStatus.NEW, null, null, null, CatalogSort.FIRST_SEEN_DESC, 50, 0),
                new CatalogFilter(null, null, null, null, CatalogSort.CONTEXT_DESC, 50, 20_000),
                new CatalogFilter(null, "p17", "text->text", null, CatalogSort.FIRST_SEEN_DESC, 50, 0),
                new CatalogFilter(null, null, null, "model-4242", CatalogSort.MODEL_ID, 50, 0));
        for (CatalogFilter filter : filters) {
            log.clear();
            logged.listModels(filter);
            System.out.println("== " + filter);
            try (Connection connection = dataSource.getConnection();
                    Statement statement = connection.createStatement()) {
                for (String sql : log.statements()) {
                    System.out.println(sql);
                    try (ResultSet rs = statement.executeQuery("explain (analyze, buffers) " + sql)) {
                        while (rs.next()) {
                            System.out.println("  " + rs.getString(1));
                        }
                    }
                }
            }
        }
    }

    private static void execute(DataSource dataSource, String sql) throws Exception {
        try (Connection connection = dataSource.getConnection();
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
