package dev.modelaccess.testsupport.sync;

import static dev.modelaccess.testsupport.fixtures.TestModels.row;
import static dev.modelaccess.testsupport.fixtures.TestModels.upstream;
import static org.assertj.core.api.Assertions.assertThat;

import dev.modelaccess.core.catalog.CatalogFingerprint;
import dev.modelaccess.core.catalog.CatalogModel;
import dev.modelaccess.core.catalog.ModelFingerprint;
import dev.modelaccess.core.catalog.ModelStatus;
import dev.modelaccess.core.catalog.UpstreamModel;
import dev.modelaccess.core.sync.AbortReason;
import dev.modelaccess.core.sync.EventKind;
import dev.modelaccess.core.sync.InvalidEntry;
import dev.modelaccess.core.sync.ModelCatalogReconciler;
import dev.modelaccess.core.sync.ModelEvent;
import dev.modelaccess.core.sync.Reconciliation;
import dev.modelaccess.core.sync.SyncCounts;
import dev.modelaccess.core.sync.SyncGuards;
import dev.modelaccess.core.sync.SyncPlan;
import dev.modelaccess.core.sync.UpstreamSnapshot;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

class ModelCatalogReconcilerTest {

    static final Instant NOW = Instant.parse("2025-06-01T03:00:00Z");
    static final SyncGuards NO_RATIO_GUARDS = new SyncGuards(0, 1);

    final ModelCatalogReconciler reconciler = new ModelCatalogReconciler(Clock.fixed(NOW, ZoneOffset.UTC));

    SyncPlan plan(List<CatalogModel> current, List<UpstreamModel> upstream) {
        return plan(current, UpstreamSnapshot.of(upstream));
    }

    SyncPlan plan(List<CatalogModel> current, UpstreamSnapshot upstream) {
        return planned(current, upstream, NO_RATIO_GUARDS, false);
    }

    SyncPlan planned(List<CatalogModel> current, UpstreamSnapshot upstream, SyncGuards guards, boolean force) {
        Reconciliation result = reconciler.reconcile(current, upstream, guards, force);
        assertThat(result).isInstanceOf(Reconciliation.Planned.class);
        return ((Reconciliation.Planned) result).plan();
    }

    Reconciliation.Aborted aborted(
            List<CatalogModel> current, UpstreamSnapshot upstream, SyncGuards guards, boolean force) {
        Reconciliation result = reconciler.reconcile(current, upstream, guards, force);
        assertThat(result).isInstanceOf(Reconciliation.Aborted.class);
        return (Reconciliation.Aborted) result;
    }

    /** What the plan writes for {@code model}: it with its fingerprint. */
    static SyncPlan.Upsert upsert(UpstreamModel model) {
        return new SyncPlan.Upsert(model, ModelFingerprint.of(model));
    }

    static ModelEvent syncEvent(String modelId, EventKind kind, Map<String, String> before, Map<String, String> after) {
        return ModelEvent.of(modelId, kind, before, after, ModelEvent.SYNC_ACTOR, NOW);
    }

    static List<CatalogModel> presentRows(int count) {
        return IntStream.range(0, count)
                .mapToObj(i -> row("p/model-" + i, ModelStatus.ACTIVE))
                .toList();
    }

    static List<UpstreamModel> upstreamOf(List<CatalogModel> rows) {
        return rows.stream().map(CatalogModel::upstream).toList();
    }

    @Nested
    class FirstRun {

        @Test
        void everyUpstreamModelIsAddedAsNewWithOneAddedEventEach() {
            UpstreamModel a = upstream("openai/gpt-4o").build();
            UpstreamModel b = upstream("meta-llama/llama-3.3-70b-instruct:free").build();
            UpstreamModel c = upstream("~openai/gpt-mini-latest").build();

            SyncPlan plan = plan(List.of(), List.of(a, b, c));

            assertThat(plan.added()).containsExactly(upsert(a), upsert(b), upsert(c));
            assertThat(plan.refreshed()).isEmpty();
            assertThat(plan.deactivated()).isEmpty();
            assertThat(plan.returned()).isEmpty();
            assertThat(plan.counts()).isEqualTo(new SyncCounts(3, 0, 0, 0, 0, 0));
            assertThat(plan.events())
                    .containsExactly(
                            syncEvent(a.id(), EventKind.ADDED, Map.of(), Map.of("status", "new")),
                            syncEvent(b.id(), EventKind.ADDED, Map.of(), Map.of("status", "new")),
                            syncEvent(c.id(), EventKind.ADDED, Map.of(), Map.of("status", "new")));
        }

