package dev.modelaccess.testsupport.sync;

import static dev.modelaccess.testsupport.contract.SampleModels.model;
import static org.assertj.core.api.Assertions.assertThat;

import dev.modelaccess.core.access.AdminChange;
import dev.modelaccess.core.access.ModelAdministration;
import dev.modelaccess.core.catalog.Architecture;
import dev.modelaccess.core.catalog.CatalogModel;
import dev.modelaccess.core.catalog.ModelStatus;
import dev.modelaccess.core.catalog.TierFlags;
import dev.modelaccess.core.catalog.UpstreamModel;
import dev.modelaccess.core.policy.CatalogPolicy;
import dev.modelaccess.core.policy.CatalogRuleCache;
import dev.modelaccess.core.policy.HoldReview;
import dev.modelaccess.core.policy.PriceHolds;
import dev.modelaccess.core.policy.ReviewHold;
import dev.modelaccess.core.policy.RuleSet;
import dev.modelaccess.core.sync.CatalogSync;
import dev.modelaccess.core.sync.EventKind;
import dev.modelaccess.core.sync.ModelEvent;
import dev.modelaccess.core.sync.SyncGuards;
import dev.modelaccess.core.sync.SyncOutcome;
import dev.modelaccess.core.sync.SyncTrigger;
import dev.modelaccess.testsupport.fixtures.FaultyStore;
import dev.modelaccess.testsupport.memory.InMemoryModelAccessStore;
import dev.modelaccess.testsupport.policy.InMemoryCatalogRules;
import dev.modelaccess.testsupport.policy.PolicySamples;
import dev.modelaccess.testsupport.time.MutableClock;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class CatalogSyncPolicyTest {

    static final Instant NOW = Instant.parse("2025-06-01T03:00:00Z");
    static final String ADMIN = "admin-1";

    final MutableClock clock = new MutableClock(NOW);
    final InMemoryModelAccessStore memory = new InMemoryModelAccessStore(clock);
    final FaultyStore store = new FaultyStore(memory);
    final FakeCatalogSource source = new FakeCatalogSource();
    final InMemoryCatalogRules rules = new InMemoryCatalogRules();
    final CatalogRuleCache cache = new CatalogRuleCache(rules);
    final CatalogSync sync = new CatalogSync(
            source,
            store,
            new SyncGuards(0, 1),
            clock,
            java.util.UUID::randomUUID,
            new CatalogPolicy(cache, PriceHolds.DEFAULT));

    static final UpstreamModel SONNET = model("anthropic/claude-3.5-sonnet")
            .price("prompt", "0.000003")
            .price("completion", "0.000015")
            .build();
    static final UpstreamModel OPUS = model("anthropic/claude-opus-4")
            .price("prompt", "0.000015")
            .price("completion", "0.000075")
            .build();
    static final UpstreamModel LLAMA_FREE =
            model("meta-llama/llama-3.3-70b-instruct:free").build();
    static final UpstreamModel IMAGE = model("google/gemini-2.5-flash-image")
            .architecture(new Architecture("text->image", List.of("text"), List.of("image", "text"), null, null))
            .build();

    void runSync(UpstreamModel... upstream) {
        source.answer(upstream);
        assertThat(sync.run(SyncTrigger.SCHEDULE, false)).isInstanceOf(SyncOutcome.Succeeded.class);
    }

    CatalogModel row(String modelId) {
        return memory.findModel(modelId).orElseThrow();
    }

    List<ModelEvent> history(String modelId) {
        return memory.eventsOf(modelId, 50).reversed();
    }

    @Nested
    class Rules {

        @Test
        void decideTheModelsASyncAddsEachDecisionNamingItsRule() {
            rules.replace(RuleSet.of(PolicySamples.issueRules()));

            runSync(SONNET, OPUS, LLAMA_FREE, IMAGE);

            assertThat(row(SONNET.id()).status()).isEqualTo(ModelStatus.ACTIVE);
            assertThat(row(SONNET.id()).tiers()).isEqualTo(new TierFlags(false, true, true));
            assertThat(row(SONNET.id()).reviewedBy()).isEqualTo("rule:big-labs-affordable");
            assertThat(row(LLAMA_FREE.id()).status()).isEqualTo(ModelStatus.ACTIVE);
            assertThat(row(LLAMA_FREE.id()).tiers()).isEqualTo(new TierFlags(true, false, false));
            assertThat(row(IMAGE.id()).status()).isEqualTo(ModelStatus.DISABLED);
            assertThat(row(OPUS.id()).status()).isEqualTo(ModelStatus.NEW);
            assertThat(row(OPUS.id()).tiers()).isEqualTo(TierFlags.NONE);

            assertThat(history(SONNET.id()))
                    .extracting(ModelEvent::kind, ModelEvent::actor)
                    .containsExactly(
                            org.assertj.core.groups.Tuple.tuple(EventKind.ADDED, ModelEvent.SYNC_ACTOR),
                            org.assertj.core.groups.Tuple.tuple(EventKind.STATUS_CHANGED, "rule:big-labs-affordable"),
                            org.assertj.core.groups.Tuple.tuple(EventKind.TIERS_CHANGED, "rule:big-labs-affordable"));
            assertThat(history(OPUS.id()))
                    .extracting(ModelEvent::kind, ModelEvent::actor)
                    .containsExactly(
                            org.assertj.core.groups.Tuple.tuple(EventKind.ADDED, ModelEvent.SYNC_ACTOR),
                            org.assertj.core.groups.Tuple.tuple(EventKind.LEFT_FOR_REVIEW, "rule:rest-to-review"));
            assertThat(history(IMAGE.id()).getLast().after()).containsEntry("status", "disabled");
        }

        @Test
        void neverTouchAModelAlreadyInTheCatalog() {
            runSync(SONNET, OPUS);
            new ModelAdministration(memory, clock)
                    .update(new AdminChange(OPUS.id(), ModelStatus.DISABLED, null, null, null), ADMIN);
            rules.replace(RuleSet.of(PolicySamples.issueRules()));
            cache.reload();

            runSync(SONNET, OPUS, LLAMA_FREE);

            assertThat(row(SONNET.id()).status())
                    .as("pending, but not added by this run")
                    .isEqualTo(ModelStatus.NEW);
            assertThat(row(OPUS.id()).status()).as("the admin's decision").isEqualTo(ModelStatus.DISABLED);
            assertThat(row(LLAMA_FREE.id()).status()).isEqualTo(ModelStatus.ACTIVE);
        }

        @Test
        void withoutRulesAddedModelsStayNew() {
            runSync(SONNET, LLAMA_FREE);

            assertThat(row(SONNET.id()).status()).isEqualTo(ModelStatus.NEW);
            assertThat(history(SONNET.id())).extracting(ModelEvent::kind).containsExactly(EventKind.ADDED);
        }

        @Test
        void aFailureAfterTheDecisionsRollsThemBackWithTheRun() {
            rules.replace(RuleSet.of(PolicySamples.issueRules()));
            store.failRecordingRuns = true;

            source.answer(SONNET);
            SyncOutcome outcome = sync.run(SyncTrigger.SCHEDULE, false);

            assertThat(outcome).isInstanceOf(SyncOutcome.Failed.class);
            assertThat(memory.findModel(SONNET.id())).isEmpty();
            assertThat(memory.allEvents()).isEmpty();
        }
    }

    @Nested
    class PriceHoldsOnActiveModels {

        void approved(UpstreamModel model, TierFlags tiers) {
            runSync(model);
            new ModelAdministration(memory, clock)
                    .update(
                            new AdminChange(
                                    model.id(), ModelStatus.ACTIVE, tiers.free(), tiers.pro(), tiers.enterprise()),
                            ADMIN);
        }

        @Test
        void aPriceThatMoreThanDoublesIsHeldWithItsOldAndNewPrices() {
            approved(SONNET, new TierFlags(false, true, true));
            UpstreamModel dearer = dev.modelaccess.testsupport.contract.SampleModels.from(SONNET)
                    .price("prompt", "0.0000061")
                    .build();

            runSync(dearer);

            List<ReviewHold> holds = memory.pending();
            assertThat(holds).singleElement().satisfies(hold -> {
                assertThat(hold.reason()).isEqualTo(ReviewHold.HoldReason.PRICE_ROSE);
                assertThat(hold.oldPrompt()).isEqualByComparingTo("0.000003");
                assertThat(hold.newPrompt()).isEqualByComparingTo("0.0000061");
            });
            assertThat(row(SONNET.id()).tiers()).as("paying tiers keep it").isEqualTo(new TierFlags(false, true, true));
            ModelEvent event = history(SONNET.id()).getLast();
            assertThat(event.kind()).isEqualTo(EventKind.PRICE_HOLD);
            assertThat(event.actor()).isEqualTo(ModelEvent.SYNC_ACTOR);
            assertThat(event.before())
                    .containsAllEntriesOf(
                            Map.of("reason", "price_rose", "prompt_per_million", "3", "completion_per_million", "15"));
            assertThat(event.after()).containsEntry("prompt_per_million", "6.1");
        }

        @Test
        void aRiseOfExactlyTheFactorIsNotHeld() {
            approved(SONNET, new TierFlags(false, true, true));

            runSync(dev.modelaccess.testsupport.contract.SampleModels.from(SONNET)
                    .price("prompt", "0.000006")
                    .price("completion", "0.00003")
                    .build());

            assertThat(memory.pending()).isEmpty();
        }

        @Test
        void aFreeModelThatBecamePaidLeavesTheFreeTierAtOnce() {
            UpstreamModel free = model("x/cypher")
                    .price("prompt", "0")
                    .price("completion", "0")
                    .build();
            approved(free, new TierFlags(true, true, false));

            runSync(dev.modelaccess.testsupport.contract.SampleModels.from(free)
                    .price("prompt", "0.0000001")
                    .build());

            assertThat(row(free.id()).tiers()).isEqualTo(new TierFlags(false, true, false));
            assertThat(row(free.id()).status()).isEqualTo(ModelStatus.ACTIVE);
            assertThat(memory.pending())
                    .extracting(ReviewHold::reason)
                    .containsExactly(ReviewHold.HoldReason.BECAME_PAID);
            assertThat(history(free.id()))
                    .extracting(ModelEvent::kind)
                    .endsWith(EventKind.PRICE_HOLD, EventKind.TIERS_CHANGED);
        }

        @Test
        void aModelNotActiveIsNotHeld() {
            runSync(SONNET);

            runSync(dev.modelaccess.testsupport.contract.SampleModels.from(SONNET)
                    .price("prompt", "0.0001")
                    .build());

            assertThat(memory.pending()).isEmpty();
        }

        @Test
        void theAdminClearsAHoldAndTheHistorySaysWho() {
            approved(SONNET, new TierFlags(false, true, true));
            runSync(dev.modelaccess.testsupport.contract.SampleModels.from(SONNET)
                    .price("completion", "0.0001")
                    .build());

            ReviewHold cleared = new HoldReview(memory, clock).clear(SONNET.id(), ADMIN);

            assertThat(cleared.reason()).isEqualTo(ReviewHold.HoldReason.PRICE_ROSE);
            assertThat(memory.pending()).isEmpty();
            assertThat(history(SONNET.id()).getLast().kind()).isEqualTo(EventKind.HOLD_CLEARED);
            assertThat(history(SONNET.id()).getLast().actor()).isEqualTo(ADMIN);
        }

        @Test
        void clearingAModelWithoutHoldIsRefusedAndWritesNothing() {
            approved(SONNET, new TierFlags(false, true, true));
            int events = memory.allEvents().size();

            org.assertj.core.api.Assertions.assertThatThrownBy(
                            () -> new HoldReview(memory, clock).clear(SONNET.id(), ADMIN))
                    .isInstanceOf(HoldReview.NoHoldException.class);
            assertThat(memory.allEvents()).hasSize(events);
        }

        @Test
        void theFactorIsConfigurable() {
            assertThat(new PriceHolds(new BigDecimal("1.5"))
                            .find(
                                    activeRow(SONNET),
                                    dev.modelaccess.testsupport.contract.SampleModels.from(SONNET)
                                            .price("prompt", "0.0000046")
                                            .build(),
                                    NOW))
                    .isPresent();
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> new PriceHolds(new BigDecimal("0.9")))
                    .isInstanceOf(IllegalArgumentException.class);
        }

        CatalogModel activeRow(UpstreamModel model) {
            return new CatalogModel(
                    java.util.UUID.randomUUID(),
                    model,
                    "x",
                    ModelStatus.ACTIVE,
                    null,
                    new TierFlags(false, true, false),
                    NOW,
                    NOW,
                    null,
                    NOW,
                    null,
                    null,
                    NOW,
                    NOW);
        }
    }
}
