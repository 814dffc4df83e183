package dev.modelaccess.jooq;

import static dev.modelaccess.jooq.TestModels.T0;

import dev.modelaccess.core.catalog.UpstreamModel;
import dev.modelaccess.core.port.ModelAccessStore;
import dev.modelaccess.core.sync.CatalogSync;
import dev.modelaccess.core.sync.SyncGuards;
import dev.modelaccess.core.sync.SyncOutcome;
import dev.modelaccess.core.sync.SyncTrigger;
import dev.modelaccess.core.sync.UpstreamSnapshot;
import dev.modelaccess.testsupport.contract.SampleModels;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.jooq.ExecuteContext;
import org.jooq.ExecuteListener;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.jooq.impl.DefaultConfiguration;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * Measures one sync apply ({@link CatalogSync}'s transaction: lock, load, reconcile, write, events, the rows before
 * the plan, run record) on real PostgreSQL,
 * for a catalog of the real size (~550) and a synthetic one of 50,000: first apply (all inserts), the same snapshot
 * again (no writes), and a snapshot with 10% of the models re-priced; and, as the floor for the first apply, a plain
 * {@code COPY} of the same rows into the same table, and as the floor for the re-price, a plain {@code COPY} of the
 * rows it rewrote. Each figure is printed beside its goal (issue 21). It uses only
 * the store's port, so the same class also times an older version of the store.
 *
 * <p>{@code ./mvnw -B -ntp -pl adapter-jooq -am -Psync-benchmark process-test-classes} (embedded PostgreSQL, or the
 * server of {@code MODELACCESS_TEST_JDBC_URL} / {@code MODELACCESS_TEST_JDBC_USER} / {@code MODELACCESS_TEST_JDBC_PASSWORD} when set). Wall-clock times of a
 * whole transaction, median of 5 runs after one warm-up; a figure, not a unit test.
 */
public final class SyncApplyBenchmark {

    /** {@code -Dbenchmark.runs=N} for fewer or more. */
    private static final int RUNS = Integer.getInteger("benchmark.runs", 5);

    /**
     * {@code -Dbenchmark.profile=true}: after the figures, one more round whose statements are timed one by one (jOOQ's
     * execute and fetch), printed per apply, to see where a transaction's time goes.
     */
    private static final boolean PROFILE = Boolean.getBoolean("benchmark.profile");

