package dev.modelaccess.core.decisions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modelaccess.core.catalog.ModelStatus;
import dev.modelaccess.core.catalog.Tier;
import dev.modelaccess.core.catalog.TierFlags;
import dev.modelaccess.core.decisions.ImportReport.FieldChange;
import dev.modelaccess.core.policy.CatalogRule;
import dev.modelaccess.core.policy.RuleAction;
import dev.modelaccess.core.policy.RuleMatch;
import dev.modelaccess.core.policy.RuleSet;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The pure parts of the catalog as code: what differs, which rules are the same, which files are refused. */
class CatalogAsCodeTest {

    static ModelDecision model(String id, ModelStatus status, TierFlags tiers, String successor) {
        return new ModelDecision(id, status, tiers, successor);
    }

    @Test
    void eachFieldThatDiffersIsOneChangeFromTo() {
        ModelDecision now = model("a/b", ModelStatus.NEW, TierFlags.NONE, null);
        ModelDecision wanted = model("a/b", ModelStatus.ACTIVE, new TierFlags(false, true, true), "a/c");

        assertThat(CatalogAsCode.differences(now, wanted))
                .containsExactly(
                        new FieldChange("status", "new", "active"),
                        new FieldChange("is_pro", "false", "true"),
                        new FieldChange("is_enterprise", "false", "true"),
                        new FieldChange("successor", null, "a/c"));
        assertThat(CatalogAsCode.differences(wanted, wanted)).isEmpty();
    }

    @Test
    void rulesAreTheSameWhenTheirPricesAreTheSameNumberWrittenDifferently() {
        CatalogRule five = rule("cheap", new BigDecimal("5"));
        CatalogRule fivePointZero = rule("cheap", new BigDecimal("5.00"));
        CatalogRule six = rule("cheap", new BigDecimal("6"));

        assertThat(CatalogAsCode.sameRule(five, fivePointZero)).isTrue();
        assertThat(CatalogAsCode.sameRule(five, six)).isFalse();
        assertThat(CatalogAsCode.sameRule(five, rule("other", new BigDecimal("5"))))
                .isFalse();
    }

    static CatalogRule rule(String name, BigDecimal maxPrompt) {
        return new CatalogRule(
                name,
                new RuleMatch(List.of(), null, null, null, null, maxPrompt, null, null),
                new RuleAction.Approve(new TierFlags(false, true, false)));
    }

    @Test
    void aModelListedTwiceIsRefusedNamingTheSecondEntry() {
        CatalogDecisions file = new CatalogDecisions(
                List.of(
                        model("a/b", ModelStatus.ACTIVE, TierFlags.NONE, null),
                        model("a/c", ModelStatus.ACTIVE, TierFlags.NONE, null),
                        model("a/b", ModelStatus.DISABLED, TierFlags.NONE, null)),
                RuleSet.EMPTY,
                Map.of());

        assertThatThrownBy(() -> CatalogAsCode.validate(file))
                .isInstanceOfSatisfying(ImportRejectedException.class, e -> {
                    assertThat(e.field()).isEqualTo("models[2].id");
                    assertThat(e.reason()).isEqualTo(ImportRejectedException.Reason.INVALID);
                    assertThat(e.getMessage()).contains("first as models[0]");
                });
    }

    @Test
    void idsThatAreNoModelIdsAreRefusedWhereverTheyAre() {
        assertThatThrownBy(() -> CatalogAsCode.validate(new CatalogDecisions(
                        List.of(model("../etc", ModelStatus.ACTIVE, TierFlags.NONE, null)), null, null)))
                .hasFieldOrPropertyWithValue("field", "models[0].id");
        assertThatThrownBy(() -> CatalogAsCode.validate(new CatalogDecisions(
                        List.of(model("a/b", ModelStatus.ACTIVE, TierFlags.NONE, "a/b/c")), null, null)))
                .hasFieldOrPropertyWithValue("field", "models[0].successor");
        assertThatThrownBy(() -> CatalogAsCode.validate(
                        new CatalogDecisions(List.of(), null, Map.of(Tier.PRO, "'; drop table x"))))
                .hasFieldOrPropertyWithValue("field", "tier_defaults.pro");
    }
}
