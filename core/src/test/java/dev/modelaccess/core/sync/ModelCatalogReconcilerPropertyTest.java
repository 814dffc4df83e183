package dev.modelaccess.core.sync;

import static dev.modelaccess.core.fixtures.TestModels.row;
import static dev.modelaccess.core.fixtures.TestModels.upstream;
import static org.assertj.core.api.Assertions.assertThat;

import dev.modelaccess.core.catalog.CatalogModel;
import dev.modelaccess.core.catalog.ModelStatus;
import dev.modelaccess.core.catalog.TierFlags;
import dev.modelaccess.core.catalog.UpstreamModel;
import dev.modelaccess.core.fixtures.PlanApplier;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import org.jspecify.annotations.Nullable;

/**
 * Properties of the reconciler over random catalogs (every status, random flags, random history) and random
 * snapshots (overlaps, removals, returns, price and name changes, unreadable entries).
 */
class ModelCatalogReconcilerPropertyTest {

    static final Instant NOW = Instant.parse("2025-06-01T03:00:00Z");

    final ModelCatalogReconciler reconciler = new ModelCatalogReconciler(Clock.fixed(NOW, ZoneOffset.UTC));

    /** What one model id looks like in the catalog and upstream. */
    enum Upstream {
        ABSENT,
        PRESENT,
        UNREADABLE
    }

    record RowSpec(ModelStatus status, @Nullable ModelStatus before, TierFlags tiers, int variant) {}

    record Slot(@Nullable RowSpec row, Upstream upstream, int variant) {}

    record Scenario(Map<String, CatalogModel> catalog, UpstreamSnapshot snapshot) {

        Set<String> upstreamIds() {
            return snapshot.models().stream().map(UpstreamModel::id).collect(Collectors.toSet());
        }

        Set<String> unreadableIds() {
            Set<String> ids = new HashSet<>();
            snapshot.invalidEntries().forEach(entry -> {
                if (entry.modelId() != null) {
                    ids.add(entry.modelId());
                }
            });
            return ids;
        }

        long present() {
            return catalog.values().stream()
                    .filter(row -> row.status() != ModelStatus.INACTIVE)
                    .count();
        }
    }

    /** Variant 0 is the base description; 1 changes the price, 2 the name, 3 both. */
    static UpstreamModel model(String id, int variant) {
        var builder = upstream(id);
        if ((variant & 1) != 0) {
            builder.price("prompt", "0.0000" + (variant + 10));
        }
        if ((variant & 2) != 0) {
            builder.name("Renamed " + id);
        }
        return builder.build();
    }

    @Provide
    Arbitrary<Scenario> scenarios() {
        Arbitrary<RowSpec> rows = Combinators.combine(
                        Arbitraries.of(ModelStatus.class),
                        Arbitraries.of(ModelStatus.NEW, ModelStatus.ACTIVE, ModelStatus.DISABLED)
                                .injectNull(0.1),
                        Arbitraries.of(true, false),
                        Arbitraries.of(true, false),
                        Arbitraries.of(true, false),
                        Arbitraries.integers().between(0, 3))
                .as((status, before, free, pro, enterprise, variant) ->
                        new RowSpec(status, before, new TierFlags(free, pro, enterprise), variant));
        Arbitrary<Upstream> upstream = Arbitraries.frequency(
                Tuple.of(6, Upstream.PRESENT), Tuple.of(3, Upstream.ABSENT), Tuple.of(1, Upstream.UNREADABLE));
        Arbitrary<Slot> slots = Combinators.combine(
                        rows.injectNull(0.3), upstream, Arbitraries.integers().between(0, 3))
                .as(Slot::new);
        return slots.list().ofMaxSize(40).map(ModelCatalogReconcilerPropertyTest::scenario);
    }

