package dev.modelaccess.testsupport.access;

import static dev.modelaccess.testsupport.fixtures.TestModels.row;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modelaccess.core.LifecycleViolationException;
import dev.modelaccess.core.access.AdminChange;
import dev.modelaccess.core.access.AdminLifecycle;
import dev.modelaccess.core.access.AdminUpdate;
import dev.modelaccess.core.catalog.CatalogModel;
import dev.modelaccess.core.catalog.ModelStatus;
import dev.modelaccess.core.catalog.TierFlags;
import dev.modelaccess.core.sync.EventKind;
import dev.modelaccess.core.sync.ModelEvent;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

class AdminLifecycleTest {

    static final Instant NOW = Instant.parse("2025-06-02T10:00:00Z");
    static final String ADMIN = "7d0a8c7e-1111-4a4a-9b9b-000000000001";

    final AdminLifecycle lifecycle = new AdminLifecycle(Clock.fixed(NOW, ZoneOffset.UTC));

    static AdminChange status(String modelId, ModelStatus status) {
        return new AdminChange(modelId, status, null, null, null);
    }

    @ParameterizedTest
    @CsvSource({"NEW, ACTIVE", "NEW, DISABLED", "ACTIVE, DISABLED", "DISABLED, ACTIVE"})
    void anAllowedMoveChangesTheStatusAndRecordsWhoDidIt(ModelStatus from, ModelStatus to) {
        CatalogModel model =
                row("openai/gpt-4o").status(from).tiers(true, false, false).build();

        AdminUpdate update = lifecycle.decide(model, status("openai/gpt-4o", to), ADMIN);

        assertThat(update.modelId()).isEqualTo("openai/gpt-4o");
        assertThat(update.status()).isEqualTo(to);
        assertThat(update.statusChanged()).isTrue();
        assertThat(update.tiers()).isEqualTo(new TierFlags(true, false, false));
        assertThat(update.reviewedBy()).isEqualTo(ADMIN);
        assertThat(update.changesNothing()).isFalse();
        assertThat(update.events())
                .containsExactly(ModelEvent.of(
                        "openai/gpt-4o",
                        EventKind.STATUS_CHANGED,
                        Map.of("status", from.dbValue()),
                        Map.of("status", to.dbValue()),
                        ADMIN,
                        NOW));
    }

    @ParameterizedTest
    @CsvSource({"ACTIVE, NEW", "DISABLED, NEW", "NEW, INACTIVE", "ACTIVE, INACTIVE", "DISABLED, INACTIVE"})
    void aMoveToAStatusOwnedByTheSyncIsRefused(ModelStatus from, ModelStatus to) {
        CatalogModel model = row("a/b", from);

        assertThatThrownBy(() -> lifecycle.decide(model, status("a/b", to), ADMIN))
                .isInstanceOfSatisfying(LifecycleViolationException.class, e -> {
                    assertThat(e.modelId()).isEqualTo("a/b");
                    assertThat(e.from()).isEqualTo(from);
                    assertThat(e.to()).isEqualTo(to);
                })
                .hasMessageContaining("set only by the catalog sync");
    }

    @ParameterizedTest
    @EnumSource(
            value = ModelStatus.class,
            names = {"NEW", "ACTIVE", "DISABLED"})
    void anyStatusChangeOfAnInactiveModelIsRefused(ModelStatus to) {
        CatalogModel model = row("a/b").inactiveAfter(ModelStatus.ACTIVE).build();

        assertThatThrownBy(() -> lifecycle.decide(model, status("a/b", to), ADMIN))
                .isInstanceOf(LifecycleViolationException.class)
                .hasMessageContaining("gone upstream");
    }

    @ParameterizedTest
    @EnumSource(ModelStatus.class)
    void askingForTheStatusAModelAlreadyHasIsANoOp(ModelStatus current) {
        CatalogModel model = row("a/b").status(current).build();

        AdminUpdate update = lifecycle.decide(model, status("a/b", current), ADMIN);

        assertThat(update.status()).isEqualTo(current);
        assertThat(update.statusChanged()).isFalse();
        assertThat(update.events()).isEmpty();
        assertThat(update.changesNothing()).isTrue();
    }

