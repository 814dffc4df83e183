package dev.modelaccess.testsupport.access;

import static dev.modelaccess.testsupport.access.Fixtures.flags;
import static dev.modelaccess.testsupport.access.Fixtures.row;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.modelaccess.core.LifecycleViolationException;
import dev.modelaccess.core.ModelNotFoundException;
import dev.modelaccess.core.SelectionChangedException;
import dev.modelaccess.core.access.AdminChange;
import dev.modelaccess.core.access.ModelAdministration;
import dev.modelaccess.core.catalog.CatalogModel;
import dev.modelaccess.core.catalog.ModelStatus;
import dev.modelaccess.core.catalog.TierFlags;
import dev.modelaccess.core.port.CatalogFilter;
import dev.modelaccess.core.port.CatalogSort;
import dev.modelaccess.core.sync.EventKind;
import dev.modelaccess.testsupport.memory.InMemoryModelAccessStore;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ModelAdministrationTest {

    private static final Instant NOW = Instant.parse("2026-08-15T10:00:00Z");
    private static final String ADMIN = "4f1c2e1a-0000-4000-8000-000000000001";

    private final InMemoryModelAccessStore store = new InMemoryModelAccessStore(Clock.fixed(NOW, ZoneOffset.UTC))
            .seed(
                    row("a/new", ModelStatus.NEW, TierFlags.NONE),
                    row("a/active", ModelStatus.ACTIVE, flags(true, false, false)),
                    row("a/gone", ModelStatus.INACTIVE, flags(true, false, false)));
    private final ModelAdministration admin = new ModelAdministration(store, Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void approvingANewModelForTiersWritesStatusFlagsReviewerAndEvents() {
        CatalogModel updated = admin.update(new AdminChange("a/new", ModelStatus.ACTIVE, true, true, null), ADMIN);

        assertThat(updated.status()).isEqualTo(ModelStatus.ACTIVE);
        assertThat(updated.tiers()).isEqualTo(flags(true, true, false));
        assertThat(updated.reviewedBy()).isEqualTo(ADMIN);
        assertThat(updated.statusChangedAt()).isEqualTo(NOW);
        assertThat(store.allEvents())
                .extracting(event -> event.kind())
                .containsExactlyInAnyOrder(EventKind.STATUS_CHANGED, EventKind.TIERS_CHANGED);
        assertThat(store.allEvents())
                .allSatisfy(event -> assertThat(event.actor()).isEqualTo(ADMIN));
    }

    @Test
    void aReviewOfEveryModelMatchingAFilterChangesExactlyThoseOnceTheCountHolds() {
        CatalogFilter active = new CatalogFilter(ModelStatus.ACTIVE, null, null, null, CatalogSort.MODEL_ID, 1, 0);

        ModelAdministration.MatchingReview review =
                admin.reviewMatching(active, id -> new AdminChange(id, null, null, true, null), 1, ADMIN);

        assertThat(review).isEqualTo(new ModelAdministration.MatchingReview(1, 1));
        assertThat(store.findModel("a/active").orElseThrow().tiers()).isEqualTo(flags(true, true, false));
        assertThat(store.findModel("a/new").orElseThrow().tiers()).isEqualTo(TierFlags.NONE);
        assertThat(store.allEvents()).extracting(event -> event.modelId()).containsExactly("a/active");
    }

    @Test
    void aReviewOfEveryModelMatchingAFilterWritesNothingWhenTheConfirmedCountNoLongerHolds() {
        CatalogFilter all = new CatalogFilter(null, null, null, "a/", CatalogSort.MODEL_ID, 1, 0);

        assertThatThrownBy(() -> admin.reviewMatching(all, id -> new AdminChange(id, null, null, true, null), 2, ADMIN))
                .isInstanceOf(SelectionChangedException.class)
                .hasMessageContaining("matches 3 models now, not the 2 confirmed");
        assertThat(store.allEvents()).isEmpty();
        assertThat(store.findModel("a/new").orElseThrow().tiers()).isEqualTo(TierFlags.NONE);
    }

    @Test
    void aReviewOfEveryModelMatchingAFilterIsRefusedWholeWhenOneStatusChangeIsForbidden() {
        CatalogFilter all = new CatalogFilter(null, null, null, null, CatalogSort.MODEL_ID, 1, 0);

        assertThatThrownBy(() -> admin.reviewMatching(
                        all, id -> new AdminChange(id, ModelStatus.DISABLED, null, null, null), 3, ADMIN))
                .isInstanceOf(LifecycleViolationException.class);
        assertThat(store.allEvents()).isEmpty();
        assertThat(store.findModel("a/new").orElseThrow().status()).isEqualTo(ModelStatus.NEW);
        assertThatThrownBy(() -> admin.reviewMatching(all, id -> new AdminChange(id, null, null, null, null), 3, ADMIN))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aBulkReviewAnswersTheModelsInTheOrderAsked() {
        List<CatalogModel> updated = admin.review(
                List.of(
                        new AdminChange("a/new", ModelStatus.DISABLED, null, null, null),
                        new AdminChange("a/active", null, null, true, null)),
                ADMIN);

        assertThat(updated).extracting(CatalogModel::modelId).containsExactly("a/new", "a/active");
        assertThat(updated.get(0).status()).isEqualTo(ModelStatus.DISABLED);
        assertThat(updated.get(1).tiers()).isEqualTo(flags(true, true, false));
    }

    static Stream<Arguments> aBulkReviewWithOneBadChangeWritesNothing() {
        return Stream.of(
                arguments(
                        "an unknown model",
                        new AdminChange("'; drop table model_access; --", ModelStatus.ACTIVE, null, null, null),
                        ModelNotFoundException.class),
                arguments(
                        "a forbidden status change",
                        new AdminChange("a/gone", ModelStatus.ACTIVE, null, null, null),
                        LifecycleViolationException.class));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void aBulkReviewWithOneBadChangeWritesNothing(String why, AdminChange bad, Class<? extends Exception> refusal) {
        assertThatThrownBy(() -> admin.review(
                        List.of(new AdminChange("a/new", ModelStatus.ACTIVE, true, null, null), bad), ADMIN))
                .isInstanceOf(refusal);

        assertThat(store.findModel("a/new").orElseThrow().status()).isEqualTo(ModelStatus.NEW);
        assertThat(store.allEvents()).isEmpty();
    }

    @Test
    void tierFlagsOfAnInactiveModelMayStillBeEdited() {
        CatalogModel updated = admin.update(new AdminChange("a/gone", null, false, null, null), ADMIN);

        assertThat(updated.status()).isEqualTo(ModelStatus.INACTIVE);
        assertThat(updated.tiers()).isEqualTo(TierFlags.NONE);
    }

    @Test
    void aChangeThatChangesNothingWritesNoEvent() {
        CatalogModel same = admin.update(new AdminChange("a/active", ModelStatus.ACTIVE, true, null, null), ADMIN);

        assertThat(same.status()).isEqualTo(ModelStatus.ACTIVE);
        assertThat(store.allEvents()).isEmpty();
    }

    @Test
    void aReviewWithoutChangesOrWithAnEmptyChangeOrAModelTwiceIsRefused() {
        assertThatThrownBy(() -> admin.review(List.of(), ADMIN)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> admin.update(new AdminChange("a/new", null, null, null, null), ADMIN))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("asks for nothing");
        assertThatThrownBy(() -> admin.review(
                        List.of(
                                new AdminChange("a/new", ModelStatus.ACTIVE, null, null, null),
                                new AdminChange("a/new", ModelStatus.DISABLED, null, null, null)),
                        ADMIN))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("more than once");
        assertThat(store.allEvents()).isEmpty();
    }
}