    static Scenario scenario(List<Slot> slots) {
        Map<String, CatalogModel> catalog = new LinkedHashMap<>();
        List<UpstreamModel> models = new ArrayList<>();
        List<InvalidEntry> invalid = new ArrayList<>();
        for (int i = 0; i < slots.size(); i++) {
            Slot slot = slots.get(i);
            String id = "p" + i + "/model-" + i + (i % 5 == 0 ? ":free" : "");
            RowSpec spec = slot.row();
            if (spec != null) {
                var row = row(model(id, spec.variant())).tiers(spec.tiers());
                if (spec.status() == ModelStatus.INACTIVE) {
                    row.inactiveAfter(spec.before());
                } else {
                    row.status(spec.status());
                }
                catalog.put(id, row.build());
            }
            switch (slot.upstream()) {
                case PRESENT -> models.add(model(id, slot.variant()));
                case UNREADABLE -> invalid.add(new InvalidEntry(id, "pricing.prompt is not a number"));
                case ABSENT -> {}
            }
        }
        return new Scenario(catalog, new UpstreamSnapshot(models, invalid));
    }

    SyncPlan forcedPlan(Scenario scenario) {
        Assume.that(!scenario.snapshot().models().isEmpty());
        Reconciliation result =
                reconciler.reconcile(scenario.catalog().values(), scenario.snapshot(), SyncGuards.DEFAULTS, true);
        assertThat(result).isInstanceOf(Reconciliation.Planned.class);
        return ((Reconciliation.Planned) result).plan();
    }

    @Property(tries = 300)
    void reconcilingTheSameSnapshotAgainAfterApplyingChangesNothing(@ForAll("scenarios") Scenario scenario) {
        SyncPlan first = forcedPlan(scenario);
        Map<String, CatalogModel> applied = PlanApplier.apply(scenario.catalog(), first, NOW);

        Reconciliation again = reconciler.reconcile(applied.values(), scenario.snapshot(), SyncGuards.DEFAULTS, false);

        long presentAfter = applied.values().stream()
                .filter(model -> model.status() != ModelStatus.INACTIVE)
                .count();
        BigDecimal readableMinimum =
                BigDecimal.valueOf(SyncGuards.DEFAULTS.minUpstreamRatio()).multiply(BigDecimal.valueOf(presentAfter));
        if (BigDecimal.valueOf(scenario.snapshot().models().size()).compareTo(readableMinimum) < 0) {
            // unreadable entries keep their rows present but are no models: too few readable ones is an abort
            assertThat(again)
                    .isInstanceOfSatisfying(
                            Reconciliation.Aborted.class,
                            abort -> assertThat(abort.reason()).isEqualTo(AbortReason.TOO_FEW_UPSTREAM_MODELS));
            return;
        }
        assertThat(again).isInstanceOf(Reconciliation.Planned.class);
        SyncPlan second = ((Reconciliation.Planned) again).plan();
        assertThat(second.writesNothing()).isTrue();
        assertThat(second.events()).isEmpty();
        assertThat(second.counts().unchanged())
                .isEqualTo(scenario.snapshot().models().size());
    }

    @Property(tries = 300)
    void aPlanNeverChangesAdminOwnedStateBeyondTheInactiveTransitions(@ForAll("scenarios") Scenario scenario) {
        Map<String, CatalogModel> applied = PlanApplier.apply(scenario.catalog(), forcedPlan(scenario), NOW);

        scenario.catalog().forEach((id, before) -> {
            CatalogModel after = applied.get(id);
            assertThat(after.tiers()).as("flags of %s", id).isEqualTo(before.tiers());
            assertThat(after.reviewedBy()).isEqualTo(before.reviewedBy());
            assertThat(after.reviewedAt()).isEqualTo(before.reviewedAt());
            if (before.status() == after.status()) {
                return;
            }
            if (after.status() == ModelStatus.INACTIVE) {
                assertThat(after.statusBeforeInactive())
                        .as("kept status of %s", id)
                        .isEqualTo(before.status());
            } else {
                assertThat(before.status()).isEqualTo(ModelStatus.INACTIVE);
                ModelStatus expected =
                        before.statusBeforeInactive() == null ? ModelStatus.NEW : before.statusBeforeInactive();
                assertThat(after.status()).as("restored status of %s", id).isEqualTo(expected);
            }
        });
    }

