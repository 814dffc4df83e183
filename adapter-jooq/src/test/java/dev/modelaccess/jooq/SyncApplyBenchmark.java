package dev.modelaccess.jooq;

import static dev.modelaccess.jooq.TestModels.T0;

import dev.modelaccess.core.catalog.UpstreamModel;
import dev.modelaccess.core.port.ModelAccessStore;
import dev.modelaccess.core.sync.UpstreamSnapshot;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import javax.sql.DataSource;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * Measures one sync apply (lock, load, reconcile, write, events, run record — one transaction) on real PostgreSQL,
 * for a catalog of the real size (~550) and a synthetic one of 50,000: first apply (all inserts), the same snapshot
 * again (no writes), and a snapshot with 10% of the models re-priced.
 *
 * <p>{@code ./mvnw -B -ntp -pl adapter-jooq -am -Psync-benchmark process-test-classes} (embedded PostgreSQL, or the
 * server of {@code MODELACCESS_TEST_JDBC_URL} / {@code MODELACCESS_TEST_JDBC_USER} / {@code MODELACCESS_TEST_JDBC_PASSWORD} when set). Wall-clock times of a
 * whole transaction, median of {@value #RUNS} runs after one warm-up; a figure, not a unit test.
 */
public final class SyncApplyBenchmark {

    private static final int RUNS = 5;

    private SyncApplyBenchmark() {}

    public static void main(String[] args) throws Exception {
        int[] sizes = args.length == 0
                ? new int[] {550, 50_000}
                : Arrays.stream(args).mapToInt(Integer::parseInt).toArray();
        String url = System.getenv("MODELACCESS_TEST_JDBC_URL");
        if (url != null && !url.isBlank()) {
            PGSimpleDataSource dataSource = new PGSimpleDataSource();
            dataSource.setURL(url);
            dataSource.setUser(System.getenv("MODELACCESS_TEST_JDBC_USER"));
            dataSource.setPassword(System.getenv("MODELACCESS_TEST_JDBC_PASSWORD"));
            run(dataSource, sizes);
        } else {
            try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().start()) {
                run(postgres.getPostgresDatabase(), sizes);
            }
        }
    }

    private static void run(DataSource server, int[] sizes) throws Exception {
        String schema = "modelaccess_benchmark_" + Long.toHexString(System.nanoTime());
        execute(server, "create schema " + schema);
        try {
            PGSimpleDataSource dataSource = new PGSimpleDataSource();
            try (Connection connection = server.getConnection()) {
                dataSource.setURL(connection.getMetaData().getURL());
                dataSource.setUser(connection.getMetaData().getUserName());
            }
            dataSource.setCurrentSchema(schema);
            ModelAccessSchema.migrate(dataSource);
            ModelAccessStore store = JooqModelAccess.of(dataSource).store();
            System.out.printf("%-8s %-28s %10s %10s%n", "models", "apply", "median ms", "min ms");
            for (int size : sizes) {
                measure(dataSource, store, size);
            }
        } finally {
            execute(server, "drop schema " + schema + " cascade");
        }
    }

    private static void measure(DataSource dataSource, ModelAccessStore store, int size) throws Exception {
        List<UpstreamModel> models = TestModels.synthetic("bench", size);
        List<UpstreamModel> repriced = new ArrayList<>(models);
        for (int i = 0; i < repriced.size(); i += 10) {
            repriced.set(i, TestModels.repriced(repriced.get(i), "0.000123"));
        }
        UpstreamSnapshot initial = UpstreamSnapshot.of(models);
        UpstreamSnapshot changed = UpstreamSnapshot.of(repriced);

        List<Long> inserts = new ArrayList<>();
        List<Long> unchanged = new ArrayList<>();
        List<Long> refreshed = new ArrayList<>();
        for (int run = 0; run <= RUNS; run++) {
            execute(dataSource, "truncate model_access, model_access_events, sync_runs");
            execute(dataSource, "vacuum analyze model_access");
            long a = timed(store, initial);
            long b = timed(store, initial);
            long c = timed(store, changed);
            if (run > 0) {
                inserts.add(a);
                unchanged.add(b);
                refreshed.add(c);
            }
        }
        report(size, "first (all inserted)", inserts);
        report(size, "same snapshot (no writes)", unchanged);
        report(size, "10% re-priced", refreshed);
    }

    private static long timed(ModelAccessStore store, UpstreamSnapshot snapshot) {
        long start = System.nanoTime();
        Instant now = T0.plusNanos(System.nanoTime() / 1000 * 1000);
        store.inTransaction(transaction -> Syncs.apply(transaction, snapshot, now));
        return System.nanoTime() - start;
    }

    private static void report(int size, String what, List<Long> nanos) {
        List<Long> sorted = nanos.stream().sorted().toList();
        System.out.printf(
                "%-8d %-28s %10d %10d%n",
                size,
                what,
                Duration.ofNanos(sorted.get(sorted.size() / 2)).toMillis(),
                Duration.ofNanos(sorted.getFirst()).toMillis());
    }

    private static void execute(DataSource dataSource, String sql) throws Exception {
        try (Connection connection = dataSource.getConnection();
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
