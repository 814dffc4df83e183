package dev.modelaccess.testsupport.memory;

import static dev.modelaccess.testsupport.contract.SampleModels.model;
import static dev.modelaccess.testsupport.time.Latches.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modelaccess.core.access.AdminChange;
import dev.modelaccess.core.access.AdminLifecycle;
import dev.modelaccess.core.access.AdminUpdate;
import dev.modelaccess.core.catalog.CatalogModel;
import dev.modelaccess.core.catalog.ModelFingerprint;
import dev.modelaccess.core.catalog.ModelStatus;
import dev.modelaccess.core.catalog.TierFlags;
import dev.modelaccess.core.catalog.UpstreamModel;
import dev.modelaccess.core.port.StoreTransaction;
import dev.modelaccess.core.sync.ModelCatalogReconciler;
import dev.modelaccess.core.sync.Reconciliation;
import dev.modelaccess.core.sync.SyncGuards;
import dev.modelaccess.core.sync.SyncPlan;
import dev.modelaccess.core.sync.UpstreamSnapshot;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What the in-memory store does beyond the port's contract: seeding, counting writes, row locks. */
class InMemoryModelAccessStoreBehaviourTest {

    static final Instant T1 = Instant.parse("2025-06-01T03:00:00Z");
    static final Instant T2 = Instant.parse("2025-06-02T03:00:00Z");

    final InMemoryModelAccessStore store = new InMemoryModelAccessStore(Clock.fixed(T1, ZoneOffset.UTC));
    final ExecutorService threads = Executors.newCachedThreadPool();

    @AfterEach
    void stopThreads() {
        threads.shutdownNow();
    }

    static CatalogModel seededRow(UpstreamModel upstream, ModelStatus status, TierFlags tiers) {
        return new CatalogModel(
                UUID.randomUUID(),
                upstream,
                ModelFingerprint.of(upstream),
                status,
                null,
                tiers,
                T1,
                T1,
                null,
                T1,
                "admin",
                T1,
                T1,
                T1);
    }

    static SyncPlan plan(List<CatalogModel> current, List<UpstreamModel> upstream) {
        Reconciliation result = new ModelCatalogReconciler(Clock.fixed(T2, ZoneOffset.UTC))
                .reconcile(current, UpstreamSnapshot.of(upstream), new SyncGuards(0, 1), true);
        return ((Reconciliation.Planned) result).plan();
    }

    @Test
    void seededRowsAreStoredAsGivenWithoutCountingAsWrites() {
        CatalogModel active = seededRow(model("a/b").build(), ModelStatus.ACTIVE, new TierFlags(true, false, false));

        store.seed(active);

        assertThat(store.loadCatalog()).containsExactly(active);
        assertThat(store.findModel("a/b")).contains(active);
        assertThat(store.committedRowWrites()).isZero();
        assertThat(store.committedTransactions()).isZero();
    }

    @Test
    void onlyRowsACommittedTransactionWroteCountAsWrites() {
        UpstreamModel kept = model("a/kept").build();
        store.seed(seededRow(kept, ModelStatus.ACTIVE, TierFlags.NONE));

        store.inTransaction(tx -> {
            tx.applySyncPlan(plan(tx.loadCatalog(), List.of(kept)), T2);
            return null;
        });
        long afterUnchangedSync = store.committedRowWrites();
        store.inTransaction(tx -> {
            tx.applySyncPlan(plan(tx.loadCatalog(), List.of(kept, model("b/new").build())), T2);
            return null;
        });

        assertThat(afterUnchangedSync).isZero();
        assertThat(store.committedRowWrites()).isEqualTo(1);
        assertThat(store.committedTransactions()).isEqualTo(2);
    }

    @Test
    void createdAndUpdatedTimesComeFromTheStoresClock() {
        store.inTransaction(tx -> {
            tx.applySyncPlan(plan(List.of(), List.of(model("a/b").build())), T2);
            return null;
        });

        CatalogModel row = store.findModel("a/b").orElseThrow();
        assertThat(row.createdAt()).isEqualTo(T1);
        assertThat(row.updatedAt()).isEqualTo(T1);
        assertThat(row.firstSeenAt()).isEqualTo(T2);
    }

    @Test
    void aTransactionCannotBeUsedAfterItEnded() {
        AtomicReference<StoreTransaction> leaked = new AtomicReference<>();
        store.inTransaction(tx -> {
            leaked.set(tx);
            return null;
        });

        assertThatThrownBy(() -> leaked.get().loadCatalog())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("ended");
        assertThatThrownBy(() -> leaked.get().tryLockCatalogSync()).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aSyncWaitsForAnAdminHoldingTheRowAndThenKeepsTheAdminsStatus() throws Exception {
        UpstreamModel leaving = model("a/leaving").build();
        UpstreamModel staying = model("b/staying").build();
        store.seed(
                seededRow(leaving, ModelStatus.NEW, TierFlags.NONE),
                seededRow(staying, ModelStatus.NEW, TierFlags.NONE));
        SyncPlan deactivateWhileNew = plan(store.loadCatalog(), List.of(staying));
        CountDownLatch adminHoldsRow = new CountDownLatch(1);
        CountDownLatch syncIsWaiting = new CountDownLatch(1);

        Future<?> admin = threads.submit(() -> store.inTransaction(tx -> {
            CatalogModel current = tx.lockModel("a/leaving").orElseThrow();
            adminHoldsRow.countDown();
            await(syncIsWaiting);
            AdminUpdate update = new AdminLifecycle(Clock.fixed(T1, ZoneOffset.UTC))
                    .decide(current, new AdminChange("a/leaving", ModelStatus.ACTIVE, true, null, null), "admin");
            tx.applyAdminUpdates(List.of(update), T1);
            return null;
        }));
        await(adminHoldsRow);
        Future<?> sync = threads.submit(() -> store.inTransaction(tx -> {
            tx.applySyncPlan(deactivateWhileNew, T2);
            return null;
        }));
        awaitWaiterOn("a/leaving");
        syncIsWaiting.countDown();
        admin.get(30, TimeUnit.SECONDS);
        sync.get(30, TimeUnit.SECONDS);

        CatalogModel row = store.findModel("a/leaving").orElseThrow();
        assertThat(row.status()).isEqualTo(ModelStatus.INACTIVE);
        assertThat(row.statusBeforeInactive()).isEqualTo(ModelStatus.ACTIVE);
        assertThat(row.tiers()).isEqualTo(new TierFlags(true, false, false));
    }

    /** Spins (without sleeping) until a transaction waits for the row lock of {@code modelId}. */
    private void awaitWaiterOn(String modelId) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!store.hasWaitersOnRow(modelId)) {
            assertThat(System.nanoTime()).as("a waiter on %s", modelId).isLessThan(deadline);
            Thread.onSpinWait();
        }
    }
}