        @Test
        void aFirstRunIsNotHeldBackByTheRatioGuards() {
            Reconciliation result = reconciler.reconcile(
                    List.of(), UpstreamSnapshot.of(List.of(upstream("a/one").build())), SyncGuards.DEFAULTS, false);

            assertThat(result).isInstanceOf(Reconciliation.Planned.class);
        }

        @Test
        void aCatalogOfOnlyInactiveModelsCountsAsEmptyForTheRatioGuards() {
            List<CatalogModel> current = IntStream.range(0, 10)
                    .mapToObj(i -> row("gone/model-" + i, ModelStatus.INACTIVE))
                    .toList();

            SyncPlan plan = planned(
                    current, UpstreamSnapshot.of(List.of(upstream("a/one").build())), SyncGuards.DEFAULTS, false);

            assertThat(plan.counts()).isEqualTo(new SyncCounts(1, 0, 0, 0, 0, 0));
        }
    }

    @Nested
    class NewUpstreamModel {

        @Test
        void arrivesAsNewBesideTheUnchangedOnes() {
            CatalogModel known = row("openai/gpt-4o")
                    .status(ModelStatus.ACTIVE)
                    .tiers(true, true, true)
                    .build();
            UpstreamModel fresh = upstream("anthropic/claude-sonnet-4").build();

            SyncPlan plan = plan(List.of(known), List.of(known.upstream(), fresh));

            assertThat(plan.added()).containsExactly(upsert(fresh));
            assertThat(plan.counts()).isEqualTo(new SyncCounts(1, 0, 0, 0, 1, 0));
            assertThat(plan.events())
                    .containsExactly(syncEvent(fresh.id(), EventKind.ADDED, Map.of(), Map.of("status", "new")));
        }
    }

    @Nested
    class ModelGoneUpstream {

        @ParameterizedTest
        @EnumSource(
                value = ModelStatus.class,
                names = {"NEW", "ACTIVE", "DISABLED"})
        void becomesInactiveKeepingTheStatusItHad(ModelStatus status) {
            CatalogModel staying = row("a/staying", ModelStatus.ACTIVE);
            CatalogModel leaving =
                    row("b/leaving").status(status).tiers(true, false, true).build();

            SyncPlan plan = plan(List.of(staying, leaving), List.of(staying.upstream()));

            assertThat(plan.deactivated()).containsExactly(new SyncPlan.Deactivation("b/leaving", status));
            assertThat(plan.added()).isEmpty();
            assertThat(plan.refreshed()).isEmpty();
            assertThat(plan.returned()).isEmpty();
            assertThat(plan.counts()).isEqualTo(new SyncCounts(0, 0, 1, 0, 1, 0));
            assertThat(plan.events())
                    .containsExactly(syncEvent(
                            "b/leaving",
                            EventKind.REMOVED,
                            Map.of("status", status.dbValue()),
                            Map.of("status", "inactive")));
        }

        @Test
        void anInactiveModelStillAbsentIsNotTouchedAgain() {
            CatalogModel staying = row("a/staying", ModelStatus.ACTIVE);
            CatalogModel gone =
                    row("b/gone").inactiveAfter(ModelStatus.DISABLED).build();

            SyncPlan plan = plan(List.of(staying, gone), List.of(staying.upstream()));

            assertThat(plan.writesNothing()).isTrue();
            assertThat(plan.events()).isEmpty();
            assertThat(plan.counts()).isEqualTo(new SyncCounts(0, 0, 0, 0, 1, 0));
        }

