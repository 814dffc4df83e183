package dev.modelaccess.testsupport.access;

import static dev.modelaccess.testsupport.access.Fixtures.active;
import static dev.modelaccess.testsupport.access.Fixtures.flags;
import static dev.modelaccess.testsupport.access.Fixtures.row;
import static dev.modelaccess.testsupport.time.Latches.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modelaccess.core.ModelAccessException;
import dev.modelaccess.core.access.AccessRuleCache;
import dev.modelaccess.core.access.RulesSnapshot;
import dev.modelaccess.core.catalog.ModelStatus;
import dev.modelaccess.core.catalog.Tier;
import dev.modelaccess.testsupport.fixtures.FaultyStore;
import dev.modelaccess.testsupport.memory.InMemoryModelAccessStore;
import java.lang.management.ManagementFactory;
import java.lang.management.MonitorInfo;
import java.lang.management.ThreadInfo;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class AccessRuleCacheTest {

    private static final Clock CLOCK = Clock.fixed(Fixtures.T0, ZoneOffset.UTC);

    static FaultyStore oneActiveModel() {
        return new FaultyStore(new InMemoryModelAccessStore(CLOCK).seed(active("a/b", flags(true, false, false))));
    }

    @Test
    void theRulesAreLoadedOnFirstUseAndThenServedFromMemory() {
        FaultyStore store = oneActiveModel();
        AccessRuleCache cache = new AccessRuleCache(store, CLOCK);

        assertThat(cache.loaded()).isEmpty();
        RulesSnapshot first = cache.current();
        RulesSnapshot second = cache.current();

        assertThat(second).isSameAs(first);
        assertThat(store.loads).hasValue(1);
        assertThat(first.rule("a/b").orElseThrow().tiers().allows(Tier.FREE)).isTrue();
        assertThat(first.loadedAt()).isEqualTo(Fixtures.T0);
    }

    @Test
    void aReloadSeesWhatChangedInTheStore() {
        InMemoryModelAccessStore store =
                new InMemoryModelAccessStore(CLOCK).seed(row("a/b", ModelStatus.NEW, flags(false, false, false)));
        AccessRuleCache cache = new AccessRuleCache(store, CLOCK);
        cache.current();

        store.seed(active("a/b", flags(true, true, true)));
        cache.reload();

        assertThat(cache.current().rule("a/b").orElseThrow().status()).isEqualTo(ModelStatus.ACTIVE);
    }

    @Test
    void aFailedReloadKeepsThePreviousRules() {
        FaultyStore store = oneActiveModel();
        AccessRuleCache cache = new AccessRuleCache(store, CLOCK);
        RulesSnapshot before = cache.current();
        store.failLoading = true;

        assertThatThrownBy(cache::reload).isInstanceOf(ModelAccessException.class);
        cache.reloadQuietly();

        assertThat(cache.current()).isSameAs(before);
    }

    @Test
    void aBurstOfReloadRequestsDuringALoadCostsOneMoreLoad() throws Exception {
        CountDownLatch loading = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        FaultyStore store = oneActiveModel();
        store.beforeLoading = () -> {
            if (store.loads.get() == 0) {
                loading.countDown();
                await(release);
            }
        };
        AccessRuleCache cache = new AccessRuleCache(store, CLOCK);
        Thread first = Thread.ofPlatform().start(cache::reload);
        assertThat(loading.await(10, TimeUnit.SECONDS)).isTrue();
        List<Thread> burst = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            burst.add(Thread.ofPlatform().start(cache::reload));
        }
        for (Thread thread : burst) {
            waitUntilBlocked(thread);
        }

        release.countDown();
        first.join();
        for (Thread thread : burst) {
            thread.join();
        }

        assertThat(store.loads).hasValue(2);
    }

    @Test
    void noMonitorIsHeldAcrossTheStoreCallSoAVirtualThreadLoadingRulesNeverPinsItsCarrier() throws Exception {
        List<String> monitorsHeldDuringLoad = new ArrayList<>();
        FaultyStore store = oneActiveModel();
        store.beforeLoading = () -> {
            ThreadInfo self = ManagementFactory.getThreadMXBean()
                    .getThreadInfo(new long[] {Thread.currentThread().threadId()}, true, false)[0];
            for (MonitorInfo monitor : self.getLockedMonitors()) {
                if (monitor.getLockedStackFrame().getClassName().equals(AccessRuleCache.class.getName())) {
                    monitorsHeldDuringLoad.add(monitor.getClassName() + " in "
                            + monitor.getLockedStackFrame().getMethodName());
                }
            }
        };
        AccessRuleCache cache = new AccessRuleCache(store, CLOCK);

        Thread.ofPlatform().start(cache::reload).join();

        assertThat(store.loads).hasValue(1);
        assertThat(monitorsHeldDuringLoad).isEmpty();
    }

    @Test
    void concurrentFirstUsesOnVirtualThreadsLoadOnce() throws Exception {
        CountDownLatch loading = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        FaultyStore store = oneActiveModel();
        store.beforeLoading = () -> {
            loading.countDown();
            await(release);
        };
        AccessRuleCache cache = new AccessRuleCache(store, CLOCK);
        List<Thread> readers = new ArrayList<>();
        readers.add(Thread.ofVirtual().start(cache::current));
        assertThat(loading.await(10, TimeUnit.SECONDS)).isTrue();
        for (int i = 0; i < 50; i++) {
            readers.add(Thread.ofVirtual().start(cache::current));
        }
        for (Thread reader : readers.subList(1, readers.size())) {
            waitUntilBlocked(reader);
        }

        release.countDown();
        for (Thread reader : readers) {
            reader.join();
        }

        assertThat(store.loads)
                .as("one load for the first reader, one for those who asked while it ran")
                .hasValue(2);
    }

    @Test
    void theSnapshotCountsModelsByStatusAndOffersOnlyModelsStillUpstreamAsStandIn() {
        RulesSnapshot snapshot = RulesSnapshot.of(
                List.of(
                        active("a/one", flags(true, false, false)),
                        row("a/two", ModelStatus.NEW, flags(false, false, false)),
                        row("a/three", ModelStatus.INACTIVE, flags(true, false, false))),
                Fixtures.T0);

        assertThat(snapshot.countsByStatus())
                .containsEntry(ModelStatus.ACTIVE, 1L)
                .containsEntry(ModelStatus.NEW, 1L)
                .containsEntry(ModelStatus.INACTIVE, 1L)
                .containsEntry(ModelStatus.DISABLED, 0L);
        assertThat(snapshot.storedModels()).extracting(model -> model.id()).containsExactlyInAnyOrder("a/one", "a/two");
        assertThat(RulesSnapshot.empty(Fixtures.T0).isEmpty()).isTrue();
    }

    private static void waitUntilBlocked(Thread thread) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        // WAITING: parked on the load lock (a ReentrantLock, not a monitor, so never BLOCKED)
        while (thread.getState() != Thread.State.WAITING && thread.getState() != Thread.State.BLOCKED) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(thread + " never blocked on the load lock");
            }
            Thread.onSpinWait();
        }
    }
}
