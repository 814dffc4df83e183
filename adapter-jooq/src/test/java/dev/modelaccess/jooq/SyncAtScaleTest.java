package dev.modelaccess.jooq;

import static dev.modelaccess.jooq.Syncs.sync;
import static dev.modelaccess.jooq.TestModels.T0;
import static dev.modelaccess.jooq.TestModels.T1;
import static dev.modelaccess.testsupport.contract.SampleModels.model;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modelaccess.core.catalog.Architecture;
import dev.modelaccess.core.catalog.CatalogModel;
import dev.modelaccess.core.catalog.TopProvider;
import dev.modelaccess.core.catalog.UpstreamModel;
import dev.modelaccess.core.port.ModelAccessStore;
import dev.modelaccess.core.sync.CatalogSync;
import dev.modelaccess.core.sync.ModelCatalogReconciler;
import dev.modelaccess.core.sync.Reconciliation;
import dev.modelaccess.core.sync.SyncGuards;
import dev.modelaccess.core.sync.SyncOutcome;
import dev.modelaccess.core.sync.SyncPlan;
import dev.modelaccess.core.sync.SyncRunStatus;
import dev.modelaccess.core.sync.SyncTrigger;
import dev.modelaccess.core.sync.UpstreamSnapshot;
import dev.modelaccess.testsupport.contract.SampleModels;
import dev.modelaccess.testsupport.postgres.TestSchema;
import dev.modelaccess.testsupport.postgres.WithPostgres;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A first import through {@code COPY}, and the statement timeout that bounds every statement of a sync. */
@WithPostgres
class SyncAtScaleTest {

    static DataSource dataSource;
    static TestSchema schema;

    @BeforeAll
    static void migrate() {
        ModelAccessSchema.migrate(dataSource);
    }

    @BeforeEach
    void emptyTables() throws SQLException {
        schema.execute("truncate model_access, model_access_events, sync_runs");
    }

    @Test
    void aFirstImportOfManyModelsIsCopiedInAndEveryFieldRoundTripsExactly() {
        UpstreamModel hostile = model("~odd/tab\there")
                .canonicalSlug("back\\slash")
                .name("Line\nbreak, carriage\rreturn and \\N, not null")
                .description("\"quotes\", {braces}, a backslash \\ and ünïcödé 🚀")
                .created(Instant.ofEpochSecond(1_754_587_413L))
                .architecture(new Architecture(
                        "text+image->text", List.of("im\"age", "te,xt", "back\\slash", "NULL"), List.of(), "GPT", null))
                .topProvider(new TopProvider(null, 128_000L, false))
                .supportedParameters(List.of("{a}", "b c", ""))
                .huggingFaceId("")
                .price("prompt", "0.000000025000000000000001")
                .price("request", "-1")
                .build();
        List<UpstreamModel> models = new ArrayList<>(TestModels.synthetic("copy", SyncCopy.AT_LEAST));
        models.add(hostile);
        StatementLog log = new StatementLog();
        ModelAccessStore store = new JooqModelAccessStore(log.on(dataSource));

        SyncPlan plan = sync(store, UpstreamSnapshot.of(models), T0);

        assertThat(plan.counts().added()).isEqualTo(SyncCopy.AT_LEAST + 1);
        assertThat(log.catalogWrites()).as("no INSERT: the rows were copied in").isEmpty();
        CatalogModel row = store.findModel(hostile.id()).orElseThrow();
        assertThat(TestModels.typed(row.upstream())).isEqualTo(TestModels.typed(hostile));
        assertThat(row.upstream().pricing()).isEqualTo(hostile.pricing());
        assertThat(row.fingerprint()).isEqualTo(plan.added().getLast().fingerprint());
        assertThat(row.firstSeenAt()).isEqualTo(T0);
        assertThat(TestModels.typed(
                        store.findModel("copy/model-00999").orElseThrow().upstream()))
                .isEqualTo(TestModels.typed(models.get(998)));
    }