        @Test
        void deactivationsAreListedInModelIdOrder() {
            CatalogModel staying = row("m/staying", ModelStatus.ACTIVE);
            List<CatalogModel> current =
                    List.of(row("z/last", ModelStatus.NEW), staying, row("a/first", ModelStatus.DISABLED));

            SyncPlan plan = plan(current, List.of(staying.upstream()));

            assertThat(plan.deactivated())
                    .extracting(SyncPlan.Deactivation::modelId)
                    .containsExactly("a/first", "z/last");
        }
    }

    @Nested
    class InactiveModelBackUpstream {

        @ParameterizedTest
        @EnumSource(
                value = ModelStatus.class,
                names = {"NEW", "ACTIVE", "DISABLED"})
        void returnsToTheStatusItHadBefore(ModelStatus before) {
            CatalogModel back = row("a/back")
                    .inactiveAfter(before)
                    .tiers(false, true, false)
                    .build();

            SyncPlan plan = plan(List.of(back), List.of(back.upstream()));

            assertThat(plan.returned())
                    .containsExactly(
                            new SyncPlan.Return(new SyncPlan.Upsert(back.upstream(), back.fingerprint()), before));
            assertThat(plan.counts()).isEqualTo(new SyncCounts(0, 0, 0, 1, 0, 0));
            assertThat(plan.events())
                    .containsExactly(syncEvent(
                            "a/back",
                            EventKind.RETURNED,
                            Map.of("status", "inactive"),
                            Map.of("status", before.dbValue())));
        }

        @Test
        void returnsAsNewWhenTheStatusItHadIsUnknown() {
            CatalogModel back = row("a/back").inactiveAfter(null).build();

            SyncPlan plan = plan(List.of(back), List.of(back.upstream()));

            assertThat(plan.returned())
                    .singleElement()
                    .extracting(SyncPlan.Return::restoredStatus)
                    .isEqualTo(ModelStatus.NEW);
        }

        @Test
        void returnsWithItsNewDescriptionAndReportsWhatChangedWhileAway() {
            CatalogModel back = row(upstream("a/back")
                            .price("prompt", "0.000001")
                            .build())
                    .inactiveAfter(ModelStatus.ACTIVE)
                    .build();
            UpstreamModel now = upstream("a/back").price("prompt", "0.000003").build();

            SyncPlan plan = plan(List.of(back), List.of(now));

            assertThat(plan.returned()).containsExactly(new SyncPlan.Return(upsert(now), ModelStatus.ACTIVE));
            assertThat(plan.events())
                    .containsExactly(
                            syncEvent(
                                    "a/back",
                                    EventKind.RETURNED,
                                    Map.of("status", "inactive"),
                                    Map.of("status", "active")),
                            syncEvent(
                                    "a/back",
                                    EventKind.PRICE_CHANGED,
                                    Map.of("prompt", "0.000001"),
                                    Map.of("prompt", "0.000003")));
        }
    }

    @Nested
    class FromFingerprintsOnly {

        private final List<List<String>> asked = new ArrayList<>();

        private Reconciliation reconcile(List<CatalogModel> current, List<UpstreamModel> upstream) {
            Map<String, UpstreamModel> stored = new java.util.HashMap<>();
            current.forEach(row -> stored.put(row.modelId(), row.upstream()));
            return reconciler.reconcile(
                    current.stream().map(CatalogFingerprint::of).toList(),
                    ids -> {
                        asked.add(List.copyOf(ids));
                        Map<String, UpstreamModel> found = new java.util.HashMap<>();
                        ids.forEach(id -> found.put(id, stored.get(id)));
                        return found;
                    },
                    UpstreamSnapshot.of(upstream),
                    NO_RATIO_GUARDS,
                    false);
        }

        @Test
        void anUnchangedCatalogReadsNoStoredDescription() {
            List<CatalogModel> current = IntStream.range(0, 3000)
                    .mapToObj(i -> row(upstream("p/m" + i).build()).build())
                    .toList();

            Reconciliation result = reconcile(
                    current, current.stream().map(CatalogModel::upstream).toList());

            assertThat(((Reconciliation.Planned) result).plan().counts().unchanged())
                    .isEqualTo(3000);
            assertThat(asked).isEmpty();
        }

