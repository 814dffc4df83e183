package dev.modelaccess.testsupport.contract;

import static dev.modelaccess.testsupport.contract.SampleModels.model;
import static org.assertj.core.api.Assertions.assertThat;

import dev.modelaccess.core.catalog.CatalogModel;
import dev.modelaccess.core.catalog.ModelStatus;
import dev.modelaccess.core.catalog.TierFlags;
import dev.modelaccess.core.catalog.UpstreamModel;
import dev.modelaccess.core.sync.SyncPlan;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The sync's writes: additions, refreshes, deactivations and returns, each as the port documents. */
public abstract class SyncApplyContract extends StoreContract {

    @Test
    void anAddedModelIsNewWithEveryTierOffAndSeenNow() {
        sync(T1, model("openai/gpt-4o").build());

        CatalogModel added = row("openai/gpt-4o");
        assertThat(added.id()).isNotNull();
        assertThat(added.status()).isEqualTo(ModelStatus.NEW);
        assertThat(added.statusBeforeInactive()).isNull();
        assertThat(added.tiers()).isEqualTo(TierFlags.NONE);
        assertThat(added.firstSeenAt()).isEqualTo(T1);
        assertThat(added.lastSeenAt()).isEqualTo(T1);
        assertThat(added.removedAt()).isNull();
        assertThat(added.reviewedBy()).isNull();
        assertThat(added.reviewedAt()).isNull();
        assertThat(added.createdAt()).isNotNull();
        assertThat(added.updatedAt()).isNotNull();
    }

    @Test
    void aRefreshWritesTheUpstreamDescriptionAndKeepsStatusFlagsAndReview() {
        sync(T1, model("openai/gpt-4o").name("GPT-4o").build());
        approve(T1, "openai/gpt-4o", ModelStatus.ACTIVE, new TierFlags(true, false, true));
        CatalogModel before = row("openai/gpt-4o");
        UpstreamModel changed = model("openai/gpt-4o")
                .name("OpenAI: GPT-4o")
                .price("prompt", "0.000002")
                .build();

        sync(T2, changed);

        CatalogModel after = row("openai/gpt-4o");
        assertRoundTrips(changed);
        assertThat(after.id()).isEqualTo(before.id());
        assertThat(after.status()).isEqualTo(ModelStatus.ACTIVE);
        assertThat(after.tiers()).isEqualTo(new TierFlags(true, false, true));
        assertThat(after.reviewedBy()).isEqualTo(ADMIN);
        assertThat(after.reviewedAt()).isEqualTo(T1);
        assertThat(after.statusChangedAt()).isEqualTo(before.statusChangedAt());
        assertThat(after.firstSeenAt()).isEqualTo(T1);
        assertThat(after.lastSeenAt()).isEqualTo(T2);
        assertThat(after.removedAt()).isNull();
    }

    @Test
    void aDeactivationKeepsThePriorStatusAndTheFlagsAndRecordsWhenItWasRemoved() {
        UpstreamModel leaving = model("old/leaving").build();
        UpstreamModel staying = model("new/staying").build();
        sync(T1, leaving, staying);
        approve(T1, "old/leaving", ModelStatus.DISABLED, new TierFlags(false, true, false));

        SyncPlan plan = sync(T2, staying);

        assertThat(plan.deactivated()).hasSize(1);
        CatalogModel gone = row("old/leaving");
        assertThat(gone.status()).isEqualTo(ModelStatus.INACTIVE);
        assertThat(gone.statusBeforeInactive()).isEqualTo(ModelStatus.DISABLED);
        assertThat(gone.removedAt()).isEqualTo(T2);
        assertThat(gone.statusChangedAt()).isEqualTo(T2);
        assertThat(gone.tiers()).isEqualTo(new TierFlags(false, true, false));
        assertThat(gone.lastSeenAt()).isEqualTo(T1);
        assertRoundTrips(leaving);
    }

    @Test
    void aDeactivationKeepsTheStatusTheRowHasWhenItIsWrittenNotWhenItWasPlanned() {
        sync(T1, model("a/leaving").build(), model("b/staying").build());
        SyncPlan planMadeWhileNew =
                plan(store.loadCatalog(), T2, List.of(model("b/staying").build()));
        approve(T1, "a/leaving", ModelStatus.ACTIVE, TierFlags.NONE);

        store.inTransaction(tx -> {
            tx.applySyncPlan(planMadeWhileNew, T2);
            return null;
        });

        assertThat(row("a/leaving").status()).isEqualTo(ModelStatus.INACTIVE);
        assertThat(row("a/leaving").statusBeforeInactive()).isEqualTo(ModelStatus.ACTIVE);
    }

    @Test
    void aReturnRestoresTheStatusItHadAndKeepsTheFlags() {
        sync(T1, model("a/back").build(), model("b/staying").build());
        approve(T1, "a/back", ModelStatus.ACTIVE, new TierFlags(true, true, true));
        sync(T2, model("b/staying").build());
        UpstreamModel returning =
                model("a/back").description("Back, and changed").build();

        SyncPlan plan = sync(T3, returning, model("b/staying").build());

        assertThat(plan.returned()).hasSize(1);
        CatalogModel back = row("a/back");
        assertThat(back.status()).isEqualTo(ModelStatus.ACTIVE);
        assertThat(back.statusBeforeInactive()).isNull();
        assertThat(back.removedAt()).isNull();
        assertThat(back.statusChangedAt()).isEqualTo(T3);
        assertThat(back.lastSeenAt()).isEqualTo(T3);
        assertThat(back.firstSeenAt()).isEqualTo(T1);
        assertThat(back.tiers()).isEqualTo(new TierFlags(true, true, true));
        assertRoundTrips(returning);
    }

    @Test
    void aModelThatWasNeverReviewedReturnsAsNew() {
        sync(T1, model("a/back").build(), model("b/staying").build());
        sync(T2, model("b/staying").build());

        sync(T3, model("a/back").build(), model("b/staying").build());

        assertThat(row("a/back").status()).isEqualTo(ModelStatus.NEW);
    }

    @Test
    void applyingAPlanThatWritesNothingChangesNothing() {
        sync(T1, model("a/one").build(), model("b/two").build());
        List<CatalogModel> before = store.loadCatalog();

        SyncPlan plan = sync(T2, model("a/one").build(), model("b/two").build());

        assertThat(plan.writesNothing()).isTrue();
        assertThat(store.loadCatalog()).isEqualTo(before);
    }
}
