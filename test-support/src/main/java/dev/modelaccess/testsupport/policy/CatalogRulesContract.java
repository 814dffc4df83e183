package dev.modelaccess.testsupport.policy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modelaccess.core.policy.CatalogRule;
import dev.modelaccess.core.policy.CatalogRules;
import dev.modelaccess.core.policy.RuleAction;
import dev.modelaccess.core.policy.RuleMatch;
import dev.modelaccess.core.policy.RuleSet;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link CatalogRules} must do; run by the in-memory store and the PostgreSQL one. */
public abstract class CatalogRulesContract {

    protected CatalogRules rules;

    /** An empty store, new for every test. */
    protected abstract CatalogRules createRules();

    @BeforeEach
    final void createRulesUnderTest() {
        rules = createRules();
    }

    @Test
    void anEmptyStoreHasNoRules() {
        assertThat(rules.load().rules()).isEmpty();
    }

    @Test
    void rulesComeBackInTheirOrderWithEveryCriterion() {
        List<CatalogRule> saved = new ArrayList<>(PolicySamples.issueRules());
        saved.add(1, PolicySamples.everyCriterion());

        rules.replace(RuleSet.of(saved));

        assertThat(rules.load().rules()).containsExactlyElementsOf(saved);
    }

    @Test
    void aReplaceDropsTheRulesItDoesNotName() {
        rules.replace(RuleSet.of(PolicySamples.issueRules()));
        CatalogRule only = new CatalogRule("only", RuleMatch.ANY, new RuleAction.Disable());

        rules.replace(RuleSet.of(List.of(only)));

        assertThat(rules.load().rules()).containsExactly(only);
    }

    @Test
    void reorderingKeepsTheNewOrder() {
        List<CatalogRule> saved = PolicySamples.issueRules();
        rules.replace(RuleSet.of(saved));

        rules.replace(RuleSet.of(saved.reversed()));

        assertThat(rules.load().rules()).containsExactlyElementsOf(saved.reversed());
    }

    @Test
    void anEmptySetRemovesEveryRule() {
        rules.replace(RuleSet.of(PolicySamples.issueRules()));

        rules.replace(RuleSet.EMPTY);

        assertThat(rules.load().isEmpty()).isTrue();
    }

    @Test
    void pricesKeepTheirExactValue() {
        CatalogRule precise = new CatalogRule(
                "precise",
                new RuleMatch(
                        List.of(),
                        null,
                        null,
                        null,
                        null,
                        new BigDecimal("0.000001"),
                        new BigDecimal("123456.789"),
                        null),
                new RuleAction.Review());

        rules.replace(RuleSet.of(List.of(precise)));

        RuleMatch match = rules.load().rules().getFirst().match();
        assertThat(match.maxPromptPrice()).isEqualByComparingTo("0.000001");
        assertThat(match.maxCompletionPrice()).isEqualByComparingTo("123456.789");
    }
}
