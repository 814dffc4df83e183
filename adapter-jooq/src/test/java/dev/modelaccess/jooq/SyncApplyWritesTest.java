package dev.modelaccess.jooq;

import static dev.modelaccess.jooq.Syncs.sync;
import static dev.modelaccess.jooq.TestModels.T0;
import static dev.modelaccess.jooq.TestModels.T1;
import static dev.modelaccess.jooq.TestModels.T2;
import static org.assertj.core.api.Assertions.assertThat;

import dev.modelaccess.core.catalog.ModelStatus;
import dev.modelaccess.core.catalog.UpstreamModel;
import dev.modelaccess.core.port.ModelAccessStore;
import dev.modelaccess.core.sync.SyncPlan;
import dev.modelaccess.core.sync.UpstreamSnapshot;
import dev.modelaccess.testsupport.postgres.TestSchema;
import dev.modelaccess.testsupport.postgres.WithPostgres;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What an apply writes, and how many statements it takes. */
@WithPostgres
class SyncApplyWritesTest {

    static DataSource dataSource;
    static TestSchema schema;

    @BeforeAll
    static void migrate() {
        ModelAccessSchema.migrate(dataSource);
    }

    @BeforeEach
    void emptyTables() throws SQLException {
        try (Connection connection = dataSource.getConnection();
                Statement statement = connection.createStatement()) {
            statement.execute("truncate model_access, model_access_events, sync_runs");
        }
    }

    @Test
    void applyingTheSameSnapshotTwiceWritesNoRowTheSecondTime() throws SQLException {
        UpstreamSnapshot snapshot = UpstreamSnapshot.of(TestModels.synthetic("same", 200));
        Counted first = applyCounting(snapshot, T0);
        Map<String, String> versions = rowVersions();

        Counted second = applyCounting(snapshot, T1);

        assertThat(first.tuplesWritten())
                .as("the probe sees the first apply's rows and events")
                .isEqualTo(400);
        assertThat(second.plan().writesNothing()).isTrue();
        assertThat(second.plan().counts().unchanged()).isEqualTo(200);
        assertThat(second.catalogWrites()).as("statements writing model_access").isEmpty();
        assertThat(second.tuplesWritten())
                .as("rows inserted, updated or deleted in model_access and model_access_events")
                .isZero();
        assertThat(rowVersions()).as("xmin and ctid of every row").isEqualTo(versions);
    }

    record Counted(SyncPlan plan, long tuplesWritten, List<String> catalogWrites) {}

    /** Applies on one connection, counting the rows the transaction wrote (PostgreSQL's own counters). */
    private static Counted applyCounting(UpstreamSnapshot snapshot, Instant at) throws SQLException {
        StatementLog log = new StatementLog();
        long[] tuples = new long[1];
        try (Connection connection = dataSource.getConnection()) {
            ModelAccessStore store = new JooqModelAccessStore(log.on(connection));
            SyncPlan plan = store.inTransaction(transaction -> {
                // the backend's counters also hold earlier transactions not flushed yet: compare within this one
                long before = tupleCounter(connection);
                SyncPlan applied = Syncs.apply(transaction, snapshot, at);
                tuples[0] = tupleCounter(connection) - before;
                return applied;
            });
            return new Counted(plan, tuples[0], log.catalogWrites());
        }
    }

    @Test
    void anApplyTakesAsManyStatementsForNineHundredModelsAsForTen() {
        assertThat(statementsPerApply(SyncCopy.AT_LEAST - 100)).isEqualTo(statementsPerApply(10));
    }

    @Test
    void anApplyTakesAsManyStatementsForTenThousandModelsAsForTwoThousand() {
        // a first import of this size is copied in (SyncCopy): one statement fewer, whatever the size
        assertThat(statementsPerApply(10_000))
                .isEqualTo(statementsPerApply(2_000))
                .containsExactly(4, 8, 5);
    }

    @Test
    void anApplyOfEveryKindOfChangeTakesAFewStatementsOnly() {
        List<Integer> counts = statementsPerApply(50);

        // lock + load + insert + events + run; lock + load + the changed rows' stored JSON + insert + refresh +
        // deactivate + events + run; lock + load + return + events + run
        assertThat(counts).containsExactly(5, 8, 5);
    }