        @Test
        void theStoredDescriptionsOfTheChangedModelsOnlyAreReadOnceAndGiveTheSamePlan() {
            List<CatalogModel> current = List.of(
                    row(upstream("a/same").build()).build(),
                    row(upstream("a/priced").price("prompt", "0.000001").build())
                            .build(),
                    row(upstream("a/gone").build()).status(ModelStatus.INACTIVE).build());
            List<UpstreamModel> upstream = List.of(
                    upstream("a/same").build(),
                    upstream("a/priced").price("prompt", "0.000002").build(),
                    upstream("a/gone").name("Back, renamed").build());

            Reconciliation result = reconcile(current, upstream);

            assertThat(asked).hasSize(1);
            assertThat(asked.getFirst()).containsExactlyInAnyOrder("a/priced", "a/gone");
            assertThat(((Reconciliation.Planned) result).plan()).isEqualTo(plan(current, upstream));
        }
    }

    @Nested
    class ModelOnBothSides {

        @ParameterizedTest
        @EnumSource(
                value = ModelStatus.class,
                names = {"NEW", "ACTIVE", "DISABLED"})
        void aPriceChangeRefreshesTheUpstreamDescriptionOnly(ModelStatus status) {
            CatalogModel before = row(upstream("openai/gpt-4o")
                            .price("prompt", "0.0000025")
                            .price("completion", "0.00001")
                            .build())
                    .status(status)
                    .tiers(true, true, false)
                    .build();
            UpstreamModel after = upstream("openai/gpt-4o")
                    .price("prompt", "0.000002")
                    .price("completion", "0.00001")
                    .build();

            SyncPlan plan = plan(List.of(before), List.of(after));

            assertThat(plan.refreshed()).containsExactly(new SyncPlan.Refresh(upsert(after), true, false));
            assertThat(plan.deactivated()).isEmpty();
            assertThat(plan.returned()).isEmpty();
            assertThat(plan.counts()).isEqualTo(new SyncCounts(0, 1, 0, 0, 0, 0));
            assertThat(plan.events())
                    .containsExactly(syncEvent(
                            "openai/gpt-4o",
                            EventKind.PRICE_CHANGED,
                            Map.of("prompt", "0.0000025"),
                            Map.of("prompt", "0.000002")));
        }

        @Test
        void aMetadataChangeIsReportedWithTheFieldsThatChanged() {
            CatalogModel before = row(upstream("openai/gpt-4o")
                            .name("GPT-4o")
                            .contextLength(128_000L)
                            .build())
                    .status(ModelStatus.ACTIVE)
                    .build();
            UpstreamModel after = upstream("openai/gpt-4o")
                    .name("OpenAI: GPT-4o")
                    .contextLength(256_000L)
                    .build();

            SyncPlan plan = plan(List.of(before), List.of(after));

            assertThat(plan.refreshed()).containsExactly(new SyncPlan.Refresh(upsert(after), false, true));
            assertThat(plan.events())
                    .containsExactly(syncEvent(
                            "openai/gpt-4o",
                            EventKind.METADATA_CHANGED,
                            Map.of("name", "GPT-4o", "context_length", "128000"),
                            Map.of("name", "OpenAI: GPT-4o", "context_length", "256000")));
        }

        @Test
        void aChangeOfPriceAndMetadataGivesOneEventOfEach() {
            CatalogModel before = row(upstream("x/y").name("Old").build()).build();
            UpstreamModel after =
                    upstream("x/y").name("New").price("completion", "0.5").build();

            SyncPlan plan = plan(List.of(before), List.of(after));

            assertThat(plan.refreshed()).singleElement().satisfies(refresh -> {
                assertThat(refresh.priceChanged()).isTrue();
                assertThat(refresh.metadataChanged()).isTrue();
            });
            assertThat(plan.events())
                    .extracting(ModelEvent::kind)
                    .containsExactly(EventKind.PRICE_CHANGED, EventKind.METADATA_CHANGED);
        }

