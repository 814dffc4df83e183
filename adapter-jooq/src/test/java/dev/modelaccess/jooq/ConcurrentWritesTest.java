package dev.modelaccess.jooq;

import static dev.modelaccess.jooq.Syncs.sync;
import static dev.modelaccess.jooq.TestModels.T0;
import static dev.modelaccess.jooq.TestModels.model;
import static org.assertj.core.api.Assertions.assertThat;

import dev.modelaccess.core.LifecycleViolationException;
import dev.modelaccess.core.access.AdminChange;
import dev.modelaccess.core.catalog.CatalogModel;
import dev.modelaccess.core.catalog.ModelStatus;
import dev.modelaccess.core.catalog.TierFlags;
import dev.modelaccess.core.catalog.UpstreamModel;
import dev.modelaccess.core.port.ModelAccessStore;
import dev.modelaccess.core.sync.ModelCatalogReconciler;
import dev.modelaccess.core.sync.Reconciliation;
import dev.modelaccess.core.sync.SyncGuards;
import dev.modelaccess.core.sync.SyncPlan;
import dev.modelaccess.core.sync.UpstreamSnapshot;
import dev.modelaccess.testsupport.postgres.TestSchema;
import dev.modelaccess.testsupport.postgres.WithPostgres;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The sync and admins write the same rows at the same time; neither loses the other's columns. */
@WithPostgres
class ConcurrentWritesTest {

    static final int ITERATIONS = 60;

    static DataSource dataSource;
    static ExecutorService threads;
    ModelAccessStore store;

    @BeforeAll
    static void migrate() {
        ModelAccessSchema.migrate(dataSource);
        threads = Executors.newFixedThreadPool(2);
    }

    @AfterAll
    static void stopThreads() {
        threads.shutdownNow();
    }

    @BeforeEach
    void emptyTables() throws SQLException {
        try (Connection connection = dataSource.getConnection();
                Statement statement = connection.createStatement()) {
            statement.execute("truncate model_access, model_access_events, sync_runs");
        }
        store = JooqModelAccess.of(dataSource).store();
    }

    @Test
    void aSyncRefreshRacingAnAdminEditOfTheSameModelLosesNeitherWrite() throws Exception {
        UpstreamModel keep = model("keep/model").build();
        UpstreamModel raced = model("race/model").name("v0").build();
        sync(store, UpstreamSnapshot.of(List.of(keep, raced)), T0);

        for (int i = 1; i <= ITERATIONS; i++) {
            Instant at = T0.plusSeconds(i);
            UpstreamModel upstream = TestModels.renamed(raced, "v" + i);
            ModelStatus status = i % 2 == 0 ? ModelStatus.ACTIVE : ModelStatus.DISABLED;
            TierFlags flags = new TierFlags(i % 2 == 0, i % 3 == 0, i % 5 == 0);
            CyclicBarrier start = new CyclicBarrier(2);

            CompletableFuture<SyncPlan> syncing = CompletableFuture.supplyAsync(
                    () -> {
                        await(start);
                        return sync(store, UpstreamSnapshot.of(List.of(keep, upstream)), at);
                    },
                    threads);
            CompletableFuture<Void> editing = CompletableFuture.runAsync(
                    () -> {
                        await(start);
                        edit(
                                "race/model",
                                new AdminChange("race/model", status, flags.free(), flags.pro(), flags.enterprise()),
                                at);
                    },
                    threads);
            syncing.get(30, TimeUnit.SECONDS);
            editing.get(30, TimeUnit.SECONDS);

            CatalogModel row = store.findModel("race/model").orElseThrow();
            assertThat(row.upstream().name())
                    .as("sync's write in iteration %d", i)
                    .isEqualTo("v" + i);
            assertThat(row.status()).as("admin's status in iteration %d", i).isEqualTo(status);
            assertThat(row.tiers()).as("admin's flags in iteration %d", i).isEqualTo(flags);
            assertThat(row.reviewedAt()).isEqualTo(at);
            assertThat(row.lastSeenAt()).isEqualTo(at);
        }
    }