    @Test
    void aFirstImportMeetingARowThatAppearedMeanwhileLeavesThatRowAloneAndInsertsTheRest() throws SQLException {
        List<UpstreamModel> models = TestModels.synthetic("race", SyncCopy.AT_LEAST + 500);
        ModelAccessStore store = JooqModelAccess.of(dataSource).store();

        SyncPlan plan = store.inTransaction(transaction -> {
            assertThat(transaction.tryLockCatalogSync()).isTrue();
            Reconciliation reconciliation = new ModelCatalogReconciler(Clock.fixed(T0, ZoneOffset.UTC))
                    .reconcile(
                            transaction.loadFingerprints(),
                            transaction::loadUpstream,
                            UpstreamSnapshot.of(models),
                            SyncGuards.DEFAULTS,
                            true);
            try {
                // outside the sync lock, committed before the sync writes
                schema.execute("insert into model_access (model_id, provider, upstream, upstream_sha256)"
                        + " values ('race/model-00007', 'race', '{\"meanwhile\": true}', repeat('a', 64))");
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
            SyncPlan planned = ((Reconciliation.Planned) reconciliation).plan();
            transaction.applySyncPlan(planned, T0);
            return planned;
        });

        assertThat(plan.counts().added()).isEqualTo(SyncCopy.AT_LEAST + 500);
        assertThat(count("select count(*) from model_access")).isEqualTo(SyncCopy.AT_LEAST + 500);
        assertThat(schema.strings("select upstream::text from model_access where model_id = 'race/model-00007'"))
                .containsExactly("{\"meanwhile\": true}");
    }

    @Test
    void aSyncStatementRunningIntoTheTimeoutFailsTheRunLeavesTheCatalogAndTheNextRunWorks() throws Exception {
        ModelAccessStore store = JooqModelAccess.of(dataSource)
                .withSyncStatementTimeout(Duration.ofMillis(300))
                .store();
        List<UpstreamModel> models = TestModels.synthetic("slow", 20);
        CatalogSync sync = new CatalogSync(
                () -> UpstreamSnapshot.of(models), store, SyncGuards.DEFAULTS, Clock.fixed(T1, ZoneOffset.UTC));

        SyncOutcome stuck;
        try (Connection blocker = dataSource.getConnection()) {
            blocker.setAutoCommit(false);
            try (Statement statement = blocker.createStatement()) {
                // reads go on, every write waits: as a long transaction elsewhere (or a bad plan) would hold it
                statement.execute("lock table model_access in share mode");
            }
            stuck = sync.run(SyncTrigger.SCHEDULE, false);
            blocker.rollback();
        }

        assertThat(stuck).isInstanceOf(SyncOutcome.Failed.class);
        assertThat(stuck.run().error()).contains("statement timeout");
        assertThat(count("select count(*) from model_access"))
                .as("the catalog as it was")
                .isZero();
        assertThat(store.recentRuns(1).getFirst().status()).isEqualTo(SyncRunStatus.FAILED);
        assertThat(store.recentRuns(1).getFirst().error()).contains("statement timeout");

        SyncOutcome next = sync.run(SyncTrigger.SCHEDULE, false);

        assertThat(next).isInstanceOf(SyncOutcome.Succeeded.class);
        assertThat(next.run().counts().added()).isEqualTo(20);
    }

    @Test
    void theTimeoutHoldsForTheSyncTransactionOnlyAndTheConnectionGoesBackAsItCame() throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            ModelAccessStore store =
                    new JooqModelAccessStore(DSL.using(connection, SQLDialect.POSTGRES), Duration.ofSeconds(42));

            String inside = store.inTransaction(transaction -> {
                transaction.tryLockCatalogSync();
                return String.valueOf(DSL.using(connection).fetchValue("show statement_timeout"));
            });

            assertThat(inside).isEqualTo("42s");
            assertThat(String.valueOf(DSL.using(connection).fetchValue("show statement_timeout")))
                    .isEqualTo("0");
        }
    }

    @Test
    void aSyncPlansWithItsActualArraysEvenWhereTheConnectionPrefersGenericPlans() throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            DSL.using(connection).execute("set plan_cache_mode = force_generic_plan");
            ModelAccessStore store = new JooqModelAccessStore(DSL.using(connection, SQLDialect.POSTGRES));

            String inside = store.inTransaction(transaction -> {
                transaction.tryLockCatalogSync();
                return String.valueOf(DSL.using(connection).fetchValue("show plan_cache_mode"));
            });

            assertThat(inside)
                    .as("a generic plan guesses a few rows for unnest(...) and rescans it per catalog row")
                    .isEqualTo("force_custom_plan");
            assertThat(String.valueOf(DSL.using(connection).fetchValue("show plan_cache_mode")))
                    .as("transaction-local: the connection goes back as it came")
                    .isEqualTo("force_generic_plan");
            DSL.using(connection).execute("reset plan_cache_mode");
        }
    }

    @Test
    void aSyncJoinsWithoutNestedLoopsForItsTransactionOnly() throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            ModelAccessStore store = new JooqModelAccessStore(DSL.using(connection, SQLDialect.POSTGRES));

            String inside = store.inTransaction(transaction -> {
                transaction.tryLockCatalogSync();
                return String.valueOf(DSL.using(connection).fetchValue("show enable_nestloop"));
            });

            assertThat(inside).as("hash joins whatever the row estimates say").isEqualTo("off");
            assertThat(String.valueOf(DSL.using(connection).fetchValue("show enable_nestloop")))
                    .isEqualTo("on");
        }
    }

    @Test
    void aSyncIsBoundedByTwoMinutesUnlessTheHostSaysOtherwise() throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            ModelAccessStore store = new JooqModelAccessStore(DSL.using(connection, SQLDialect.POSTGRES));

            String inside = store.inTransaction(transaction -> {
                transaction.tryLockCatalogSync();
                return String.valueOf(DSL.using(connection).fetchValue("show statement_timeout"));
            });

            assertThat(inside).isEqualTo("2min");
        }
    }

    @Test
    void aStagedRefreshSendsADescriptionOnlyWhenItChangedAndWritesEachRowAsUpstreamDescribesIt() throws SQLException {
        List<UpstreamModel> models = TestModels.synthetic("stage", SyncStage.AT_LEAST + 10);
        sync(JooqModelAccess.of(dataSource).store(), UpstreamSnapshot.of(models), T0);
        List<UpstreamModel> changed = new ArrayList<>();
        for (int i = 0; i < models.size(); i++) {
            SampleModels.Builder model = SampleModels.from(TestModels.repriced(models.get(i), "0.000123"));
            switch (i % 3) {
                case 1 -> model.description("Rewritten, number " + i);
                case 2 -> model.description(null);
                default -> {}
            }
            changed.add(model.build());
        }
        long kept = changed.stream()
                .filter(model ->
                        model.description() != null && model.description().startsWith("A synthetic"))
                .count();

        try (Connection connection = dataSource.getConnection()) {
            StatementLog log = new StatementLog();
            long[] staged = new long[2];
            new JooqModelAccessStore(log.on(connection)).inTransaction(transaction -> {
                Syncs.apply(transaction, UpstreamSnapshot.of(changed), T1);
                staged[0] = DSL.using(connection)
                        .fetchSingle("select count(*) from " + SyncStage.TABLE + " where " + SyncStage.DESCRIPTION_KEPT
                                + " and description is null")
                        .get(0, Long.class);
                staged[1] = DSL.using(connection)
                        .fetchSingle(
                                "select count(*) from " + SyncStage.TABLE + " where not " + SyncStage.DESCRIPTION_KEPT)
                        .get(0, Long.class);
                return null;
            });

            assertThat(log.catalogWrites())
                    .as("the refresh from the staging table")
                    .anyMatch(sql -> sql.startsWith("update") && sql.contains(SyncStage.TABLE));
            assertThat(staged[0]).as("unchanged descriptions, not sent").isEqualTo(kept);
            assertThat(staged[1]).as("changed descriptions, sent").isEqualTo(changed.size() - kept);
        }
        ModelAccessStore store = JooqModelAccess.of(dataSource).store();
        for (UpstreamModel model : changed) {
            assertThat(TestModels.typed(
                            store.findModel(model.id()).orElseThrow().upstream()))
                    .as(model.id())
                    .isEqualTo(TestModels.typed(model));
        }
    }

    @Test
    void aRoleThatMayNotCreateTemporaryTablesRefreshesManyModelsWithArraysInstead() throws SQLException {
        List<UpstreamModel> models = TestModels.synthetic("notemp", SyncStage.AT_LEAST);
        sync(JooqModelAccess.of(dataSource).store(), UpstreamSnapshot.of(models), T0);
        List<UpstreamModel> repriced = models.stream()
                .map(model -> TestModels.repriced(model, "0.000123"))
                .toList();
        String role = "modelaccess_no_temp_" + Long.toHexString(System.nanoTime());
        String database = schema.strings("select current_database()").getFirst();
        schema.execute("create role " + role + " nologin");
        schema.execute("grant usage on schema \"" + schema.name() + "\" to " + role);
        schema.execute(
                "grant select, insert, update, delete on all tables in schema \"" + schema.name() + "\" to " + role);
        schema.execute("grant usage on all sequences in schema \"" + schema.name() + "\" to " + role);
        schema.execute("revoke temp on database \"" + database + "\" from public");
        try (Connection connection = dataSource.getConnection()) {
            StatementLog log = new StatementLog();
            SyncPlan plan;
            DSL.using(connection).execute("set role " + role);
            try {
                plan = sync(new JooqModelAccessStore(log.on(connection)), UpstreamSnapshot.of(repriced), T1);
            } finally {
                DSL.using(connection).execute("reset role");
            }

            assertThat(plan.counts().updated()).isEqualTo(SyncStage.AT_LEAST);
            assertThat(log.catalogWrites())
                    .as("the refresh with array parameters")
                    .anyMatch(sql -> sql.startsWith("update") && sql.contains("unnest"));
            assertThat(count("select count(*) from model_access where pricing_prompt = 0.000123"))
                    .isEqualTo(SyncStage.AT_LEAST);
        } finally {
            schema.execute("grant temp on database \"" + database + "\" to public");
            schema.execute("drop owned by " + role);
            schema.execute("drop role " + role);
        }
    }

    @Test
    void aNegativeTimeoutIsRefused() {
        assertThatThrownBy(() -> JooqModelAccess.of(dataSource).withSyncStatementTimeout(Duration.ofMillis(-1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("timeout");
    }

    private static long count(String sql) throws SQLException {
        return Long.parseLong(schema.strings(sql).getFirst());
    }
}