        @Test
        void aNewPriceComponentIsAPriceChangeFromNothing() {
            CatalogModel before = row(upstream("x/y").build()).build();
            UpstreamModel after = upstream("x/y").price("web_search", "0.004").build();

            SyncPlan plan = plan(List.of(before), List.of(after));

            assertThat(plan.events())
                    .containsExactly(
                            syncEvent("x/y", EventKind.PRICE_CHANGED, Map.of(), Map.of("web_search", "0.004")));
        }

        @Test
        void aChangedPriceOverrideIsAPriceChange() {
            CatalogModel before = row(upstream("x/y")
                            .override(Map.of("min_prompt_tokens", "200000", "prompt", "0.000004"))
                            .build())
                    .build();
            UpstreamModel after = upstream("x/y")
                    .override(Map.of("min_prompt_tokens", "200000", "prompt", "0.000005"))
                    .build();

            SyncPlan plan = plan(List.of(before), List.of(after));

            assertThat(plan.events())
                    .containsExactly(syncEvent(
                            "x/y",
                            EventKind.PRICE_CHANGED,
                            Map.of("overrides[0].prompt", "0.000004"),
                            Map.of("overrides[0].prompt", "0.000005")));
        }

        @Test
        void aChangeOnlyInFieldsThisLibraryDoesNotMapIsStillARefresh() {
            CatalogModel before = row(upstream("x/y").build()).build();
            UpstreamModel after = upstream("x/y")
                    .extraField("per_request_limits", "{\"a\":1}")
                    .build();

            SyncPlan plan = plan(List.of(before), List.of(after));

            assertThat(plan.refreshed()).containsExactly(new SyncPlan.Refresh(upsert(after), false, true));
            assertThat(plan.events())
                    .containsExactly(syncEvent(
                            "x/y",
                            EventKind.METADATA_CHANGED,
                            Map.of(),
                            Map.of("upstream", "fields outside the mapped columns changed")));
        }

        @Test
        void aPriceWrittenWithAnotherScaleIsNotAPriceChange() {
            CatalogModel before =
                    row(upstream("x/y").price("prompt", "0.000001").build()).build();
            UpstreamModel after = upstream("x/y").price("prompt", "0.0000010").build();

            SyncPlan plan = plan(List.of(before), List.of(after));

            assertThat(plan.events()).extracting(ModelEvent::kind).doesNotContain(EventKind.PRICE_CHANGED);
        }

        @Test
        void anUnchangedModelIsNotWrittenAndHasNoEvent() {
            List<CatalogModel> current = List.of(
                    row("a/new", ModelStatus.NEW),
                    row("b/active")
                            .status(ModelStatus.ACTIVE)
                            .tiers(true, true, true)
                            .build(),
                    row("c/disabled", ModelStatus.DISABLED));

            SyncPlan plan = plan(current, upstreamOf(current));

            assertThat(plan.writesNothing()).isTrue();
            assertThat(plan.events()).isEmpty();
            assertThat(plan.counts()).isEqualTo(new SyncCounts(0, 0, 0, 0, 3, 0));
        }

        @Test
        void theStoredFingerprintDecidesWhetherAModelChanged() {
            UpstreamModel model = upstream("x/y").build();
            CatalogModel storedWithOldFingerprint =
                    row(model).fingerprint("an older fingerprint").build();

            SyncPlan plan = plan(List.of(storedWithOldFingerprint), List.of(model));

            assertThat(plan.refreshed()).hasSize(1);
        }
    }

    @Nested
    class Guards {

        @Test
        void anEmptyUpstreamListAbortsEvenWhenForced() {
            Reconciliation.Aborted abort =
                    aborted(presentRows(3), UpstreamSnapshot.of(List.of()), SyncGuards.DEFAULTS, true);

            assertThat(abort.reason()).isEqualTo(AbortReason.EMPTY_UPSTREAM);
        }

