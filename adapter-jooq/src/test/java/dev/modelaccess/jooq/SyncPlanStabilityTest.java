package dev.modelaccess.jooq;

import static dev.modelaccess.jooq.TestModels.T1;
import static org.assertj.core.api.Assertions.assertThat;

import dev.modelaccess.core.catalog.UpstreamModel;
import dev.modelaccess.core.port.ModelAccessStore;
import dev.modelaccess.core.sync.UpstreamSnapshot;
import dev.modelaccess.testsupport.postgres.TestSchema;
import dev.modelaccess.testsupport.postgres.WithPostgres;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The re-sync's hang, looked for: the sync's statements on 50,000 catalog rows with 5,000 changed models, under {@code
 * plan_cache_mode = force_generic_plan} (what PostgreSQL may choose by itself for a statement pgjdbc has prepared
 * server-side, from its sixth run on a connection) and right after a first import, each checked for a plan that reads
 * a table once per row of another.
 *
 * <p>The plans, {@code pg_stat_activity} and {@code pg_locks} are printed: the evidence behind the fix.
 */
@WithPostgres
class SyncPlanStabilityTest {

    static DataSource dataSource;
    static TestSchema schema;

    private static final int SIZE = 50_000;

    /** Plan nodes with their actual loops: {@code Seq Scan on model_access … (actual time=… rows=… loops=N)}. */
    private static final Pattern SCAN = Pattern.compile(
            "(Seq Scan|Function Scan|Index Scan|Bitmap Heap Scan)[^(]*on " + "(\\S+).*\\(actual [^)]*loops=(\\d+)\\)");

    @BeforeAll
    static void fiftyThousandModels() throws SQLException {
        ModelAccessSchema.migrate(dataSource);
        schema.execute("""
                insert into model_access (model_id, name, provider, description, pricing_prompt, upstream,
                                          upstream_sha256, status)
                select 'big/model-' || lpad(i::text, 5, '0'), 'Model ' || i, 'big', repeat(md5(i::text), 60),
                       0.000001, jsonb_build_object('id', 'big/model-' || lpad(i::text, 5, '0'),
                                                    'description', repeat(md5(i::text), 60)),
                       encode(sha256(i::text::bytea), 'hex'), 'new'
                  from generate_series(1, SIZE) as i
                """.replace("SIZE", Integer.toString(SIZE)));
        schema.execute("vacuum analyze model_access");
    }