    @ParameterizedTest
    @EnumSource(ModelStatus.class)
    void tierFlagsCanBeEditedInEveryStatus(ModelStatus current) {
        CatalogModel model =
                row("a/b").status(current).tiers(true, false, false).build();

        AdminUpdate update = lifecycle.decide(model, new AdminChange("a/b", null, false, true, null), ADMIN);

        assertThat(update.status()).isEqualTo(current);
        assertThat(update.statusChanged()).isFalse();
        assertThat(update.tiers()).isEqualTo(new TierFlags(false, true, false));
        assertThat(update.events())
                .containsExactly(ModelEvent.of(
                        "a/b",
                        EventKind.TIERS_CHANGED,
                        Map.of("is_free", "true", "is_pro", "false", "is_enterprise", "false"),
                        Map.of("is_free", "false", "is_pro", "true", "is_enterprise", "false"),
                        ADMIN,
                        NOW));
    }

    @Test
    void flagsThatAreAlreadySoChangeNothing() {
        CatalogModel model =
                row("a/b").status(ModelStatus.ACTIVE).tiers(true, true, false).build();

        AdminUpdate update = lifecycle.decide(model, new AdminChange("a/b", null, true, true, false), ADMIN);

        assertThat(update.changesNothing()).isTrue();
        assertThat(update.tiers()).isEqualTo(model.tiers());
    }

    @Test
    void partsLeftOutOfTheChangeStayAsTheyAre() {
        CatalogModel model =
                row("a/b").status(ModelStatus.ACTIVE).tiers(true, true, true).build();

        AdminUpdate update = lifecycle.decide(model, new AdminChange("a/b", null, null, false, null), ADMIN);

        assertThat(update.tiers()).isEqualTo(new TierFlags(true, false, true));
        assertThat(update.status()).isEqualTo(ModelStatus.ACTIVE);
    }

    @Test
    void aChangeOfStatusAndFlagsGivesOneEventOfEach() {
        CatalogModel model = row("a/b", ModelStatus.NEW);

        AdminUpdate update =
                lifecycle.decide(model, new AdminChange("a/b", ModelStatus.ACTIVE, true, true, true), ADMIN);

        assertThat(update.events())
                .extracting(ModelEvent::kind)
                .containsExactly(EventKind.STATUS_CHANGED, EventKind.TIERS_CHANGED);
        assertThat(update.events()).allSatisfy(event -> {
            assertThat(event.actor()).isEqualTo(ADMIN);
            assertThat(event.at()).isEqualTo(NOW);
        });
    }

    @Test
    void aRefusedStatusChangeIsRefusedEvenWithAllowedFlagChanges() {
        CatalogModel model = row("a/b").inactiveAfter(ModelStatus.ACTIVE).build();

        assertThatThrownBy(() ->
                        lifecycle.decide(model, new AdminChange("a/b", ModelStatus.ACTIVE, true, null, null), ADMIN))
                .isInstanceOf(LifecycleViolationException.class);
    }

    @Test
    void anEmptyChangeAsksForNothing() {
        AdminChange change = new AdminChange("a/b", null, null, null, null);

        assertThat(change.isEmpty()).isTrue();
        assertThat(lifecycle
                        .decide(row("a/b", ModelStatus.ACTIVE), change, ADMIN)
                        .changesNothing())
                .isTrue();
        assertThat(new AdminChange("a/b", null, null, null, false).isEmpty()).isFalse();
    }

    @Test
    void aVeryLongModelIdIsAbbreviatedInTheMessage() {
        String id = "a/" + "x".repeat(5000);
        CatalogModel model = row(id, ModelStatus.ACTIVE);

        assertThatThrownBy(() -> lifecycle.decide(model, status(id, ModelStatus.NEW), ADMIN))
                .isInstanceOfSatisfying(LifecycleViolationException.class, e -> {
                    assertThat(e.modelId()).isEqualTo(id);
                    assertThat(e.getMessage()).hasSizeLessThan(400);
                });
    }
}