    @Test
    void anAdminEditCommittedBetweenPlanAndWriteSurvivesTheRefresh() throws Exception {
        UpstreamModel gpt = model("openai/gpt-4o").name("old name").build();
        sync(store, UpstreamSnapshot.of(List.of(gpt)), T0);
        UpstreamModel renamed = TestModels.renamed(gpt, "new name");

        store.inTransaction(transaction -> {
            SyncPlan plan = plan(transaction.loadCatalog(), renamed);
            runElsewhere(() ->
                    edit("openai/gpt-4o", new AdminChange("openai/gpt-4o", ModelStatus.ACTIVE, true, true, false), T0));
            transaction.applySyncPlan(plan, T0.plusSeconds(5));
            return null;
        });

        CatalogModel row = store.findModel("openai/gpt-4o").orElseThrow();
        assertThat(row.upstream().name()).isEqualTo("new name");
        assertThat(row.status()).isEqualTo(ModelStatus.ACTIVE);
        assertThat(row.tiers()).isEqualTo(new TierFlags(true, true, false));
    }

    @Test
    void aDeactivationKeepsTheStatusTheRowHasAtWriteTimeNotTheOneThePlanSaw() throws Exception {
        UpstreamModel keep = model("keep/model").build();
        UpstreamModel leaving = model("leaving/model").build();
        sync(store, UpstreamSnapshot.of(List.of(keep, leaving)), T0);
        edit("leaving/model", new AdminChange("leaving/model", ModelStatus.ACTIVE, true, null, null), T0);

        store.inTransaction(transaction -> {
            SyncPlan plan = plan(transaction.loadCatalog(), keep);
            assertThat(plan.deactivated().getFirst().previousStatus()).isEqualTo(ModelStatus.ACTIVE);
            runElsewhere(() -> edit(
                    "leaving/model", new AdminChange("leaving/model", ModelStatus.DISABLED, null, null, null), T0));
            transaction.applySyncPlan(plan, T0.plusSeconds(5));
            transaction.appendEvents(plan.events());
            return null;
        });

        CatalogModel row = store.findModel("leaving/model").orElseThrow();
        assertThat(row.status()).isEqualTo(ModelStatus.INACTIVE);
        assertThat(row.statusBeforeInactive()).isEqualTo(ModelStatus.DISABLED);
        assertThat(row.tiers()).isEqualTo(new TierFlags(true, false, false));
        assertRemovedEventAgreesWith(row);
    }

    /** The {@code removed} event records the status the row had when it was made inactive, as the row keeps it. */
    private void assertRemovedEventAgreesWith(CatalogModel row) {
        assertThat(store.eventsOf(row.modelId(), 50))
                .filteredOn(event -> event.kind() == dev.modelaccess.core.sync.EventKind.REMOVED)
                .singleElement()
                .satisfies(event -> {
                    assertThat(event.before())
                            .containsEntry("status", row.statusBeforeInactive().dbValue());
                    assertThat(event.after()).containsEntry("status", ModelStatus.INACTIVE.dbValue());
                });
    }

    @Test
    void aDeactivationRacingAnAdminStatusChangeEndsInactiveWithTheWinnersStatusKept() throws Exception {
        UpstreamModel keep = model("keep/model").build();
        for (int i = 1; i <= ITERATIONS; i++) {
            UpstreamModel leaving = model("leaving/model-" + i).build();
            sync(store, UpstreamSnapshot.of(List.of(keep, leaving)), T0);
            edit(leaving.id(), new AdminChange(leaving.id(), ModelStatus.ACTIVE, null, null, null), T0);
            Instant at = T0.plusSeconds(i);
            CyclicBarrier start = new CyclicBarrier(2);

            CompletableFuture<SyncPlan> syncing = CompletableFuture.supplyAsync(
                    () -> {
                        await(start);
                        return sync(store, UpstreamSnapshot.of(List.of(keep)), at);
                    },
                    threads);
            CompletableFuture<Boolean> editing = CompletableFuture.supplyAsync(
                    () -> {
                        await(start);
                        try {
                            edit(
                                    leaving.id(),
                                    new AdminChange(leaving.id(), ModelStatus.DISABLED, null, null, null),
                                    T0);
                            return true;
                        } catch (LifecycleViolationException tooLate) {
                            return false;
                        }
                    },
                    threads);
            syncing.get(30, TimeUnit.SECONDS);
            boolean adminWon = editing.get(30, TimeUnit.SECONDS);

            CatalogModel row = store.findModel(leaving.id()).orElseThrow();
            assertThat(row.status()).isEqualTo(ModelStatus.INACTIVE);
            assertThat(row.statusBeforeInactive())
                    .as("iteration %d, admin %s", i, adminWon ? "first" : "too late")
                    .isEqualTo(adminWon ? ModelStatus.DISABLED : ModelStatus.ACTIVE);
            assertRemovedEventAgreesWith(row);
        }
    }

