package dev.modelaccess.testsupport.contract;

import static dev.modelaccess.testsupport.contract.SampleModels.model;
import static org.assertj.core.api.Assertions.assertThat;

import dev.modelaccess.core.access.AdminChange;
import dev.modelaccess.core.access.AdminLifecycle;
import dev.modelaccess.core.access.AdminUpdate;
import dev.modelaccess.core.catalog.CatalogModel;
import dev.modelaccess.core.catalog.ModelStatus;
import dev.modelaccess.core.catalog.TierFlags;
import dev.modelaccess.core.catalog.UpstreamModel;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Admin writes: status, tier flags and review columns only, on rows locked for the decision. */
public abstract class AdminUpdateContract extends StoreContract {

    @Test
    void anAdminUpdateWritesStatusFlagsAndReviewAndNoUpstreamColumn() {
        UpstreamModel model = model("openai/gpt-4o").build();
        sync(T1, model);
        CatalogModel before = row("openai/gpt-4o");

        approve(T2, "openai/gpt-4o", ModelStatus.ACTIVE, new TierFlags(true, true, false));

        CatalogModel after = row("openai/gpt-4o");
        assertThat(after.status()).isEqualTo(ModelStatus.ACTIVE);
        assertThat(after.tiers()).isEqualTo(new TierFlags(true, true, false));
        assertThat(after.reviewedBy()).isEqualTo(ADMIN);
        assertThat(after.reviewedAt()).isEqualTo(T2);
        assertThat(after.statusChangedAt()).isEqualTo(T2);
        assertThat(after.id()).isEqualTo(before.id());
        assertThat(after.fingerprint()).isEqualTo(before.fingerprint());
        assertThat(after.firstSeenAt()).isEqualTo(before.firstSeenAt());
        assertThat(after.lastSeenAt()).isEqualTo(before.lastSeenAt());
        assertThat(after.removedAt()).isNull();
        assertRoundTrips(model);
    }

    @Test
    void aFlagsOnlyUpdateLeavesTheStatusAndWhenItChanged() {
        sync(T1, model("a/b").build());
        approve(T1, "a/b", ModelStatus.ACTIVE, TierFlags.NONE);

        admin(T2, new AdminChange("a/b", null, null, true, null));

        CatalogModel after = row("a/b");
        assertThat(after.status()).isEqualTo(ModelStatus.ACTIVE);
        assertThat(after.statusChangedAt()).isEqualTo(T1);
        assertThat(after.tiers()).isEqualTo(new TierFlags(false, true, false));
        assertThat(after.reviewedAt()).isEqualTo(T2);
    }

    @Test
    void flagsOfAnInactiveModelCanBeEditedAndItStaysInactiveWithItsPriorStatus() {
        sync(T1, model("a/gone").build(), model("b/staying").build());
        approve(T1, "a/gone", ModelStatus.ACTIVE, TierFlags.NONE);
        sync(T2, model("b/staying").build());

        admin(T3, new AdminChange("a/gone", null, true, true, true));

        CatalogModel after = row("a/gone");
        assertThat(after.status()).isEqualTo(ModelStatus.INACTIVE);
        assertThat(after.statusBeforeInactive()).isEqualTo(ModelStatus.ACTIVE);
        assertThat(after.removedAt()).isEqualTo(T2);
        assertThat(after.tiers()).isEqualTo(new TierFlags(true, true, true));
    }

    @Test
    void severalAdminUpdatesAreWrittenTogether() {
        sync(
                T1,
                model("a/one").build(),
                model("b/two").build(),
                model("c/three").build());

        store.inTransaction(tx -> {
            AdminLifecycle lifecycle = new AdminLifecycle(Clock.fixed(T2, ZoneOffset.UTC));
            List<AdminUpdate> updates = new ArrayList<>();
            for (String id : List.of("a/one", "c/three")) {
                updates.add(lifecycle.decide(
                        tx.lockModel(id).orElseThrow(),
                        new AdminChange(id, ModelStatus.DISABLED, null, null, null),
                        ADMIN));
            }
            tx.applyAdminUpdates(updates, T2);
            return null;
        });

        assertThat(store.loadCatalog())
                .extracting(CatalogModel::modelId, CatalogModel::status)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple("a/one", ModelStatus.DISABLED),
                        org.assertj.core.groups.Tuple.tuple("b/two", ModelStatus.NEW),
                        org.assertj.core.groups.Tuple.tuple("c/three", ModelStatus.DISABLED));
    }

    @Test
    void aLockedModelIsReturnedAndAnUnknownOneIsEmpty() {
        sync(T1, model("a/b").build());

        assertThat(store.<Optional<CatalogModel>>inTransaction(tx -> tx.lockModel("a/b")))
                .contains(row("a/b"));
        assertThat(store.<Optional<CatalogModel>>inTransaction(tx -> tx.lockModel("no/such-model")))
                .isEmpty();
    }
}