    /**
     * The two array statements of the sync before the staging table - {@code UPDATE … FROM unnest(arrays)} joined on
     * model_id, and the read of the changed rows by {@code model_id = any(array)} - under the generic plan PostgreSQL
     * may pick once pgjdbc has prepared them (forced here with {@code plan_cache_mode = force_generic_plan}), with
     * 5,000 changed models of 50,000. The generic plan cannot see the arrays' length and guesses 10 rows; it then
     * probes the hash index of model_id once per element (a nested loop, linear) instead of hashing the array: several
     * times slower than the custom plan, but never a rescan per catalog row. While the update runs it is {@code
     * active}, waits on no event and holds only granted locks. The plans, the activity and the locks are printed.
     */
    @Test
    void theArrayStatementsUnderAGenericPlanStayLinearAndWaitOnNothing() throws Exception {
        String update = "update model_access set pricing_prompt = v.prompt, upstream = v.upstream::jsonb,"
                + " upstream_sha256 = v.sha"
                + " from unnest($1::text[], $2::text[], $3::numeric[], $4::text[]) as v(model_id, sha, prompt, upstream)"
                + " where model_access.model_id = v.model_id and model_access.upstream_sha256 <> v.sha";
        String read = "select count(*), sum(length(description)) from model_access where model_id = any($1)";
        String arrays = arrays();
        String ids = arrays.substring(0, arrays.indexOf("}'") + 2);
        List<String> plans = new ArrayList<>();
        try (Connection connection = dataSource.getConnection();
                Statement statement = connection.createStatement()) {
            connection.setAutoCommit(false); // the settings and the statements end with this transaction
            statement.execute("set local statement_timeout = '60s'");
            statement.execute("prepare array_apply(text[], text[], numeric[], text[]) as " + update);
            statement.execute("prepare array_read(text[]) as " + read);
            for (String mode : List.of("force_generic_plan", "force_custom_plan")) {
                statement.execute("set local plan_cache_mode = " + mode);
                List<String> apply = lines(statement, "explain (analyze, buffers) execute array_apply(" + arrays + ")");
                List<String> byIds = lines(statement, "explain (analyze, buffers) execute array_read(" + ids + ")");
                System.out.println("array apply, " + mode + ":\n  " + String.join("\n  ", apply));
                System.out.println("read by = any(ids), " + mode + ":\n  " + String.join("\n  ", byIds));
                plans.addAll(apply);
                plans.addAll(byIds);
                if (mode.equals("force_generic_plan")) {
                    assertThat(String.join("\n", apply))
                            .as("the generic plan guesses the arrays' rows")
                            .containsPattern("Function Scan on v .*rows=10 ");
                }
            }
            connection.rollback();
        }
        assertThat(scans(plans))
                .as("no table or array is read again per row of the other (a quadratic plan)")
                .isNotEmpty()
                .allMatch(scan -> scan.endsWith(" loops=1") || scan.startsWith("Index Scan"));

        try (Connection running = dataSource.getConnection();
                Connection watcher = dataSource.getConnection()) {
            int pid = Integer.parseInt(single(running, "select pg_backend_pid()"));
            running.setAutoCommit(false);
            CompletableFuture<String> apply = CompletableFuture.supplyAsync(() -> {
                try (Statement statement = running.createStatement()) {
                    statement.execute("set local plan_cache_mode = force_generic_plan");
                    statement.execute("set local statement_timeout = '60s'");
                    statement.execute("prepare running_apply(text[], text[], numeric[], text[]) as " + update);
                    long start = System.nanoTime();
                    statement.execute("execute running_apply(" + arrays + ")");
                    return "finished in " + (System.nanoTime() - start) / 1_000_000 + " ms";
                } catch (SQLException e) {
                    throw new IllegalStateException(e);
                }
            });
            String activity = "";
            String locks = "";
            // until the statement is seen running on the other connection (or has ended): sampling, not timing
            for (int i = 0; i < 200 && !apply.isDone() && !activity.contains("execute running_apply"); i++) {
                Thread.sleep(10);
                activity = String.join(
                        "; ",
                        strings(
                                watcher,
                                "select state || ' wait_event_type=' || coalesce(wait_event_type, '-') || ' wait_event='"
                                        + " || coalesce(wait_event, '-') || ' ' || left(query, 30)"
                                        + " from pg_stat_activity where pid = " + pid));
                locks = String.join(
                        "; ",
                        strings(
                                watcher,
                                "select coalesce(c.relname, l.locktype) || ' ' || l.mode || ' granted=' || l.granted"
                                        + " from pg_locks l left join pg_class c on c.oid = l.relation"
                                        + " where l.pid = " + pid
                                        + " and (c.relname = 'model_access' or not l.granted)"));
            }
            String outcome = apply.get(60, TimeUnit.SECONDS);
            running.rollback();
            System.out.println("array apply under its generic plan: " + outcome);
            System.out.println("pg_stat_activity while it ran: " + activity);
            System.out.println("pg_locks while it ran: " + locks);

            assertThat(outcome).startsWith("finished");
            if (activity.contains("execute running_apply")) {
                assertThat(activity).as("on CPU, waiting on nothing").startsWith("active wait_event_type=-");
                assertThat(locks).as("no lock it waits for").doesNotContain("granted=false");
            }
        }
    }