    @Test
    void ofTwoAppliesAtOnceExactlyOneGetsTheLock() throws Exception {
        for (int i = 0; i < 20; i++) {
            CyclicBarrier bothTried = new CyclicBarrier(2);
            List<CompletableFuture<Boolean>> attempts = List.of(
                    CompletableFuture.supplyAsync(() -> tryLockAndWait(store, bothTried), threads),
                    CompletableFuture.supplyAsync(() -> tryLockAndWait(store, bothTried), threads));

            List<Boolean> results =
                    attempts.stream().map(CompletableFuture::join).toList();

            assertThat(results).containsExactlyInAnyOrder(true, false);
        }
        boolean afterwards = store.inTransaction(transaction -> transaction.tryLockCatalogSync());
        assertThat(afterwards).as("the lock ends with its transaction").isTrue();
    }

    @Test
    void appsWithTheirOwnTablesInAnotherSchemaOfTheSameDatabaseDoNotContend(TestSchema schema) throws Exception {
        TestSchema other = schema.createSchema();
        ModelAccessSchema.migrate(other.dataSource());
        ModelAccessStore otherStore = JooqModelAccess.of(other.dataSource()).store();
        ModelAccessStore sameTableStore = JooqModelAccess.of(dataSource).store();

        store.inTransaction(transaction -> {
            assertThat(transaction.tryLockCatalogSync()).isTrue();
            boolean otherSchema = runElsewhere(() -> otherStore.inTransaction(t -> t.tryLockCatalogSync()));
            boolean sameTable = runElsewhere(() -> sameTableStore.inTransaction(t -> t.tryLockCatalogSync()));
            assertThat(otherSchema).as("another schema's catalog").isTrue();
            assertThat(sameTable).as("the same catalog through another store").isFalse();
            return null;
        });
    }

    private static boolean tryLockAndWait(ModelAccessStore store, CyclicBarrier bothTried) {
        return store.inTransaction(transaction -> {
            boolean locked = transaction.tryLockCatalogSync();
            await(bothTried);
            return locked;
        });
    }

    private void edit(String modelId, AdminChange change, Instant at) {
        Syncs.decide(store, modelId, change, "admin-7", at);
    }

    private static SyncPlan plan(List<CatalogModel> current, UpstreamModel... upstream) {
        Reconciliation reconciliation = new ModelCatalogReconciler(Clock.fixed(T0, ZoneOffset.UTC))
                .reconcile(current, UpstreamSnapshot.of(List.of(upstream)), SyncGuards.DEFAULTS, true);
        return ((Reconciliation.Planned) reconciliation).plan();
    }

    /** Runs {@code work} on another thread (another connection) and waits for it to finish. */
    private static <T> T runElsewhere(java.util.function.Supplier<T> work) {
        return CompletableFuture.supplyAsync(work, threads)
                .orTimeout(30, TimeUnit.SECONDS)
                .join();
    }

    private static void runElsewhere(Runnable work) {
        runElsewhere(() -> {
            work.run();
            return null;
        });
    }

    private static void await(CyclicBarrier barrier) {
        try {
            barrier.await(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