        @Test
        void anUpstreamListOfOnlyUnreadableEntriesCountsAsEmpty() {
            UpstreamSnapshot snapshot = new UpstreamSnapshot(List.of(), List.of(new InvalidEntry("a/b", "no pricing")));

            Reconciliation.Aborted abort = aborted(List.of(), snapshot, NO_RATIO_GUARDS, true);

            assertThat(abort.reason()).isEqualTo(AbortReason.EMPTY_UPSTREAM);
            assertThat(abort.detail()).contains("1 unreadable");
        }

        @Test
        void theSameIdTwiceAbortsEvenWhenForced() {
            UpstreamSnapshot snapshot = UpstreamSnapshot.of(List.of(
                    upstream("a/one").build(),
                    upstream("b/two").build(),
                    upstream("a/one").name("again").build()));

            Reconciliation.Aborted abort = aborted(List.of(), snapshot, NO_RATIO_GUARDS, true);

            assertThat(abort.reason()).isEqualTo(AbortReason.DUPLICATE_ID);
            assertThat(abort.detail()).contains("'a/one'");
        }

        @Test
        void anIdThatIsOnceReadableAndOnceUnreadableIsADuplicate() {
            UpstreamSnapshot snapshot = new UpstreamSnapshot(
                    List.of(upstream("a/one").build()), List.of(new InvalidEntry("a/one", "bad pricing")));

            Reconciliation.Aborted abort = aborted(List.of(), snapshot, NO_RATIO_GUARDS, true);

            assertThat(abort.reason()).isEqualTo(AbortReason.DUPLICATE_ID);
        }

        @Test
        void twoUnreadableEntriesWithTheSameIdAreADuplicate() {
            UpstreamSnapshot snapshot = new UpstreamSnapshot(
                    List.of(upstream("a/one").build()),
                    List.of(new InvalidEntry("b/two", "bad"), new InvalidEntry("b/two", "bad")));

            Reconciliation.Aborted abort = aborted(List.of(), snapshot, NO_RATIO_GUARDS, true);

            assertThat(abort.reason()).isEqualTo(AbortReason.DUPLICATE_ID);
        }

        @Test
        void unreadableEntriesWithoutAnIdAreNeverDuplicates() {
            UpstreamSnapshot snapshot = new UpstreamSnapshot(
                    List.of(upstream("a/one").build()),
                    List.of(new InvalidEntry(null, "no id"), new InvalidEntry(null, "no id")));

            assertThat(reconciler.reconcile(List.of(), snapshot, NO_RATIO_GUARDS, false))
                    .isInstanceOf(Reconciliation.Planned.class);
        }

        /** {@code present} present models, of which upstream lists the first {@code listed}. */
        Reconciliation listingTheFirst(int listed, int present, SyncGuards guards, boolean force) {
            List<CatalogModel> current = presentRows(present);
            return reconciler.reconcile(
                    current, UpstreamSnapshot.of(upstreamOf(current.subList(0, listed))), guards, force);
        }

        @ParameterizedTest(name = "{0}")
        @CsvSource(delimiter = '|', textBlock = """
                upstream entries exactly at the minimum ratio pass                     |  5 |  10 | 0.5  | 1    | false |  5
                deactivations exactly at the maximum ratio pass                        | 18 |  20 | 0.5  | 0.10 | false |  2
                a ratio doubles cannot write exactly (0.29 × 100) is still met exactly | 71 | 100 | 0.29 | 0.29 | false | 29
                force passes the minimum ratio                                         |  1 |  10 | 0.5  | 0.10 | true  |  9
                force passes the maximum deactivation ratio                            |  6 |  10 | 0.5  | 0.10 | true  |  4
                """)
        void aRatioGuardLetsThePlanThrough(
                String why,
                int listed,
                int present,
                double minUpstream,
                double maxDeactivation,
                boolean force,
                int gone) {
            SyncGuards guards = new SyncGuards(minUpstream, maxDeactivation);

            Reconciliation result = listingTheFirst(listed, present, guards, force);

            assertThat(result).isInstanceOf(Reconciliation.Planned.class);
            assertThat(((Reconciliation.Planned) result).plan().deactivated()).hasSize(gone);
        }