    /**
     * {@code -Dbenchmark.keep=true}: the schema with the benchmark's tables is left in place (with {@code
     * MODELACCESS_TEST_JDBC_URL}), to try statements on the 50,000 rows by hand.
     */
    private static final boolean KEEP = Boolean.getBoolean("benchmark.keep");

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
            System.out.printf(
                    "%-8s %-28s %10s %10s   %s%n", "models", "apply", "median ms", "min ms", "goal (issue 21)");
            for (int size : sizes) {
                measure(dataSource, store, size);
            }
        } finally {
            if (KEEP) {
                System.out.println("The benchmark's tables are kept in schema " + schema);
            } else {
                execute(server, "drop schema " + schema + " cascade");
            }
        }
    }

    private static void measure(DataSource dataSource, ModelAccessStore store, int size) throws Exception {
        List<UpstreamModel> models = realSize(TestModels.synthetic("bench", size));
        List<UpstreamModel> repriced = new ArrayList<>(models);
        for (int i = 0; i < repriced.size(); i += 10) {
            repriced.set(i, TestModels.repriced(repriced.get(i), "0.000123"));
        }
        UpstreamSnapshot initial = UpstreamSnapshot.of(models);
        UpstreamSnapshot changed = UpstreamSnapshot.of(repriced);

        if (RUNS == 0 && PROFILE) { // -Dbenchmark.runs=0: the profile only
            profile(dataSource, initial, changed);
            return;
        }
        List<Long> inserts = new ArrayList<>();
        List<Long> unchanged = new ArrayList<>();
        List<Long> refreshed = new ArrayList<>();
        List<Long> copies = new ArrayList<>();
        List<Long> rewrites = new ArrayList<>();
        List<String> repricedIds = new ArrayList<>();
        for (int i = 0; i < models.size(); i += 10) {
            repricedIds.add(models.get(i).id());
        }
        for (int run = 0; run <= RUNS; run++) {
            execute(dataSource, "truncate model_access, model_access_events, sync_runs");
            execute(dataSource, "vacuum analyze model_access");
            long a = timed(store, initial);
            long b = timed(store, initial);
            long c = timed(store, changed);
            long e = rewriteFloor(dataSource, repricedIds);
            long d = copyFloor(dataSource);
            if (run > 0) {
                inserts.add(a);
                unchanged.add(b);
                refreshed.add(c);
                copies.add(d);
                rewrites.add(e);
            }
        }
        if (PROFILE) {
            profile(dataSource, initial, changed);
        }
        long copy = median(copies);
        long first = median(inserts);
        report(size, "COPY of the same rows", copies, "the floor for the first apply");
        report(
                size,
                "first (all inserted)",
                inserts,
                "<= 1.3 x COPY: %.2f x COPY%s".formatted((double) first / copy, first <= copy * 1.3 ? "" : " MISSED"));
        report(size, "same snapshot (no writes)", unchanged, goal(unchanged, 500));
        report(
                size,
                "COPY of the re-priced rows",
                rewrites,
                "the floor for the re-price (%d rows)".formatted(repricedIds.size()));
        report(
                size,
                "10% re-priced",
                refreshed,
                goal(refreshed, 1000)
                        + ", %.2f x COPY of its rows".formatted((double) median(refreshed) / median(rewrites)));
    }

    /**
     * The plain {@code COPY} of the rows the last apply left (every column a sync writes, with their jsonb, into the
     * same table with its indexes and triggers, on an emptied table): what writing those rows costs this database at
     * the least. Copied out as text first, untimed; the timed part is {@code truncate} plus {@code COPY … FROM STDIN}
     * in one transaction.
     */
    private static long copyFloor(DataSource dataSource) throws Exception {
        try (Connection connection = dataSource.getConnection()) {
            String columns = String.join(", ", writtenColumns(connection));
            CopyManager copy = connection.unwrap(PGConnection.class).getCopyAPI();
            ByteArrayOutputStream rows = new ByteArrayOutputStream();
            copy.copyOut("copy (select " + columns + " from model_access) to stdout", rows);
            connection.setAutoCommit(false);
            long start = System.nanoTime();
            try (Statement statement = connection.createStatement()) {
                statement.execute("truncate model_access");
            }
            copy.copyIn("copy model_access (" + columns + ") from stdin", new ByteArrayInputStream(rows.toByteArray()));
            connection.commit();
            return System.nanoTime() - start;
        }
    }

    /**
     * The floor for the 10% re-price: a plain {@code COPY} of the rows that re-price rewrote, as they now stand (every
     * column a sync writes, the 2 kB description and the 2.5 kB JSON included), into the same table with its indexes
     * and triggers, in the state the re-price left it. The copies get new ids ({@code model_id} with {@code " (floor)"}
     * appended), so the table keeps its 50,000 rows; writing a changed row costs an {@code UPDATE} at least what
     * inserting it does (a new row version and, unless the update is HOT, an entry in every index). Copied out first,
     * untimed; the timed part is {@code COPY … FROM STDIN} and its commit; the copies are deleted afterwards.
     */
    private static long rewriteFloor(DataSource dataSource, List<String> modelIds) throws Exception {
        try (Connection connection = dataSource.getConnection()) {
            List<String> columns = writtenColumns(connection).stream()
                    .filter(column -> !column.equals("id"))
                    .toList();
            String selected = columns.stream()
                    .map(column -> column.equals("model_id") ? "model_id || ' (floor)'" : column)
                    .collect(Collectors.joining(", "));
            CopyManager copy = connection.unwrap(PGConnection.class).getCopyAPI();
            try (Statement statement = connection.createStatement()) {
                statement.execute("create temp table floor_ids (model_id text primary key)");
            }
            copy.copyIn(
                    "copy floor_ids from stdin",
                    new ByteArrayInputStream(String.join("\n", modelIds).getBytes(StandardCharsets.UTF_8)));
            ByteArrayOutputStream rows = new ByteArrayOutputStream();
            copy.copyOut(
                    "copy (select " + selected + " from model_access join floor_ids using (model_id)) to stdout", rows);
            connection.setAutoCommit(false);
            long start = System.nanoTime();
            copy.copyIn(
                    "copy model_access (" + String.join(", ", columns) + ") from stdin",
                    new ByteArrayInputStream(rows.toByteArray()));
            connection.commit();
            long elapsed = System.nanoTime() - start;
            try (Statement statement = connection.createStatement()) {
                statement.execute("delete from model_access where model_id like '% (floor)'");
                statement.execute("drop table floor_ids");
            }
            connection.commit();
            return elapsed;
        }
    }

    /** The columns of {@code model_access} a {@code COPY} writes: all but the generated ones, quoted, in order. */
    private static List<String> writtenColumns(Connection connection) throws Exception {
        return strings(
                connection,
                "select quote_ident(column_name) from information_schema.columns where table_schema ="
                        + " current_schema() and table_name = 'model_access' and is_generated = 'NEVER'"
                        + " order by ordinal_position");
    }

    private static void profile(DataSource dataSource, UpstreamSnapshot initial, UpstreamSnapshot changed)
            throws Exception {
        TimedStatements timed = new TimedStatements();
        // auto_explain sends the plan of each statement slower than 100 ms back as a notice (a JDBC warning), without
        // the parameters (an array of 50,000 ids is megabytes)
        PGSimpleDataSource explained = new PGSimpleDataSource();
        try (Connection connection = dataSource.getConnection()) {
            explained.setURL(connection.getMetaData().getURL());
            explained.setUser(connection.getMetaData().getUserName());
            explained.setCurrentSchema(connection.getSchema());
        }
        explained.setOptions("-c session_preload_libraries=auto_explain -c auto_explain.log_min_duration=100"
                + " -c auto_explain.log_analyze=on -c auto_explain.log_buffers=on -c auto_explain.log_timing=on"
                + " -c auto_explain.log_level=notice -c auto_explain.log_parameter_max_length=0");
        ModelAccessStore store = new JooqModelAccessStore(DSL.using(new DefaultConfiguration()
                .set(explained)
                .set(SQLDialect.POSTGRES)
                .set(timed)));
        execute(dataSource, "truncate model_access, model_access_events, sync_runs");
        execute(dataSource, "vacuum analyze model_access");
        for (var round : List.of(
                java.util.Map.entry("first", initial),
                java.util.Map.entry("unchanged", initial),
                java.util.Map.entry("10% re-priced", changed))) {
            timed.clear();
            long total = timed(store, round.getValue());
            System.out.printf(
                    "profile: %s, %d ms in all%n",
                    round.getKey(), Duration.ofNanos(total).toMillis());
            timed.print();
        }
    }

    /** Each statement's time from its start to its end (execute and fetch), in the order run. */
    private static final class TimedStatements implements ExecuteListener {
        private final List<String> lines = new ArrayList<>();
        private long started;

        @Override
        public synchronized void start(ExecuteContext ctx) {
            started = System.nanoTime();
        }

        @Override
        public synchronized void end(ExecuteContext ctx) {
            String sql = ctx.sql() == null ? String.valueOf(ctx.query()) : ctx.sql();
            sql = sql.length() > 140 ? sql.substring(0, 140) + "…" : sql;
            lines.add("%8.1f ms  %s".formatted((System.nanoTime() - started) / 1e6, sql.replace('\n', ' ')));
        }

        @Override
        public synchronized void warning(ExecuteContext ctx) {
            for (java.sql.SQLWarning w = ctx.sqlWarning(); w != null; w = w.getNextWarning()) {
                String text = w.getMessage();
                int plan = text.indexOf("Plan:");
                lines.add("          " + (plan < 0 ? text : text.substring(plan)).replace("\n", "\n          "));
            }
        }

        synchronized void clear() {
            lines.clear();
        }

        synchronized void print() {
            lines.forEach(System.out::println);
        }
    }

    private static List<String> strings(Connection connection, String sql) throws Exception {
        List<String> values = new ArrayList<>();
        try (Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery(sql)) {
            while (rs.next()) {
                values.add(rs.getString(1));
            }
        }
        return values;
    }

    private static long median(List<Long> nanos) {
        return nanos.stream().sorted().toList().get(nanos.size() / 2);
    }

    private static String goal(List<Long> nanos, long millis) {
        return "< " + millis + " ms" + (Duration.ofNanos(median(nanos)).toMillis() < millis ? "" : " MISSED");
    }

    /**
     * The models with a description of about 2,000 characters of words in no particular order, so that each upstream
     * JSON is about 2.5 kB, as OpenRouter's are, and compresses about as well as theirs.
     */
    private static List<UpstreamModel> realSize(List<UpstreamModel> models) {
        String[] words = {
            "model", "context", "tokens", "reasoning", "vision", "instruct", "fine-tuned", "benchmark", "latency",
            "multilingual", "code", "tool", "calling", "structured", "outputs", "provider", "weights", "open",
            "parameters", "mixture", "experts", "quantized", "throughput", "safety", "alignment", "retrieval"
        };
        Random random = new Random(42);
        List<UpstreamModel> sized = new ArrayList<>(models.size());
        for (UpstreamModel model : models) {
            StringBuilder description = new StringBuilder(2100).append(model.description());
            while (description.length() < 2000) {
                description.append(' ').append(words[random.nextInt(words.length)]);
                if (random.nextInt(12) == 0) {
                    description.append(' ').append(random.nextInt(100_000)).append('.');
                }
            }
            sized.add(
                    SampleModels.from(model).description(description.toString()).build());
        }
        return sized;
    }

    /**
     * One run of the sync as the application runs it ({@link CatalogSync}: its transaction, the rows before the plan,
     * the run record), with the upstream fetch already done.
     */
    private static long timed(ModelAccessStore store, UpstreamSnapshot snapshot) {
        Instant now = T0.plusNanos(System.nanoTime() / 1000 * 1000);
        CatalogSync sync =
                new CatalogSync(() -> snapshot, store, SyncGuards.DEFAULTS, Clock.fixed(now, ZoneOffset.UTC));
        long start = System.nanoTime();
        SyncOutcome outcome = sync.run(SyncTrigger.MANUAL, true);
        long elapsed = System.nanoTime() - start;
        if (!(outcome instanceof SyncOutcome.Succeeded)) {
            throw new IllegalStateException("The sync did not succeed: " + outcome);
        }
        return elapsed;
    }

    private static void report(int size, String what, List<Long> nanos, String goal) {
        List<Long> sorted = nanos.stream().sorted().toList();
        System.out.printf(
                "%-8d %-28s %10d %10d   %s%n",
                size,
                what,
                Duration.ofNanos(sorted.get(sorted.size() / 2)).toMillis(),
                Duration.ofNanos(sorted.getFirst()).toMillis(),
                goal);
    }

    private static void execute(DataSource dataSource, String sql) throws Exception {
        try (Connection connection = dataSource.getConnection();
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