    @Property(tries = 300)
    void thePlanReportsTheStatusesItMovesFromAndTo(@ForAll("scenarios") Scenario scenario) {
        SyncPlan plan = forcedPlan(scenario);

        for (SyncPlan.Deactivation gone : plan.deactivated()) {
            assertThat(gone.previousStatus())
                    .isEqualTo(scenario.catalog().get(gone.modelId()).status());
        }
        for (SyncPlan.Return back : plan.returned()) {
            ModelStatus before =
                    scenario.catalog().get(back.upsert().model().id()).statusBeforeInactive();
            assertThat(back.restoredStatus()).isEqualTo(before == null ? ModelStatus.NEW : before);
        }
        for (ModelEvent event : plan.events()) {
            assertThat(event.actor()).isEqualTo(ModelEvent.SYNC_ACTOR);
            assertThat(event.at()).isEqualTo(NOW);
        }
    }

    @Property(tries = 300)
    void noModelPresentUpstreamEndsInactive(@ForAll("scenarios") Scenario scenario) {
        Map<String, CatalogModel> applied = PlanApplier.apply(scenario.catalog(), forcedPlan(scenario), NOW);

        for (String id : scenario.upstreamIds()) {
            assertThat(applied.get(id).status()).as(id).isNotEqualTo(ModelStatus.INACTIVE);
            assertThat(applied.get(id).upstream())
                    .isEqualTo(scenario.snapshot().models().stream()
                            .filter(model -> model.id().equals(id))
                            .findFirst()
                            .orElseThrow());
        }
    }

    @Property(tries = 300)
    void everyModelAbsentUpstreamEndsInactive(@ForAll("scenarios") Scenario scenario) {
        Map<String, CatalogModel> applied = PlanApplier.apply(scenario.catalog(), forcedPlan(scenario), NOW);
        Set<String> listed = new HashSet<>(scenario.upstreamIds());
        listed.addAll(scenario.unreadableIds());

        applied.forEach((id, row) -> {
            if (!listed.contains(id)) {
                assertThat(row.status()).as(id).isEqualTo(ModelStatus.INACTIVE);
            }
        });
    }

    @Property(tries = 300)
    void aRowWhoseUpstreamEntryIsUnreadableIsLeftExactlyAsItWas(@ForAll("scenarios") Scenario scenario) {
        Map<String, CatalogModel> applied = PlanApplier.apply(scenario.catalog(), forcedPlan(scenario), NOW);

        for (String id : scenario.unreadableIds()) {
            assertThat(applied.get(id)).as(id).isSameAs(scenario.catalog().get(id));
        }
    }

    @Property(tries = 300)
    void aPresentModelWhoseDescriptionDidNotChangeIsNotWritten(@ForAll("scenarios") Scenario scenario) {
        SyncPlan plan = forcedPlan(scenario);
        Map<String, CatalogModel> applied = PlanApplier.apply(scenario.catalog(), plan, NOW);
        int untouched = 0;
        for (UpstreamModel model : scenario.snapshot().models()) {
            CatalogModel before = scenario.catalog().get(model.id());
            if (before != null
                    && before.status() != ModelStatus.INACTIVE
                    && before.upstream().equals(model)) {
                assertThat(applied.get(model.id())).isSameAs(before);
                untouched++;
            }
        }
        assertThat(plan.counts().unchanged()).isEqualTo(untouched);
    }

    @Property(tries = 300)
    void theCountsAddUpToWhatUpstreamListed(@ForAll("scenarios") Scenario scenario) {
        SyncCounts counts = forcedPlan(scenario).counts();

        assertThat(counts.added() + counts.updated() + counts.reactivated() + counts.unchanged())
                .isEqualTo(scenario.snapshot().models().size());
        assertThat(counts.skippedInvalid())
                .isEqualTo(scenario.snapshot().invalidEntries().size());
    }