        @ParameterizedTest(name = "{0}")
        @CsvSource(delimiter = '|', textBlock = """
                fewer upstream entries than the minimum ratio abort | 4  | 10  | 0.5  | 1    | TOO_FEW_UPSTREAM_MODELS | 4 readable models (0 unreadable entries) for 10 present models
                more deactivations than the maximum ratio abort     | 17 | 20  | 0.5  | 0.10 | TOO_MANY_DEACTIVATIONS  | 3 of 20 present models
                one more than the maximum ratio, an inexact ratio   | 70 | 100 | 0.29 | 0.29 | TOO_MANY_DEACTIVATIONS  | 30 of 100 present models
                without force the run force lets through is aborted | 6  | 10  | 0.5  | 0.10 | TOO_MANY_DEACTIVATIONS  | 4 of 10 present models
                """)
        void aRatioGuardAbortsAForceableRun(
                String why,
                int listed,
                int present,
                double minUpstream,
                double maxDeactivation,
                AbortReason reason,
                String detail) {
            SyncGuards guards = new SyncGuards(minUpstream, maxDeactivation);

            Reconciliation result = listingTheFirst(listed, present, guards, false);

            assertThat(result).isInstanceOf(Reconciliation.Aborted.class);
            Reconciliation.Aborted abort = (Reconciliation.Aborted) result;
            assertThat(abort.reason()).isEqualTo(reason);
            assertThat(abort.reason().forceable()).isTrue();
            assertThat(abort.detail()).contains(detail);
        }

        @Test
        void unreadableEntriesDoNotCountTowardsTheMinimumRatio() {
            List<CatalogModel> current = presentRows(10);
            UpstreamSnapshot snapshot = new UpstreamSnapshot(
                    upstreamOf(current.subList(0, 4)),
                    List.of(new InvalidEntry("p/model-4", "bad pricing"), new InvalidEntry("p/model-5", "bad")));

            Reconciliation.Aborted abort = aborted(current, snapshot, new SyncGuards(0.5, 1), false);

            assertThat(abort.reason()).isEqualTo(AbortReason.TOO_FEW_UPSTREAM_MODELS);
            assertThat(abort.detail()).contains("4 readable models (2 unreadable entries) for 10 present models");
        }

        @Test
        void readableModelsExactlyAtTheMinimumRatioPassBesideUnreadableEntries() {
            List<CatalogModel> current = presentRows(10);
            UpstreamSnapshot snapshot = new UpstreamSnapshot(
                    upstreamOf(current.subList(0, 5)), List.of(new InvalidEntry("p/model-5", "bad pricing")));

            Reconciliation result = reconciler.reconcile(current, snapshot, new SyncGuards(0.5, 1), false);

            assertThat(result).isInstanceOf(Reconciliation.Planned.class);
        }

        @Test
        void inactiveModelsDoNotCountAsPresentForTheMinimumRatio() {
            List<CatalogModel> current = new ArrayList<>(presentRows(10));
            IntStream.range(0, 10).forEach(i -> current.add(row("gone/" + i, ModelStatus.INACTIVE)));

            Reconciliation result = reconciler.reconcile(
                    current, UpstreamSnapshot.of(upstreamOf(current.subList(0, 5))), new SyncGuards(0.5, 1), false);

            assertThat(result).isInstanceOf(Reconciliation.Planned.class);
        }

        @Test
        void onlyTheRatioGuardsCanBeForced() {
            assertThat(AbortReason.values())
                    .filteredOn(AbortReason::forceable)
                    .containsExactlyInAnyOrder(AbortReason.TOO_FEW_UPSTREAM_MODELS, AbortReason.TOO_MANY_DEACTIVATIONS);
        }
    }

    @Nested
    class UnreadableEntries {

        @Test
        void leaveThePresentRowWithTheSameIdUntouched() {
            CatalogModel kept = row("a/kept", ModelStatus.ACTIVE);
            CatalogModel broken = row("b/broken", ModelStatus.ACTIVE);
            InvalidEntry invalid = new InvalidEntry("b/broken", "pricing.prompt is not a number");

            SyncPlan plan =
                    plan(List.of(kept, broken), new UpstreamSnapshot(List.of(kept.upstream()), List.of(invalid)));

            assertThat(plan.writesNothing()).isTrue();
            assertThat(plan.deactivated()).isEmpty();
            assertThat(plan.skipped()).containsExactly(invalid);
            assertThat(plan.events()).isEmpty();
            assertThat(plan.counts()).isEqualTo(new SyncCounts(0, 0, 0, 0, 1, 1));
        }