    /**
     * The apply of a 10%-re-priced sync as the store writes it now: staged with {@code COPY} and {@code ANALYZE}, then
     * one {@code UPDATE … FROM} the staging table without parameters. Under the session's {@code force_generic_plan}
     * its plan is its custom plan: every table is read once (no scan node with more than one loop).
     */
    @Test
    void theStagedApplyReadsEveryTableOnceWhateverThePlanCacheMode() throws Exception {
        List<UpstreamModel> models = TestModels.synthetic("big", SIZE);
        List<UpstreamModel> changed = new ArrayList<>();
        for (int i = 0; i < SIZE; i += 10) {
            changed.add(TestModels.repriced(models.get(i), "0.000123"));
        }
        StatementLog log = new StatementLog();
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try (Statement statement = connection.createStatement()) {
                statement.execute("set local plan_cache_mode = force_generic_plan");
            }
            JooqStoreTransaction transaction = new JooqStoreTransaction(log.on(connection), java.time.Duration.ZERO);
            transaction.applySyncPlan(plan(changed), T1);
            String staged = log.catalogWrites().stream()
                    .filter(sql -> sql.contains(SyncStage.TABLE))
                    .findFirst()
                    .orElseThrow(() -> new AssertionError("no staged update among " + log.catalogWrites()));
            assertThat(staged)
                    .as("no parameter: one plan for every plan_cache_mode")
                    .doesNotContain("?");

            List<String> plan;
            try (Statement statement = connection.createStatement()) {
                statement.execute("prepare staged_apply as " + staged);
                plan = lines(statement, "explain (analyze, buffers) execute staged_apply");
                statement.execute("deallocate staged_apply");
            }
            connection.rollback();
            System.out.println("plan of the staged apply, force_generic_plan:\n  " + String.join("\n  ", plan));

            assertThat(scans(plan))
                    .as("every read of a whole table (a sequential or bitmap scan) happens once; a lookup by the hash"
                            + " index of model_id may repeat, once per staged row")
                    .isNotEmpty()
                    .allMatch(scan -> scan.endsWith(" loops=1") || scan.startsWith("Index Scan"));
        }
    }

    /**
     * A 10%-re-priced re-sync right after a first import of 50,000 models in the same run, before autovacuum has
     * analyzed the table ({@code pg_class} still says 0 rows, 0 pages): the staged update is a hash join - with nested
     * loops allowed and as the sync plans it, with them off - and the re-sync finishes inside its statement timeout.
     * Both plans and the time are printed.
     */
    @Test
    void aReSyncRightAfterAFirstImportIsAHashJoinAndFinishesInsideItsTimeout() throws Exception {
        TestSchema fresh = schema.createSchema();
        DataSource target = fresh.dataSource();
        ModelAccessSchema.migrate(target);
        fresh.execute("vacuum analyze model_access"); // statistics of the empty table, as after a truncate
        List<UpstreamModel> models = TestModels.synthetic("fresh", SIZE);
        ModelAccessStore store = JooqModelAccess.of(target)
                .withSyncStatementTimeout(java.time.Duration.ofSeconds(60))
                .store();
        Syncs.sync(store, UpstreamSnapshot.of(models), TestModels.T0);
        List<String> statistics = fresh.strings("select 'reltuples=' || reltuples || ' relpages=' || relpages"
                + " from pg_class where oid = 'model_access'::regclass");
        System.out.println("model_access after the first import: " + statistics);

        List<UpstreamModel> changed = new ArrayList<>(models);
        for (int i = 0; i < SIZE; i += 10) {
            changed.set(i, TestModels.repriced(changed.get(i), "0.000123"));
        }
        List<String> withNestedLoops;
        List<String> asTheSyncPlansIt;
        StatementLog log = new StatementLog();
        try (Connection connection = target.getConnection()) {
            connection.setAutoCommit(false);
            List<UpstreamModel> repriced = new ArrayList<>();
            for (int i = 0; i < SIZE; i += 10) {
                repriced.add(changed.get(i));
            }
            new JooqStoreTransaction(log.on(connection), java.time.Duration.ZERO).applySyncPlan(plan(repriced), T1);
            String staged = log.catalogWrites().stream()
                    .filter(sql -> sql.contains(SyncStage.TABLE))
                    .findFirst()
                    .orElseThrow();
            try (Statement statement = connection.createStatement()) {
                withNestedLoops = lines(statement, "explain " + staged);
                statement.execute("set local enable_nestloop = off");
                asTheSyncPlansIt = lines(statement, "explain " + staged);
            }
            connection.rollback();
        }
        System.out.println("staged update, nested loops allowed:\n  " + String.join("\n  ", withNestedLoops));
        System.out.println("staged update, as the sync plans it:\n  " + String.join("\n  ", asTheSyncPlansIt));
        assertThat(String.join("\n", asTheSyncPlansIt)).contains("Hash Join").doesNotContain("Nested Loop");

        long start = System.nanoTime();
        dev.modelaccess.core.sync.SyncPlan second = Syncs.sync(store, UpstreamSnapshot.of(changed), T1);
        System.out.printf("the re-sync right after the import: %d ms%n", (System.nanoTime() - start) / 1_000_000);

        assertThat(second.counts().updated()).isEqualTo(SIZE / 10);
        assertThat(fresh.strings("select count(*) from model_access where pricing_prompt = 0.000123"))
                .containsExactly(Integer.toString(SIZE / 10));
    }

    /** A plan that refreshes these models (their rows are there with other fingerprints). */
    private static dev.modelaccess.core.sync.SyncPlan plan(List<UpstreamModel> changed) {
        List<dev.modelaccess.core.sync.SyncPlan.Refresh> refreshed = new ArrayList<>();
        for (UpstreamModel model : changed) {
            refreshed.add(new dev.modelaccess.core.sync.SyncPlan.Refresh(
                    new dev.modelaccess.core.sync.SyncPlan.Upsert(
                            model, dev.modelaccess.core.catalog.ModelFingerprint.of(model)),
                    true,
                    false));
        }
        return new dev.modelaccess.core.sync.SyncPlan(
                List.of(), refreshed, List.of(), List.of(), SIZE - changed.size(), List.of(), List.of());
    }

    /** The scan nodes of plans, as {@code "<node> <relation> loops=<n>"}. */
    private static List<String> scans(List<String> plan) {
        List<String> scans = new ArrayList<>();
        for (String line : plan) {
            Matcher scan = SCAN.matcher(line);
            if (scan.find()) {
                scans.add(scan.group(1) + " " + scan.group(2) + " loops=" + scan.group(3));
            }
        }
        return scans;
    }

    /** The four arrays of 5,000 changed models (every tenth), as literals: EXECUTE takes no subquery. */
    private static String arrays() {
        StringBuilder ids = new StringBuilder();
        StringBuilder shas = new StringBuilder();
        StringBuilder prompts = new StringBuilder();
        StringBuilder upstream = new StringBuilder();
        for (int i = 1; i <= SIZE; i += 10) {
            String separator = ids.isEmpty() ? "" : ",";
            ids.append(separator).append("big/model-%05d".formatted(i));
            shas.append(separator).append("%064d".formatted(i));
            prompts.append(separator).append("0.000123");
            upstream.append(separator).append("\"{}\"");
        }
        return "'{" + ids + "}', '{" + shas + "}', '{" + prompts + "}', '{" + upstream + "}'";
    }

    private static List<String> lines(Statement statement, String sql) throws SQLException {
        List<String> lines = new ArrayList<>();
        try (ResultSet rs = statement.executeQuery(sql)) {
            while (rs.next()) {
                lines.add(rs.getString(1));
            }
        }
        return lines;
    }

    private static List<String> strings(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            return lines(statement, sql);
        }
    }

    private static String single(Connection connection, String sql) throws SQLException {
        return strings(connection, sql).getFirst();
    }
}
