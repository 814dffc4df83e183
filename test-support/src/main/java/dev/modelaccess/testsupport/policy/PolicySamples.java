package dev.modelaccess.testsupport.policy;

import dev.modelaccess.core.catalog.TierFlags;
import dev.modelaccess.core.policy.CatalogRule;
import dev.modelaccess.core.policy.Glob;
import dev.modelaccess.core.policy.RuleAction;
import dev.modelaccess.core.policy.RuleMatch;
import java.math.BigDecimal;
import java.util.List;

/** Rules for tests: the issue's example rule set, and one rule using every criterion. */
public final class PolicySamples {

    private PolicySamples() {}

    /**
     * Approve {@code anthropic/*} and {@code openai/*} for pro and enterprise when the prompt costs at most $5/M;
     * approve free models for the free tier; disable image-output models; send the rest to review.
     */
    public static List<CatalogRule> issueRules() {
        return List.of(
                new CatalogRule(
                        "big-labs-affordable",
                        new RuleMatch(
                                RuleMatch.authorGlobs(List.of("anthropic/*", "openai/*")),
                                null,
                                null,
                                null,
                                null,
                                new BigDecimal("5"),
                                null,
                                null),
                        new RuleAction.Approve(new TierFlags(false, true, true))),
                new CatalogRule(
                        "free-models",
                        new RuleMatch(List.of(), null, true, null, null, null, null, null),
                        new RuleAction.Approve(new TierFlags(true, false, false))),
                new CatalogRule(
                        "no-image-output",
                        new RuleMatch(List.of(), null, null, null, "image", null, null, null),
                        new RuleAction.Disable()),
                new CatalogRule("rest-to-review", RuleMatch.ANY, new RuleAction.Review()));
    }

    /** A rule that gives every criterion. */
    public static CatalogRule everyCriterion() {
        return new CatalogRule(
                "every-criterion",
                new RuleMatch(
                        RuleMatch.authorGlobs(List.of("meta-*", "mistralai/*")),
                        Glob.compile("*-instruct*", "match.model_id"),
                        false,
                        "text",
                        "text",
                        new BigDecimal("0.40"),
                        new BigDecimal("1.2500"),
                        131_072L),
                new RuleAction.Approve(new TierFlags(false, true, false)));
    }
}