    // ---- guards

    @Provide
    Arbitrary<SyncGuards> guards() {
        return Combinators.combine(
                        Arbitraries.integers().between(0, 100),
                        Arbitraries.integers().between(0, 100))
                .as((min, max) -> new SyncGuards(min / 100.0, max / 100.0));
    }

    @Property(tries = 300)
    void anUnforcedPlanNeverDeactivatesMoreThanTheMaximumRatio(
            @ForAll("scenarios") Scenario scenario, @ForAll("guards") SyncGuards guards) {
        Reconciliation result = reconciler.reconcile(scenario.catalog().values(), scenario.snapshot(), guards, false);

        if (result instanceof Reconciliation.Planned planned && scenario.present() > 0) {
            BigDecimal limit =
                    BigDecimal.valueOf(guards.maxDeactivationRatio()).multiply(BigDecimal.valueOf(scenario.present()));
            assertThat(BigDecimal.valueOf(planned.plan().deactivated().size())).isLessThanOrEqualTo(limit);
        }
    }

    @Property(tries = 300)
    void anUnforcedPlanAlwaysHadEnoughUpstreamEntries(
            @ForAll("scenarios") Scenario scenario, @ForAll("guards") SyncGuards guards) {
        Reconciliation result = reconciler.reconcile(scenario.catalog().values(), scenario.snapshot(), guards, false);

        if (result instanceof Reconciliation.Planned && scenario.present() > 0) {
            BigDecimal minimum =
                    BigDecimal.valueOf(guards.minUpstreamRatio()).multiply(BigDecimal.valueOf(scenario.present()));
            assertThat(BigDecimal.valueOf(scenario.snapshot().models().size())).isGreaterThanOrEqualTo(minimum);
        }
    }

    @Property(tries = 300)
    void forceChangesTheOutcomeOnlyWhenAForceableGuardTripped(
            @ForAll("scenarios") Scenario scenario, @ForAll("guards") SyncGuards guards) {
        Reconciliation unforced = reconciler.reconcile(scenario.catalog().values(), scenario.snapshot(), guards, false);
        Reconciliation forced = reconciler.reconcile(scenario.catalog().values(), scenario.snapshot(), guards, true);

        switch (unforced) {
            case Reconciliation.Planned planned -> assertThat(forced).isEqualTo(planned);
            case Reconciliation.Aborted aborted
            when aborted.reason().forceable() -> assertThat(forced).isInstanceOf(Reconciliation.Planned.class);
            case Reconciliation.Aborted aborted -> assertThat(forced).isEqualTo(aborted);
        }
    }

    @Property(tries = 300)
    void anEmptyOrDuplicatedListIsNeverPlannedEvenWhenForced(
            @ForAll("scenarios") Scenario scenario, @ForAll("guards") SyncGuards guards) {
        List<UpstreamModel> models = new ArrayList<>(scenario.snapshot().models());
        Assume.that(!models.isEmpty());
        models.add(models.get(0));
        UpstreamSnapshot duplicated =
                new UpstreamSnapshot(models, scenario.snapshot().invalidEntries());
        UpstreamSnapshot empty =
                new UpstreamSnapshot(List.of(), scenario.snapshot().invalidEntries());

        assertThat(reconciler.reconcile(scenario.catalog().values(), duplicated, guards, true))
                .isEqualTo(new Reconciliation.Aborted(
                        AbortReason.DUPLICATE_ID,
                        "Upstream listed the model '" + models.get(0).id() + "' more than once"));
        assertThat(reconciler.reconcile(scenario.catalog().values(), empty, guards, true))
                .isInstanceOfSatisfying(
                        Reconciliation.Aborted.class,
                        aborted -> assertThat(aborted.reason()).isEqualTo(AbortReason.EMPTY_UPSTREAM));
    }
}
