package dev.modelaccess.testsupport.policy;

import static dev.modelaccess.testsupport.contract.SampleModels.model;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modelaccess.core.access.AdminChange;
import dev.modelaccess.core.access.ModelAdministration;
import dev.modelaccess.core.catalog.CatalogModel;
import dev.modelaccess.core.catalog.ModelStatus;
import dev.modelaccess.core.catalog.TierFlags;
import dev.modelaccess.core.catalog.UpstreamModel;
import dev.modelaccess.core.policy.CatalogRuleCache;
import dev.modelaccess.core.policy.InvalidRuleException;
import dev.modelaccess.core.policy.PendingRules;
import dev.modelaccess.core.policy.RuleOutcome;
import dev.modelaccess.core.policy.RulePreview;
import dev.modelaccess.core.policy.RuleSet;
import dev.modelaccess.core.sync.EventKind;
import dev.modelaccess.core.sync.ModelCatalogReconciler;
import dev.modelaccess.core.sync.ModelEvent;
import dev.modelaccess.core.sync.Reconciliation;
import dev.modelaccess.core.sync.SyncGuards;
import dev.modelaccess.core.sync.SyncPlan;
import dev.modelaccess.core.sync.SyncRun;
import dev.modelaccess.core.sync.SyncRunStatus;
import dev.modelaccess.core.sync.SyncTrigger;
import dev.modelaccess.core.sync.UpstreamSnapshot;
import dev.modelaccess.testsupport.memory.InMemoryModelAccessStore;
import dev.modelaccess.testsupport.time.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class RulePreviewAndPendingTest {

    static final Instant DAY1 = Instant.parse("2025-06-01T03:00:00Z");

    final MutableClock clock = new MutableClock(DAY1);
    final InMemoryModelAccessStore store = new InMemoryModelAccessStore(clock);
    final InMemoryCatalogRules rules = new InMemoryCatalogRules();
    final RuleSet issueRules = RuleSet.of(PolicySamples.issueRules());
    final List<UpstreamModel> upstream = new ArrayList<>();

    static final UpstreamModel SONNET =
            model("anthropic/claude-3.5-sonnet").price("prompt", "0.000003").build();
    static final UpstreamModel FREE =
            model("meta-llama/llama-3.3-70b-instruct:free").build();
    static final UpstreamModel MISTRAL = model("mistralai/mistral-large").build();
    static final UpstreamModel GPT =
            model("openai/gpt-4o").price("prompt", "0.0000025").build();

    /** A plain sync (no policy) that adds {@code models}, recorded as a succeeded run, one day after the last. */
    void syncAdding(UpstreamModel... models) {
        upstream.addAll(List.of(models));
        Instant at = clock.instant();
        store.inTransaction(tx -> {
            Reconciliation result = new ModelCatalogReconciler(clock)
                    .reconcile(tx.loadCatalog(), UpstreamSnapshot.of(upstream), new SyncGuards(0, 1), true);
            SyncPlan plan = ((Reconciliation.Planned) result).plan();
            tx.applySyncPlan(plan, at);
            tx.appendEvents(plan.events());
            tx.recordRun(new SyncRun(
                    UUID.randomUUID(), SyncTrigger.SCHEDULE, SyncRunStatus.SUCCEEDED, at, at, plan.counts(), null));
            return null;
        });
        clock.advance(Duration.ofDays(1));
    }

    CatalogModel row(String id) {
        return store.findModel(id).orElseThrow();
    }

    @Test
    void thePreviewCountsWhatADraftWouldDoToPendingAndRecentModelsAndWritesNothing() {
        syncAdding(SONNET, MISTRAL);
        syncAdding(FREE, GPT);
        new ModelAdministration(store, clock)
                .update(new AdminChange(GPT.id(), ModelStatus.DISABLED, null, null, null), "admin");
        long writes = store.committedRowWrites();

        RulePreview.Result preview = new RulePreview(store).preview(issueRules, 1);

        RuleOutcome pending = preview.pending();
        assertThat(pending.models())
                .extracting(RuleOutcome.Entry::modelId)
                .containsExactly(SONNET.id(), FREE.id(), MISTRAL.id());
        assertThat(List.of(pending.approve(), pending.disable(), pending.review(), pending.unmatched()))
                .containsExactly(2, 0, 1, 0);
        assertThat(List.of(pending.free(), pending.pro(), pending.enterprise())).containsExactly(1, 1, 1);
        RuleOutcome recent = preview.recent();
        assertThat(recent.models())
                .as("added by the last sync, whatever their status now")
                .extracting(RuleOutcome.Entry::modelId)
                .containsExactly(FREE.id(), GPT.id());
        assertThat(recent.approve()).isEqualTo(2);
        assertThat(preview.since()).contains(DAY1.plus(Duration.ofDays(1)));
        assertThat(store.committedRowWrites()).isEqualTo(writes);
        assertThat(row(SONNET.id()).status()).isEqualTo(ModelStatus.NEW);
    }

    @Test
    void aPreviewOfTwoSyncsReachesBackToTheFirst() {
        syncAdding(SONNET);
        syncAdding(FREE);

        RulePreview.Result preview = new RulePreview(store).preview(RuleSet.EMPTY, 2);

        assertThat(preview.recent().models()).hasSize(2);
        assertThat(preview.recent().unmatched()).isEqualTo(2);
    }

    @Test
    void aPreviewAskingForTooManySyncsIsRefusedNamingTheField() {
        assertThatThrownBy(() -> new RulePreview(store).preview(issueRules, 101))
                .isInstanceOfSatisfying(
                        InvalidRuleException.class, e -> assertThat(e.field()).isEqualTo("syncs"));
        assertThatThrownBy(() -> new RulePreview(store).preview(issueRules, -1))
                .isInstanceOf(InvalidRuleException.class);
    }

    @Test
    void applyingToPendingModelsDryRunFirstThenForReal() {
        syncAdding(SONNET, MISTRAL, FREE);
        new ModelAdministration(store, clock).update(new AdminChange(FREE.id(), null, null, true, null), "admin");
        rules.replace(issueRules);
        PendingRules pendingRules = new PendingRules(store, new CatalogRuleCache(rules), clock);
        long writes = store.committedRowWrites();

        PendingRules.Applied dryRun = pendingRules.apply(true);

        assertThat(dryRun.dryRun()).isTrue();
        assertThat(dryRun.pending())
                .as("a model an admin gave a tier is not pending")
                .isEqualTo(2);
        assertThat(dryRun.decisions())
                .extracting(decision -> decision.rule().name())
                .containsExactly("big-labs-affordable", "rest-to-review");
        assertThat(store.committedRowWrites()).isEqualTo(writes);

        PendingRules.Applied applied = pendingRules.apply(false);

        assertThat(applied.decisions()).hasSize(2);
        assertThat(row(SONNET.id()).status()).isEqualTo(ModelStatus.ACTIVE);
        assertThat(row(SONNET.id()).tiers()).isEqualTo(new TierFlags(false, true, true));
        assertThat(row(MISTRAL.id()).status()).isEqualTo(ModelStatus.NEW);
        assertThat(row(FREE.id()).status()).isEqualTo(ModelStatus.NEW);
        assertThat(store.eventsOf(MISTRAL.id(), 1))
                .extracting(ModelEvent::kind, ModelEvent::actor)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(EventKind.LEFT_FOR_REVIEW, "rule:rest-to-review"));
    }

    @Test
    void theRuleCacheServesFromMemoryUntilReloaded() {
        CatalogRuleCache cache = new CatalogRuleCache(rules);
        assertThat(cache.get().isEmpty()).isTrue();
        rules.replace(issueRules);

        assertThat(cache.get().isEmpty()).as("not reloaded yet").isTrue();
        assertThat(rules.loads()).isEqualTo(1);

        cache.reloadQuietly();

        assertThat(cache.get()).isEqualTo(issueRules);
        assertThat(rules.loads()).isEqualTo(2);
    }

    @Test
    void aRuleCacheWhoseStoreFailsKeepsThePreviousRules() {
        CatalogRuleCache cache = new CatalogRuleCache(new dev.modelaccess.core.policy.CatalogRules() {
            private boolean loaded;

            @Override
            public RuleSet load() {
                if (loaded) {
                    throw dev.modelaccess.core.StoreException.of("down");
                }
                loaded = true;
                return issueRules;
            }

            @Override
            public void replace(RuleSet rules) {
                throw new UnsupportedOperationException();
            }
        });
        cache.get();

        cache.reloadQuietly();

        assertThat(cache.get()).isEqualTo(issueRules);
    }
}