    @Test
    void fiftyThousandSyntheticModelsApplyInOneTransaction() throws SQLException {
        List<UpstreamModel> models = TestModels.synthetic("big", 50_000);
        ModelAccessStore store = JooqModelAccess.of(dataSource).store();

        SyncPlan first = sync(store, UpstreamSnapshot.of(models), T0);
        List<UpstreamModel> changed = new ArrayList<>(models);
        for (int i = 0; i < changed.size(); i += 10) {
            changed.set(i, TestModels.repriced(changed.get(i), "0.000123"));
        }
        SyncPlan second = sync(store, UpstreamSnapshot.of(changed), T1);
        SyncPlan third = sync(store, UpstreamSnapshot.of(changed), T2);

        assertThat(first.counts().added()).isEqualTo(50_000);
        assertThat(second.counts().updated()).isEqualTo(5_000);
        assertThat(third.writesNothing()).isTrue();
        assertThat(count("select count(*) from model_access where status = 'new'"))
                .isEqualTo(50_000);
        assertThat(count("select count(*) from model_access where pricing_prompt = 0.000123"))
                .isEqualTo(5_000);
        assertThat(count("select count(*) from model_access_events")).isEqualTo(55_000);
        assertThat(store.findModel("big/model-00001").orElseThrow().status()).isEqualTo(ModelStatus.NEW);
    }

    /**
     * Statements of three applies on {@code size} models: all added; then 10% refreshed, 5% gone and 5% new; then the
     * gone ones back.
     */
    private List<Integer> statementsPerApply(int size) {
        try {
            emptyTables();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        StatementLog log = new StatementLog();
        ModelAccessStore store = new JooqModelAccessStore(log.on(dataSource));
        List<UpstreamModel> models = TestModels.synthetic("count" + size, size);
        List<Integer> counts = new ArrayList<>();

        sync(store, UpstreamSnapshot.of(models), T0);
        counts.add(log.statements().size());
        log.clear();

        int tenth = Math.max(1, size / 10);
        int twentieth = Math.max(1, size / 20);
        List<UpstreamModel> next = new ArrayList<>();
        for (int i = 0; i < size - twentieth; i++) {
            next.add(i < tenth ? TestModels.renamed(models.get(i), "Renamed " + i) : models.get(i));
        }
        next.addAll(TestModels.synthetic("extra" + size, twentieth));
        SyncPlan mixed = sync(store, UpstreamSnapshot.of(next), T1);
        assertThat(mixed.counts().updated()).isEqualTo(tenth);
        assertThat(mixed.counts().deactivated()).isEqualTo(twentieth);
        assertThat(mixed.counts().added()).isEqualTo(twentieth);
        counts.add(log.statements().size());
        log.clear();

        List<UpstreamModel> back = new ArrayList<>(next);
        back.addAll(models.subList(size - twentieth, size));
        SyncPlan returned = sync(store, UpstreamSnapshot.of(back), T2);
        assertThat(returned.counts().reactivated()).isEqualTo(twentieth);
        counts.add(log.statements().size());
        return counts;
    }

    /** Rows inserted, updated or deleted in the catalog and event tables, as this backend has counted them so far. */
    private static long tupleCounter(Connection connection) {
        try (PreparedStatement statement = connection.prepareStatement(
                        "select coalesce(sum(n_tup_ins + n_tup_upd + n_tup_del), 0) from pg_stat_xact_user_tables"
                                + " where schemaname = current_schema()"
                                + " and relname in ('model_access', 'model_access_events')");
                ResultSet rs = statement.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private Map<String, String> rowVersions() throws SQLException {
        Map<String, String> versions = new LinkedHashMap<>();
        try (Connection connection = dataSource.getConnection();
                Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery(
                        "select model_id, xmin::text || '@' || ctid::text from model_access order by model_id")) {
            while (rs.next()) {
                versions.put(rs.getString(1), rs.getString(2));
            }
        }
        assertThat(versions).isNotEmpty();
        return versions;
    }

    private static long count(String sql) throws SQLException {
        return Long.parseLong(schema.strings(sql).getFirst());
    }
}