        @Test
        void leaveAnInactiveRowWithTheSameIdInactive() {
            CatalogModel kept = row("a/kept", ModelStatus.ACTIVE);
            CatalogModel gone = row("b/gone").inactiveAfter(ModelStatus.ACTIVE).build();

            SyncPlan plan = plan(
                    List.of(kept, gone),
                    new UpstreamSnapshot(List.of(kept.upstream()), List.of(new InvalidEntry("b/gone", "bad"))));

            assertThat(plan.writesNothing()).isTrue();
            assertThat(plan.returned()).isEmpty();
        }

        @Test
        void withoutAnIdAreReportedAndChangeNothingElse() {
            CatalogModel kept = row("a/kept", ModelStatus.ACTIVE);
            InvalidEntry invalid = new InvalidEntry(null, "entry is not an object");

            SyncPlan plan = plan(List.of(kept), new UpstreamSnapshot(List.of(kept.upstream()), List.of(invalid)));

            assertThat(plan.skipped()).containsExactly(invalid);
            assertThat(plan.writesNothing()).isTrue();
        }

        @Test
        void whoseRowIsGoneStillDoNotProtectOtherRows() {
            CatalogModel kept = row("a/kept", ModelStatus.ACTIVE);
            CatalogModel leaving = row("c/leaving", ModelStatus.ACTIVE);

            SyncPlan plan = plan(
                    List.of(kept, leaving),
                    new UpstreamSnapshot(List.of(kept.upstream()), List.of(new InvalidEntry("b/other", "bad"))));

            assertThat(plan.deactivated()).containsExactly(new SyncPlan.Deactivation("c/leaving", ModelStatus.ACTIVE));
        }
    }

    @Nested
    class Events {

        @Test
        void everyChangeGetsEventsBySyncAtTheClocksTime() {
            Instant later = Instant.parse("2026-02-03T04:05:06Z");
            ModelCatalogReconciler reconcilerLater = new ModelCatalogReconciler(Clock.fixed(later, ZoneOffset.UTC));
            CatalogModel unchanged = row("a/unchanged", ModelStatus.ACTIVE);
            CatalogModel repriced = row("b/repriced", ModelStatus.ACTIVE);
            CatalogModel leaving = row("c/leaving", ModelStatus.DISABLED);
            CatalogModel back = row("d/back").inactiveAfter(ModelStatus.ACTIVE).build();
            List<CatalogModel> current = List.of(unchanged, repriced, leaving, back);
            List<UpstreamModel> upstream = List.of(
                    unchanged.upstream(),
                    upstream("b/repriced").price("prompt", "0.1").build(),
                    back.upstream(),
                    upstream("e/added").build());

            Reconciliation result =
                    reconcilerLater.reconcile(current, UpstreamSnapshot.of(upstream), NO_RATIO_GUARDS, false);

            SyncPlan plan = ((Reconciliation.Planned) result).plan();
            assertThat(plan.events())
                    .allSatisfy(event -> {
                        assertThat(event.actor()).isEqualTo("sync");
                        assertThat(event.at()).isEqualTo(later);
                    })
                    .extracting(ModelEvent::modelId, ModelEvent::kind)
                    .containsExactlyInAnyOrder(
                            org.assertj.core.groups.Tuple.tuple("b/repriced", EventKind.PRICE_CHANGED),
                            org.assertj.core.groups.Tuple.tuple("c/leaving", EventKind.REMOVED),
                            org.assertj.core.groups.Tuple.tuple("d/back", EventKind.RETURNED),
                            org.assertj.core.groups.Tuple.tuple("e/added", EventKind.ADDED));
            assertThat(plan.counts()).isEqualTo(new SyncCounts(1, 1, 1, 1, 1, 0));
        }
    }
}
