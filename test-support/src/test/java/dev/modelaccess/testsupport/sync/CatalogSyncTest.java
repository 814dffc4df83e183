package dev.modelaccess.testsupport.sync;

import static dev.modelaccess.testsupport.contract.SampleModels.model;
import static dev.modelaccess.testsupport.time.Latches.await;
import static org.assertj.core.api.Assertions.assertThat;

import dev.modelaccess.core.IncompletePaginationException;
import dev.modelaccess.core.MalformedUpstreamResponseException;
import dev.modelaccess.core.UpstreamRejectedException;
import dev.modelaccess.core.UpstreamUnavailableException;
import dev.modelaccess.core.catalog.CatalogModel;
import dev.modelaccess.core.catalog.ModelFingerprint;
import dev.modelaccess.core.catalog.ModelStatus;
import dev.modelaccess.core.catalog.TierFlags;
import dev.modelaccess.core.catalog.UpstreamModel;
import dev.modelaccess.core.sync.AbortReason;
import dev.modelaccess.core.sync.CatalogSync;
import dev.modelaccess.core.sync.EventKind;
import dev.modelaccess.core.sync.InvalidEntry;
import dev.modelaccess.core.sync.ModelEvent;
import dev.modelaccess.core.sync.SyncCounts;
import dev.modelaccess.core.sync.SyncGuards;
import dev.modelaccess.core.sync.SyncOutcome;
import dev.modelaccess.core.sync.SyncPreview;
import dev.modelaccess.core.sync.SyncRun;
import dev.modelaccess.core.sync.SyncRunStatus;
import dev.modelaccess.core.sync.SyncTrigger;
import dev.modelaccess.core.sync.UpstreamSnapshot;
import dev.modelaccess.testsupport.fixtures.FaultyStore;
import dev.modelaccess.testsupport.memory.InMemoryModelAccessStore;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class CatalogSyncTest {

    static final Instant NOW = Instant.parse("2025-06-01T03:00:00Z");
    static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    final InMemoryModelAccessStore memory = new InMemoryModelAccessStore(CLOCK);
    final FaultyStore store = new FaultyStore(memory);
    final FakeCatalogSource source = new FakeCatalogSource();
    final AtomicLong runNumbers = new AtomicLong();
    final CatalogSync sync =
            new CatalogSync(source, store, SyncGuards.DEFAULTS, CLOCK, () -> new UUID(0, runNumbers.incrementAndGet()));
    final ExecutorService threads = Executors.newSingleThreadExecutor();

    @AfterEach
    void stopThreads() {
        threads.shutdownNow();
    }

    static List<UpstreamModel> models(int count) {
        return IntStream.range(0, count)
                .mapToObj(i -> model("author-" + i + "/model-" + i).build())
                .toList();
    }

    static UUID runId(long number) {
        return new UUID(0, number);
    }

    /** Fills the catalog with a first run, then approves the first model. */
    List<UpstreamModel> aSyncedCatalogOf(int count) {
        List<UpstreamModel> models = models(count);
        source.answer(models);
        assertThat(sync.run(SyncTrigger.STARTUP, false)).isInstanceOf(SyncOutcome.Succeeded.class);
        return models;
    }

    SyncRun onlyRecordedRun() {
        List<SyncRun> runs = memory.recentRuns(10);
        assertThat(runs).hasSize(1);
        return runs.get(0);
    }

    @Nested
    class ARunThatSucceeds {

        @Test
        void addsEveryModelAsNewAndRecordsTheRunWithItsCounts() {
            List<UpstreamModel> upstream = models(3);
            source.answer(upstream);

            SyncOutcome outcome = sync.run(SyncTrigger.SCHEDULE, false);

            assertThat(outcome).isInstanceOfSatisfying(SyncOutcome.Succeeded.class, succeeded -> {
                assertThat(succeeded.plan().added()).hasSize(3);
                assertThat(succeeded.run())
                        .isEqualTo(new SyncRun(
                                runId(1),
                                SyncTrigger.SCHEDULE,
                                SyncRunStatus.SUCCEEDED,
                                NOW,
                                NOW,
                                new SyncCounts(3, 0, 0, 0, 0, 0),
                                null));
            });
            assertThat(onlyRecordedRun()).isEqualTo(outcome.run());
            assertThat(memory.loadCatalog())
                    .extracting(CatalogModel::status, CatalogModel::tiers)
                    .containsOnly(org.assertj.core.groups.Tuple.tuple(ModelStatus.NEW, TierFlags.NONE));
            assertThat(memory.eventsOf(upstream.get(0).id(), 10))
                    .containsExactly(ModelEvent.of(
                            upstream.get(0).id(),
                            EventKind.ADDED,
                            java.util.Map.of(),
                            java.util.Map.of("status", "new"),
                            "sync",
                            NOW));
        }

        @Test
        void thatChangesNothingWritesNoRowAndNoEventButIsRecorded() {
            List<UpstreamModel> upstream = aSyncedCatalogOf(5);
            long writesBefore = memory.committedRowWrites();
            int eventsBefore = memory.allEvents().size();

            SyncOutcome outcome = sync.run(SyncTrigger.SCHEDULE, false);

            assertThat(outcome).isInstanceOf(SyncOutcome.Succeeded.class);
            assertThat(outcome.run().counts()).isEqualTo(new SyncCounts(0, 0, 0, 0, 5, 0));
            assertThat(memory.committedRowWrites()).isEqualTo(writesBefore);
            assertThat(memory.allEvents()).hasSize(eventsBefore);
            assertThat(memory.recentRuns(10)).hasSize(2).first().isEqualTo(outcome.run());
            assertThat(upstream).hasSize(5);
        }

        @Test
        void refreshesRemovesAndBringsBackModelsAcrossRuns() {
            List<UpstreamModel> upstream = new ArrayList<>(aSyncedCatalogOf(20));
            UpstreamModel leaving = upstream.remove(19);
            upstream.set(0, model(upstream.get(0).id()).price("prompt", "0.5").build());
            source.answer(upstream);

            SyncOutcome removal = sync.run(SyncTrigger.SCHEDULE, false);
            upstream.add(leaving);
            source.answer(upstream);
            SyncOutcome comeback = sync.run(SyncTrigger.MANUAL, false);

            assertThat(removal.run().counts()).isEqualTo(new SyncCounts(0, 1, 1, 0, 18, 0));
            assertThat(comeback.run().counts()).isEqualTo(new SyncCounts(0, 0, 0, 1, 19, 0));
            assertThat(memory.findModel(leaving.id()).orElseThrow().status()).isEqualTo(ModelStatus.NEW);
            assertThat(memory.eventsOf(leaving.id(), 10))
                    .extracting(ModelEvent::kind)
                    .containsExactly(EventKind.RETURNED, EventKind.REMOVED, EventKind.ADDED);
        }

        @Test
        void readsEachChangedRowOnceARunAndNoUnchangedOne() {
            List<UpstreamModel> upstream = new ArrayList<>(aSyncedCatalogOf(20));
            UpstreamModel leaving = upstream.remove(19);
            upstream.set(0, model(upstream.get(0).id()).price("prompt", "0.5").build());
            upstream.set(
                    5, model(upstream.get(5).id()).description("Now with tools").build());
            source.answer(upstream);
            store.modelReads.clear();

            SyncOutcome removal = sync.run(SyncTrigger.SCHEDULE, false);
            List<String> removalReads = List.copyOf(store.modelReads);
            store.modelReads.clear();
            upstream.add(leaving);
            source.answer(upstream);
            SyncOutcome comeback = sync.run(SyncTrigger.MANUAL, false);

            assertThat(removal.run().counts()).isEqualTo(new SyncCounts(0, 2, 1, 0, 17, 0));
            assertThat(removalReads)
                    .as("the two changed models while reconciling, then the vanished one")
                    .containsExactlyInAnyOrder(
                            "models:" + upstream.get(0).id(),
                            "models:" + upstream.get(5).id(),
                            "models:" + leaving.id());
            assertThat(comeback.run().counts()).isEqualTo(new SyncCounts(0, 0, 0, 1, 19, 0));
            assertThat(store.modelReads)
                    .as("the returning model, unchanged upstream, read for the rows before the plan only")
                    .containsExactly("models:" + leaving.id());
        }

        @Test
        void skipsUnreadableEntriesAndLeavesTheirRowsAsTheyWere() {
            List<UpstreamModel> upstream = aSyncedCatalogOf(10);
            CatalogModel before = memory.findModel(upstream.get(9).id()).orElseThrow();
            source.answer(new UpstreamSnapshot(
                    upstream.subList(0, 9),
                    List.of(new InvalidEntry(upstream.get(9).id(), "pricing.prompt is not a number"))));

            SyncOutcome outcome = sync.run(SyncTrigger.SCHEDULE, false);

            assertThat(outcome).isInstanceOf(SyncOutcome.Succeeded.class);
            assertThat(outcome.run().counts()).isEqualTo(new SyncCounts(0, 0, 0, 0, 9, 1));
            assertThat(memory.findModel(upstream.get(9).id())).contains(before);
        }
    }

    @Nested
    class ARunThatIsAborted {

        @Test
        void byARatioGuardWritesNothingButTheRun() {
            List<UpstreamModel> upstream = aSyncedCatalogOf(10);
            List<CatalogModel> before = memory.loadCatalog();
            source.answer(upstream.subList(0, 4));

            SyncOutcome outcome = sync.run(SyncTrigger.SCHEDULE, false);

            assertThat(outcome).isInstanceOfSatisfying(SyncOutcome.Aborted.class, aborted -> {
                assertThat(aborted.reason()).isEqualTo(AbortReason.TOO_FEW_UPSTREAM_MODELS);
                assertThat(aborted.detail()).contains("4 readable models (0 unreadable entries) for 10 present models");
                assertThat(aborted.run().status()).isEqualTo(SyncRunStatus.ABORTED);
                assertThat(aborted.run().counts()).isEqualTo(SyncCounts.ZERO);
                assertThat(aborted.run().error()).startsWith("too_few_upstream_models: ");
            });
            assertThat(memory.loadCatalog()).isEqualTo(before);
            assertThat(memory.recentRuns(1)).containsExactly(outcome.run());
        }

        @Test
        void byTooManyDeactivationsUnlessForced() {
            List<UpstreamModel> upstream = aSyncedCatalogOf(10);
            source.answer(upstream.subList(0, 8));

            SyncOutcome unforced = sync.run(SyncTrigger.MANUAL, false);
            SyncOutcome forced = sync.run(SyncTrigger.MANUAL, true);

            assertThat(unforced)
                    .isInstanceOfSatisfying(
                            SyncOutcome.Aborted.class,
                            aborted -> assertThat(aborted.reason()).isEqualTo(AbortReason.TOO_MANY_DEACTIVATIONS));
            assertThat(forced).isInstanceOf(SyncOutcome.Succeeded.class);
            assertThat(forced.run().counts().deactivated()).isEqualTo(2);
        }

        @Test
        void byADuplicateIdEvenWhenForced() {
            UpstreamModel twice = model("a/twice").build();
            source.answer(twice, model("b/once").build(), twice);

            SyncOutcome outcome = sync.run(SyncTrigger.MANUAL, true);

            assertThat(outcome)
                    .isInstanceOfSatisfying(
                            SyncOutcome.Aborted.class,
                            aborted -> assertThat(aborted.reason()).isEqualTo(AbortReason.DUPLICATE_ID));
            assertThat(memory.loadCatalog()).isEmpty();
        }

        @Test
        void byAnEmptyUpstreamList() {
            aSyncedCatalogOf(3);
            source.answer(List.of());

            SyncOutcome outcome = sync.run(SyncTrigger.SCHEDULE, true);

            assertThat(outcome)
                    .isInstanceOfSatisfying(
                            SyncOutcome.Aborted.class,
                            aborted -> assertThat(aborted.reason()).isEqualTo(AbortReason.EMPTY_UPSTREAM));
            assertThat(memory.loadCatalog()).extracting(CatalogModel::status).containsOnly(ModelStatus.NEW);
        }

        @Test
        void byAMalformedResponseBeforeAnyTransaction() {
            aSyncedCatalogOf(3);
            long transactionsBefore = memory.committedTransactions();
            List<CatalogModel> before = memory.loadCatalog();
            source.fail(MalformedUpstreamResponseException.of("Expected JSON with a data array, got text/html", 200));

            SyncOutcome outcome = sync.run(SyncTrigger.SCHEDULE, false);

            assertThat(outcome).isInstanceOfSatisfying(SyncOutcome.Aborted.class, aborted -> {
                assertThat(aborted.reason()).isEqualTo(AbortReason.MALFORMED_RESPONSE);
                assertThat(aborted.detail()).isEqualTo("Expected JSON with a data array, got text/html");
                assertThat(aborted.run().error())
                        .isEqualTo("malformed_response: Expected JSON with a data array, got text/html");
            });
            assertThat(memory.loadCatalog()).isEqualTo(before);
            assertThat(memory.committedTransactions())
                    .as("only the run was recorded")
                    .isEqualTo(transactionsBefore + 1);
            assertThat(memory.recentRuns(1)).containsExactly(outcome.run());
        }

        @Test
        void byIncompletePagination() {
            source.fail(IncompletePaginationException.because("total_count is 549 but 500 models arrived"));

            SyncOutcome outcome = sync.run(SyncTrigger.SCHEDULE, false);

            assertThat(outcome)
                    .isInstanceOfSatisfying(
                            SyncOutcome.Aborted.class,
                            aborted -> assertThat(aborted.reason()).isEqualTo(AbortReason.INCOMPLETE_PAGINATION));
            assertThat(memory.recentRuns(1)).containsExactly(outcome.run());
        }
    }

    @Nested
    class ARunThatFails {

        @Test
        void whenUpstreamIsUnavailableRecordsTheErrorAsUpstreamGaveIt() {
            aSyncedCatalogOf(3);
            UpstreamUnavailableException down =
                    UpstreamUnavailableException.status("OpenRouter answered 503 three times", 503);
            source.fail(down);

            SyncOutcome outcome = sync.run(SyncTrigger.SCHEDULE, false);

            assertThat(outcome).isInstanceOfSatisfying(SyncOutcome.Failed.class, failed -> {
                assertThat(failed.cause()).isSameAs(down);
                assertThat(failed.run().status()).isEqualTo(SyncRunStatus.FAILED);
                assertThat(failed.run().error()).isEqualTo("OpenRouter answered 503 three times");
                assertThat(failed.run().counts()).isEqualTo(SyncCounts.ZERO);
            });
            assertThat(memory.recentRuns(1)).containsExactly(outcome.run());
        }

        @Test
        void whenUpstreamRejectsTheRequest() {
            source.fail(new UpstreamRejectedException("OpenRouter answered 401", 401, "401", "No auth credentials"));

            SyncOutcome outcome = sync.run(SyncTrigger.MANUAL, false);

            assertThat(outcome).isInstanceOf(SyncOutcome.Failed.class);
            assertThat(outcome.run().error()).isEqualTo("OpenRouter answered 401");
        }

        @Test
        void whenTheSourceBreaksUnexpectedly() {
            IllegalStateException bug = new IllegalStateException();
            source.fail(bug);

            SyncOutcome outcome = sync.run(SyncTrigger.MANUAL, false);

            assertThat(outcome)
                    .isInstanceOfSatisfying(
                            SyncOutcome.Failed.class,
                            failed -> assertThat(failed.cause()).isSameAs(bug));
            assertThat(outcome.run().error()).isEqualTo("java.lang.IllegalStateException");
        }

        @Test
        void whenTheApplyFailsRollsEverythingBackAndRecordsTheFailure() {
            aSyncedCatalogOf(3);
            List<CatalogModel> before = memory.loadCatalog();
            int eventsBefore = memory.allEvents().size();
            source.answer(models(4));
            store.failApplyingPlans = true;

            SyncOutcome outcome = sync.run(SyncTrigger.SCHEDULE, false);

            assertThat(outcome).isInstanceOf(SyncOutcome.Failed.class);
            assertThat(outcome.run().error()).contains("Connection refused while applying a plan");
            assertThat(memory.loadCatalog()).isEqualTo(before);
            assertThat(memory.allEvents()).hasSize(eventsBefore);
            assertThat(memory.recentRuns(10)).hasSize(2).first().isEqualTo(outcome.run());
        }

        @Test
        void andEvenRecordingItFailsStillAnswersTheOutcome() {
            source.fail(UpstreamUnavailableException.unreachable("timed out", null));
            store.failRecordingRuns = true;

            SyncOutcome outcome = sync.run(SyncTrigger.SCHEDULE, false);

            assertThat(outcome).isInstanceOf(SyncOutcome.Failed.class);
            assertThat(outcome.run().status()).isEqualTo(SyncRunStatus.FAILED);
            assertThat(memory.recentRuns(10)).isEmpty();
        }

        /** The database was down: the failed run's id must still reach the recorded runs once it is back. */
        @Test
        void aRunThatCouldNotBeRecordedIsRecordedBeforeTheNextRun() {
            aSyncedCatalogOf(3);
            source.fail(UpstreamUnavailableException.unreachable("timed out", null));
            store.failRecordingRuns = true;
            SyncOutcome failed = sync.run(SyncTrigger.SCHEDULE, false);
            assertThat(memory.recentRuns(10))
                    .extracting(SyncRun::id)
                    .doesNotContain(failed.run().id());

            store.failRecordingRuns = false;
            source.answer(models(3));
            SyncOutcome next = sync.run(SyncTrigger.SCHEDULE, false);

            assertThat(memory.recentRuns(10))
                    .extracting(SyncRun::id)
                    .containsExactlyInAnyOrder(
                            runId(1), failed.run().id(), next.run().id());
            assertThat(memory.recentRuns(10)).contains(failed.run());
            assertThat(sync.recordPendingRuns()).isZero();
        }

        @Test
        void pendingRunsAreRecordedOnRequestOnceTheStoreIsBackAndOnlyOnce() {
            source.fail(UpstreamUnavailableException.unreachable("timed out", null));
            store.failRecordingRuns = true;
            SyncOutcome first = sync.run(SyncTrigger.SCHEDULE, false);
            SyncOutcome second = sync.run(SyncTrigger.SCHEDULE, false);
            assertThat(sync.recordPendingRuns()).as("the store is still down").isZero();

            store.failRecordingRuns = false;

            assertThat(sync.recordPendingRuns()).isEqualTo(2);
            assertThat(sync.recordPendingRuns()).isZero();
            assertThat(memory.recentRuns(10)).containsExactlyInAnyOrder(first.run(), second.run());
        }

        @Test
        void whenAnAbortCannotBeRecordedInTheApplyTransaction() {
            aSyncedCatalogOf(10);
            source.answer(models(2));
            store.failRecordingRuns = true;

            SyncOutcome outcome = sync.run(SyncTrigger.SCHEDULE, false);

            assertThat(outcome).isInstanceOf(SyncOutcome.Failed.class);
            assertThat(outcome.run().error()).contains("recording a run");
        }
    }

    @Nested
    class ARunThatIsSkipped {

        @Test
        void becauseAnotherInstanceHoldsTheLockWritesNothingButItsRun() throws Exception {
            aSyncedCatalogOf(3);
            List<CatalogModel> before = memory.loadCatalog();
            source.answer(models(4));
            CountDownLatch holding = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            Future<Boolean> otherInstance = threads.submit(() -> memory.inTransaction(tx -> {
                boolean locked = tx.tryLockCatalogSync();
                holding.countDown();
                await(release);
                return locked;
            }));
            assertThat(holding.await(30, TimeUnit.SECONDS)).isTrue();

            SyncOutcome outcome = sync.run(SyncTrigger.SCHEDULE, false);
            release.countDown();

            assertThat(otherInstance.get(30, TimeUnit.SECONDS)).isTrue();
            assertThat(outcome).isInstanceOf(SyncOutcome.Skipped.class);
            assertThat(outcome.run().status()).isEqualTo(SyncRunStatus.SKIPPED);
            assertThat(outcome.run().counts()).isEqualTo(SyncCounts.ZERO);
            assertThat(memory.loadCatalog()).isEqualTo(before);
            assertThat(memory.recentRuns(1)).containsExactly(outcome.run());
            assertThat(sync.run(SyncTrigger.SCHEDULE, false)).isInstanceOf(SyncOutcome.Succeeded.class);
        }
    }

    @Nested
    class ADryRun {

        @Test
        void returnsThePlanAndWritesNothingAtAll() {
            aSyncedCatalogOf(10);
            long transactionsBefore = memory.committedTransactions();
            List<UpstreamModel> upstream = new ArrayList<>(models(10));
            upstream.set(3, model(upstream.get(3).id()).price("completion", "1").build());
            upstream.add(model("new/arrival").build());
            source.answer(upstream);

            SyncPreview preview = sync.dryRun(false);

            assertThat(preview).isInstanceOfSatisfying(SyncPreview.Planned.class, planned -> {
                assertThat(planned.plan().counts()).isEqualTo(new SyncCounts(1, 1, 0, 0, 9, 0));
                assertThat(planned.plan().added().get(0).fingerprint())
                        .isEqualTo(ModelFingerprint.of(upstream.get(10)));
            });
            assertThat(memory.committedTransactions()).isEqualTo(transactionsBefore);
            assertThat(memory.recentRuns(10)).hasSize(1);
            assertThat(memory.findModel("new/arrival")).isEmpty();
        }

        @Test
        void reportsTheAbortARealRunWouldHit() {
            aSyncedCatalogOf(10);
            source.answer(models(3));

            assertThat(sync.dryRun(false))
                    .isInstanceOfSatisfying(
                            SyncPreview.Aborted.class,
                            aborted -> assertThat(aborted.reason()).isEqualTo(AbortReason.TOO_FEW_UPSTREAM_MODELS));
            assertThat(sync.dryRun(true))
                    .isInstanceOfSatisfying(
                            SyncPreview.Planned.class,
                            planned -> assertThat(planned.plan().deactivated()).hasSize(7));
            assertThat(memory.recentRuns(10)).hasSize(1);
        }

        @Test
        void reportsAMalformedResponseAsAnAbort() {
            source.fail(IncompletePaginationException.because("links.next loops back to page 1"));

            assertThat(sync.dryRun(false))
                    .isEqualTo(new SyncPreview.Aborted(
                            AbortReason.INCOMPLETE_PAGINATION, "links.next loops back to page 1"));
            assertThat(memory.recentRuns(10)).isEmpty();
        }

        @Test
        void reportsFailuresOfUpstreamAndOfTheStore() {
            UpstreamUnavailableException down = UpstreamUnavailableException.status("down", 502);
            source.fail(down);
            assertThat(sync.dryRun(false)).isEqualTo(new SyncPreview.Failed(down));

            source.answer(models(2));
            store.failLoading = true;
            assertThat(sync.dryRun(false))
                    .isInstanceOfSatisfying(
                            SyncPreview.Failed.class,
                            failed -> assertThat(failed.cause()).hasMessageContaining("loading the catalog"));
            assertThat(memory.recentRuns(10)).isEmpty();
        }
    }

    @Test
    void everyRunGetsItsOwnIdFromTheSupplier() {
        source.answer(models(2));

        SyncOutcome first = sync.run(SyncTrigger.STARTUP, false);
        SyncOutcome second = sync.run(SyncTrigger.SCHEDULE, false);

        assertThat(first.run().id()).isEqualTo(runId(1));
        assertThat(second.run().id()).isEqualTo(runId(2));
        assertThat(source.fetches()).isEqualTo(2);
    }

    @Test
    void byDefaultRunIdsAreRandom() {
        source.answer(models(1));
        CatalogSync withRandomIds = new CatalogSync(source, store, SyncGuards.DEFAULTS, CLOCK);

        SyncRun first = withRandomIds.run(SyncTrigger.MANUAL, false).run();
        SyncRun second = withRandomIds.run(SyncTrigger.MANUAL, false).run();

        assertThat(first.id()).isNotEqualTo(second.id());
        assertThat(first.id().version()).isEqualTo(4);
    }
}
