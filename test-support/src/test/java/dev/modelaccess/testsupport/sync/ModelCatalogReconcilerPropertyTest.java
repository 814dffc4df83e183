package dev.modelaccess.testsupport.sync;

import static dev.modelaccess.testsupport.fixtures.TestModels.row;
import static dev.modelaccess.testsupport.fixtures.TestModels.upstream;
import static org.assertj.core.api.Assertions.assertThat;

import dev.modelaccess.core.catalog.CatalogModel;
import dev.modelaccess.core.catalog.ModelStatus;
import dev.modelaccess.core.catalog.TierFlags;
import dev.modelaccess.core.catalog.UpstreamModel;
import dev.modelaccess.core.sync.AbortReason;
import dev.modelaccess.core.sync.InvalidEntry;
import dev.modelaccess.core.sync.ModelCatalogReconciler;
import dev.modelaccess.core.sync.ModelEvent;
import dev.modelaccess.core.sync.Reconciliation;
import dev.modelaccess.core.sync.SyncCounts;
import dev.modelaccess.core.sync.SyncGuards;
import dev.modelaccess.core.sync.SyncPlan;
import dev.modelaccess.core.sync.UpstreamSnapshot;
import dev.modelaccess.testsupport.memory.InMemoryModelAccessStore;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.random.RandomGenerator;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Properties of the reconciler over random catalogs (every status, random flags, random history) and random
 * snapshots (overlaps, removals, returns, price and name changes, unreadable entries).
 *
 * <p>Each property runs {@value #TRIES} times, each time on a scenario drawn from its own seed. A failure names
 * its seed; {@code -Dproperty.seed=<seed>} runs every property on that seed alone to replay it.
 */
class ModelCatalogReconcilerPropertyTest {

    static final int TRIES = 300;

    /** The seeds of one run: {@code -Dproperty.seed} alone, else {@value #TRIES} drawn from a random start. */
    static Stream<Long> seeds() {
        String replay = System.getProperty("property.seed");
        if (replay != null && !replay.isBlank()) {
            return Stream.of(Long.parseLong(replay.trim()));
        }
        Random start = new Random();
        return LongStream.generate(start::nextLong).limit(TRIES).boxed();
    }

    /** A property over the seeds of {@link #seeds()}, each try named by its seed. */
    @Target(ElementType.METHOD)
    @Retention(RetentionPolicy.RUNTIME)
    @ParameterizedTest(name = "seed {0}")
    @MethodSource("dev.modelaccess.testsupport.sync.ModelCatalogReconcilerPropertyTest#seeds")
    @interface Property {}

    static void forListingScenario(long seed, Consumer<Scenario> property) {
        forSeed(seed, random -> property.accept(listingScenario(random)));
    }

    static void forScenarioAndGuards(long seed, BiConsumer<Scenario, SyncGuards> property) {
        forSeed(seed, random -> property.accept(scenario(random), guards(random)));
    }

    static void forListingScenarioAndGuards(long seed, BiConsumer<Scenario, SyncGuards> property) {
        forSeed(seed, random -> property.accept(listingScenario(random), guards(random)));
    }

    /** Runs {@code property} on a generator seeded with {@code seed}, naming the seed if it fails. */
    static void forSeed(long seed, Consumer<RandomGenerator> property) {
        try {
            property.accept(new Random(seed));
        } catch (AssertionError | RuntimeException failure) {
            throw new AssertionError(
                    "Property failed for seed " + seed + "; replay it with -Dproperty.seed=" + seed, failure);
        }
    }

    static final Instant NOW = Instant.parse("2025-06-01T03:00:00Z");

    final ModelCatalogReconciler reconciler = new ModelCatalogReconciler(Clock.fixed(NOW, ZoneOffset.UTC));

    /** The catalog after test-support's in-memory store applied {@code plan} at {@link #NOW}. */
    static Map<String, CatalogModel> applied(Map<String, CatalogModel> catalog, SyncPlan plan) {
        InMemoryModelAccessStore store =
                new InMemoryModelAccessStore(Clock.fixed(NOW, ZoneOffset.UTC)).seed(catalog.values());
        store.inTransaction(tx -> {
            tx.applySyncPlan(plan, NOW);
            return null;
        });
        Map<String, CatalogModel> rows = new TreeMap<>();
        store.loadCatalog().forEach(row -> rows.put(row.modelId(), row));
        return rows;
    }

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

    static <T> T oneOf(RandomGenerator random, List<T> values) {
        return values.get(random.nextInt(values.size()));
    }

    static RowSpec rowSpec(RandomGenerator random) {
        ModelStatus status = oneOf(random, List.of(ModelStatus.values()));
        ModelStatus before = random.nextInt(10) == 0
                ? null
                : oneOf(random, List.of(ModelStatus.NEW, ModelStatus.ACTIVE, ModelStatus.DISABLED));
        var tiers = new TierFlags(random.nextBoolean(), random.nextBoolean(), random.nextBoolean());
        return new RowSpec(status, before, tiers, random.nextInt(4));
    }

    /** Upstream lists a model 6 times in 10, leaves it out 3 times, and sends it unreadable once. */
    static Upstream upstreamOf(RandomGenerator random) {
        int draw = random.nextInt(10);
        return draw < 6 ? Upstream.PRESENT : draw < 9 ? Upstream.ABSENT : Upstream.UNREADABLE;
    }

    /** Up to 40 slots, each with a catalog row 7 times in 10; small catalogs (and the empty one) come often. */
    static Scenario scenario(RandomGenerator random) {
        int size = random.nextInt(4) == 0 ? random.nextInt(4) : random.nextInt(41);
        List<Slot> slots = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            RowSpec row = random.nextInt(10) < 3 ? null : rowSpec(random);
            slots.add(new Slot(row, upstreamOf(random), random.nextInt(4)));
        }
        return scenario(slots);
    }

    /** A scenario whose snapshot lists at least one model (drawn again from the same generator until it does). */
    static Scenario listingScenario(RandomGenerator random) {
        Scenario scenario = scenario(random);
        while (scenario.snapshot().models().isEmpty()) {
            scenario = scenario(random);
        }
        return scenario;
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
        Reconciliation result =
                reconciler.reconcile(scenario.catalog().values(), scenario.snapshot(), SyncGuards.DEFAULTS, true);
        assertThat(result).isInstanceOf(Reconciliation.Planned.class);
        return ((Reconciliation.Planned) result).plan();
    }

    @Property
    void reconcilingTheSameSnapshotAgainAfterApplyingChangesNothing(long seed) {
        forListingScenario(seed, scenario -> {
            SyncPlan first = forcedPlan(scenario);
            Map<String, CatalogModel> applied = applied(scenario.catalog(), first);

            Reconciliation again =
                    reconciler.reconcile(applied.values(), scenario.snapshot(), SyncGuards.DEFAULTS, false);

            long presentAfter = applied.values().stream()
                    .filter(model -> model.status() != ModelStatus.INACTIVE)
                    .count();
            BigDecimal readableMinimum = BigDecimal.valueOf(SyncGuards.DEFAULTS.minUpstreamRatio())
                    .multiply(BigDecimal.valueOf(presentAfter));
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
        });
    }

    @Property
    void aPlanNeverChangesAdminOwnedStateBeyondTheInactiveTransitions(long seed) {
        forListingScenario(seed, scenario -> {
            Map<String, CatalogModel> applied = applied(scenario.catalog(), forcedPlan(scenario));

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
        });
    }

    @Property
    void thePlanReportsTheStatusesItMovesFromAndTo(long seed) {
        forListingScenario(seed, scenario -> {
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
        });
    }

    @Property
    void noModelPresentUpstreamEndsInactive(long seed) {
        forListingScenario(seed, scenario -> {
            Map<String, CatalogModel> applied = applied(scenario.catalog(), forcedPlan(scenario));

            for (String id : scenario.upstreamIds()) {
                assertThat(applied.get(id).status()).as(id).isNotEqualTo(ModelStatus.INACTIVE);
                assertThat(applied.get(id).upstream())
                        .isEqualTo(scenario.snapshot().models().stream()
                                .filter(model -> model.id().equals(id))
                                .findFirst()
                                .orElseThrow());
            }
        });
    }

    @Property
    void everyModelAbsentUpstreamEndsInactive(long seed) {
        forListingScenario(seed, scenario -> {
            Map<String, CatalogModel> applied = applied(scenario.catalog(), forcedPlan(scenario));
            Set<String> listed = new HashSet<>(scenario.upstreamIds());
            listed.addAll(scenario.unreadableIds());

            applied.forEach((id, row) -> {
                if (!listed.contains(id)) {
                    assertThat(row.status()).as(id).isEqualTo(ModelStatus.INACTIVE);
                }
            });
        });
    }

    @Property
    void aRowWhoseUpstreamEntryIsUnreadableIsLeftExactlyAsItWas(long seed) {
        forListingScenario(seed, scenario -> {
            Map<String, CatalogModel> applied = applied(scenario.catalog(), forcedPlan(scenario));

            for (String id : scenario.unreadableIds()) {
                assertThat(applied.get(id)).as(id).isSameAs(scenario.catalog().get(id));
            }
        });
    }

    @Property
    void aPresentModelWhoseDescriptionDidNotChangeIsNotWritten(long seed) {
        forListingScenario(seed, scenario -> {
            SyncPlan plan = forcedPlan(scenario);
            Map<String, CatalogModel> applied = applied(scenario.catalog(), plan);
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
        });
    }

    @Property
    void theCountsAddUpToWhatUpstreamListed(long seed) {
        forListingScenario(seed, scenario -> {
            SyncCounts counts = forcedPlan(scenario).counts();

            assertThat(counts.added() + counts.updated() + counts.reactivated() + counts.unchanged())
                    .isEqualTo(scenario.snapshot().models().size());
            assertThat(counts.skippedInvalid())
                    .isEqualTo(scenario.snapshot().invalidEntries().size());
        });
    }

    // ---- guards

    /** Ratios in whole percent; the bounds 0 and 1 come one time in five. */
    static double ratio(RandomGenerator random) {
        return random.nextInt(5) == 0 ? random.nextInt(2) : random.nextInt(101) / 100.0;
    }

    static SyncGuards guards(RandomGenerator random) {
        return new SyncGuards(ratio(random), ratio(random));
    }

    @Property
    void anUnforcedPlanNeverDeactivatesMoreThanTheMaximumRatio(long seed) {
        forScenarioAndGuards(seed, (scenario, guards) -> {
            Reconciliation result =
                    reconciler.reconcile(scenario.catalog().values(), scenario.snapshot(), guards, false);

            if (result instanceof Reconciliation.Planned planned && scenario.present() > 0) {
                BigDecimal limit = BigDecimal.valueOf(guards.maxDeactivationRatio())
                        .multiply(BigDecimal.valueOf(scenario.present()));
                assertThat(BigDecimal.valueOf(planned.plan().deactivated().size()))
                        .isLessThanOrEqualTo(limit);
            }
        });
    }

    @Property
    void anUnforcedPlanAlwaysHadEnoughUpstreamEntries(long seed) {
        forScenarioAndGuards(seed, (scenario, guards) -> {
            Reconciliation result =
                    reconciler.reconcile(scenario.catalog().values(), scenario.snapshot(), guards, false);

            if (result instanceof Reconciliation.Planned && scenario.present() > 0) {
                BigDecimal minimum =
                        BigDecimal.valueOf(guards.minUpstreamRatio()).multiply(BigDecimal.valueOf(scenario.present()));
                assertThat(BigDecimal.valueOf(scenario.snapshot().models().size()))
                        .isGreaterThanOrEqualTo(minimum);
            }
        });
    }

    @Property
    void forceChangesTheOutcomeOnlyWhenAForceableGuardTripped(long seed) {
        forScenarioAndGuards(seed, (scenario, guards) -> {
            Reconciliation unforced =
                    reconciler.reconcile(scenario.catalog().values(), scenario.snapshot(), guards, false);
            Reconciliation forced =
                    reconciler.reconcile(scenario.catalog().values(), scenario.snapshot(), guards, true);

            switch (unforced) {
                case Reconciliation.Planned planned -> assertThat(forced).isEqualTo(planned);
                case Reconciliation.Aborted aborted
                when aborted.reason().forceable() -> assertThat(forced).isInstanceOf(Reconciliation.Planned.class);
                case Reconciliation.Aborted aborted -> assertThat(forced).isEqualTo(aborted);
            }
        });
    }

    @Property
    void anEmptyOrDuplicatedListIsNeverPlannedEvenWhenForced(long seed) {
        forListingScenarioAndGuards(seed, (scenario, guards) -> {
            List<UpstreamModel> models = new ArrayList<>(scenario.snapshot().models());
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
        });
    }
}
