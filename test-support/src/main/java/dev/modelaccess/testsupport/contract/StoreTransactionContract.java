package dev.modelaccess.testsupport.contract;

import static dev.modelaccess.testsupport.contract.SampleModels.model;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.modelaccess.core.ModelAccessException;
import dev.modelaccess.core.catalog.CatalogModel;
import dev.modelaccess.core.sync.SyncPlan;
import dev.modelaccess.core.sync.SyncRunStatus;
import dev.modelaccess.testsupport.time.Latches;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Store transactions: commit, roll back, isolation and the catalog-sync lock. */
public abstract class StoreTransactionContract extends StoreContract {

    private static final long WAIT_SECONDS = 30;

    private final ExecutorService threads = Executors.newCachedThreadPool();

    @AfterEach
    final void stopThreads() {
        threads.shutdownNow();
    }

    private <T> T await(Future<T> future) throws Exception {
        return future.get(WAIT_SECONDS, TimeUnit.SECONDS);
    }

    @Test
    void aTransactionThatThrowsLeavesNothingBehind() {
        sync(T1, model("a/kept").build());
        List<CatalogModel> before = store.loadCatalog();
        IllegalStateException failure = new IllegalStateException("boom after writing");

        Throwable thrown = catchThrowable(() -> store.inTransaction(tx -> {
            SyncPlan plan = plan(tx.loadCatalog(), T2, List.of(model("b/added").build()));
            tx.applySyncPlan(plan, T2);
            tx.appendEvents(plan.events());
            tx.recordRun(run(T2, SyncRunStatus.SUCCEEDED, null));
            assertThat(tx.loadCatalog()).extracting(CatalogModel::modelId).contains("b/added");
            throw failure;
        }));

        assertThat(thrown).isInstanceOf(ModelAccessException.class);
        assertThat(causes(thrown)).contains(failure);
        assertThat(store.loadCatalog()).isEqualTo(before);
        assertThat(store.findModel("b/added")).isEmpty();
        assertThat(store.eventsOf("b/added", 10)).isEmpty();
        assertThat(store.eventsOf("a/kept", 10)).hasSize(1);
        assertThat(store.recentRuns(10)).isEmpty();
    }

    @Test
    void aModelAccessExceptionFromTheWorkIsRethrownAsItIs() {
        ModelAccessException failure = new ModelAccessException("the work failed");

        assertThatThrownBy(() -> store.inTransaction(tx -> {
                    tx.recordRun(run(T1, SyncRunStatus.SUCCEEDED, null));
                    throw failure;
                }))
                .isSameAs(failure);
        assertThat(store.recentRuns(10)).isEmpty();
    }

    @Test
    void aTransactionReturnsWhatItsWorkReturns() {
        assertThat(store.<String>inTransaction(tx -> "result")).isEqualTo("result");
    }

    @Test
    void uncommittedWritesAreInvisibleOutsideTheTransaction() throws Exception {
        CountDownLatch written = new CountDownLatch(1);
        CountDownLatch looked = new CountDownLatch(1);
        Future<?> writer = threads.submit(() -> store.inTransaction(tx -> {
            tx.applySyncPlan(
                    plan(tx.loadCatalog(), T1, List.of(model("a/pending").build())), T1);
            written.countDown();
            Latches.await(looked);
            return null;
        }));
        Latches.await(written);

        Optional<CatalogModel> seenBeforeCommit = store.findModel("a/pending");
        List<CatalogModel> catalogBeforeCommit = store.loadCatalog();
        looked.countDown();
        await(writer);

        assertThat(seenBeforeCommit).isEmpty();
        assertThat(catalogBeforeCommit).isEmpty();
        assertThat(store.findModel("a/pending")).isPresent();
    }

    // --------------------------------------------------------------------------------------- the sync lock

    @Test
    void theCatalogSyncLockIsExclusiveBetweenConcurrentTransactions() throws Exception {
        CountDownLatch holding = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Future<Boolean> first = threads.submit(() -> store.inTransaction(tx -> {
            boolean locked = tx.tryLockCatalogSync();
            holding.countDown();
            Latches.await(release);
            return locked;
        }));
        Latches.await(holding);

        Future<Boolean> second = threads.submit(() -> store.inTransaction(tx -> tx.tryLockCatalogSync()));
        boolean secondGotIt = await(second);
        release.countDown();

        assertThat(await(first)).isTrue();
        assertThat(secondGotIt).isFalse();
    }

    @Test
    void theCatalogSyncLockIsFreeAgainWhenTheHolderCommits() {
        assertThat(store.<Boolean>inTransaction(tx -> tx.tryLockCatalogSync())).isTrue();

        assertThat(store.<Boolean>inTransaction(tx -> tx.tryLockCatalogSync())).isTrue();
    }

    @Test
    void theCatalogSyncLockIsFreeAgainWhenTheHolderRollsBack() {
        catchThrowable(() -> store.inTransaction(tx -> {
            assertThat(tx.tryLockCatalogSync()).isTrue();
            throw new IllegalStateException("rolled back while holding the lock");
        }));

        assertThat(store.<Boolean>inTransaction(tx -> tx.tryLockCatalogSync())).isTrue();
    }

    @Test
    void theHolderMayAskForTheCatalogSyncLockAgain() {
        assertThat(store.<Boolean>inTransaction(tx -> tx.tryLockCatalogSync() && tx.tryLockCatalogSync()))
                .isTrue();
    }

    private static List<Throwable> causes(Throwable thrown) {
        List<Throwable> chain = new ArrayList<>();
        for (Throwable t = thrown; t != null && !chain.contains(t); t = t.getCause()) {
            chain.add(t);
        }
        return chain;
    }
}
