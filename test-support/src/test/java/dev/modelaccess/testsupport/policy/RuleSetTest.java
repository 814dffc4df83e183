package dev.modelaccess.testsupport.policy;

import static dev.modelaccess.testsupport.contract.SampleModels.model;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modelaccess.core.catalog.Architecture;
import dev.modelaccess.core.catalog.TierFlags;
import dev.modelaccess.core.catalog.UpstreamModel;
import dev.modelaccess.core.policy.CatalogRule;
import dev.modelaccess.core.policy.Glob;
import dev.modelaccess.core.policy.InvalidRuleException;
import dev.modelaccess.core.policy.RuleAction;
import dev.modelaccess.core.policy.RuleMatch;
import dev.modelaccess.core.policy.RuleSet;
import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class RuleSetTest {

    static final RuleSet ISSUE_RULES = RuleSet.of(PolicySamples.issueRules());

    static Optional<String> decidedBy(RuleSet rules, UpstreamModel model) {
        return rules.firstMatch(model).map(CatalogRule::name);
    }

    static RuleSet only(RuleMatch match) {
        return RuleSet.of(List.of(new CatalogRule("r", match, new RuleAction.Review())));
    }

    static RuleMatch match() {
        return RuleMatch.ANY;
    }

    static Architecture outputs(String... modalities) {
        return new Architecture("text->image", List.of("text"), List.of(modalities), null, null);
    }

    @Nested
    class FirstMatchWins {

        @Test
        void anAffordableAnthropicModelIsApprovedForProAndEnterprise() {
            UpstreamModel sonnet = model("anthropic/claude-3.5-sonnet")
                    .price("prompt", "0.000003")
                    .price("completion", "0.000015")
                    .build();

            assertThat(decidedBy(ISSUE_RULES, sonnet)).contains("big-labs-affordable");
        }

        @Test
        void aPromptPriceOfExactlyFiveDollarsAMillionStillMatches() {
            UpstreamModel edge =
                    model("openai/gpt-edge").price("prompt", "0.000005").build();
            UpstreamModel above =
                    model("openai/gpt-above").price("prompt", "0.0000050001").build();

            assertThat(decidedBy(ISSUE_RULES, edge)).contains("big-labs-affordable");
            assertThat(decidedBy(ISSUE_RULES, above)).contains("rest-to-review");
        }

        @Test
        void anExpensiveOpenAiModelFallsThroughToReview() {
            UpstreamModel o1 = model("openai/o1-pro").price("prompt", "0.00015").build();

            assertThat(decidedBy(ISSUE_RULES, o1)).contains("rest-to-review");
        }

        @Test
        void aFreeImageModelIsApprovedForFreeBecauseThatRuleComesFirst() {
            UpstreamModel free = model("google/gemini-image:free")
                    .architecture(outputs("image", "text"))
                    .build();

            assertThat(decidedBy(ISSUE_RULES, free)).contains("free-models");
        }

        @Test
        void aPaidImageOutputModelIsDisabled() {
            UpstreamModel image = model("google/gemini-2.5-flash-image")
                    .architecture(outputs("image", "text"))
                    .build();

            assertThat(decidedBy(ISSUE_RULES, image)).contains("no-image-output");
        }

        @Test
        void theTildeAliasOfAnAuthorCountsAsThatAuthor() {
            UpstreamModel alias = model("~anthropic/claude-sonnet-latest").build();

            assertThat(decidedBy(ISSUE_RULES, alias)).contains("big-labs-affordable");
        }

        @Test
        void withoutAMatchingRuleNothingIsDecided() {
            RuleSet approveOpenAi =
                    RuleSet.of(List.of(PolicySamples.issueRules().getFirst()));

            assertThat(decidedBy(approveOpenAi, model("mistralai/mistral-large").build()))
                    .isEmpty();
            assertThat(RuleSet.EMPTY.firstMatch(model("openai/gpt-4o").build())).isEmpty();
        }

        @Test
        void aWildcardRuleBeforeAnAuthorRuleStillWinsForThatAuthor() {
            RuleSet rules = RuleSet.of(List.of(
                    new CatalogRule(
                            "everything-open",
                            new RuleMatch(
                                    RuleMatch.authorGlobs(List.of("open*")), null, null, null, null, null, null, null),
                            new RuleAction.Disable()),
                    new CatalogRule(
                            "openai",
                            new RuleMatch(
                                    RuleMatch.authorGlobs(List.of("openai")), null, null, null, null, null, null, null),
                            new RuleAction.Approve(new TierFlags(true, true, true)))));

            assertThat(decidedBy(rules, model("openai/gpt-4o").build())).contains("everything-open");
            assertThat(decidedBy(rules, model("openrouter/auto").build())).contains("everything-open");
        }
    }

    @Nested
    class Criteria {

        @Test
        void freeMeansAFreeIdOrEveryPriceZero() {
            RuleSet free = only(new RuleMatch(List.of(), null, true, null, null, null, null, null));
            RuleSet paid = only(new RuleMatch(List.of(), null, false, null, null, null, null, null));

            UpstreamModel freeId =
                    model("meta-llama/llama-3.3-70b-instruct:free").build();
            UpstreamModel zeroPrices = model("openrouter/cypher-alpha")
                    .price("prompt", "0")
                    .price("completion", "0")
                    .price("request", "0")
                    .build();
            UpstreamModel oneCharge = model("x/one-charge")
                    .price("prompt", "0")
                    .price("completion", "0")
                    .price("image", "0.001")
                    .build();
            UpstreamModel variable = model("openrouter/auto")
                    .price("prompt", "-1")
                    .price("completion", "-1")
                    .build();
            UpstreamModel unpriced =
                    model("x/unpriced").noPrice("prompt").noPrice("completion").build();

            assertThat(free.firstMatch(freeId)).isPresent();
            assertThat(free.firstMatch(zeroPrices)).isPresent();
            assertThat(free.firstMatch(oneCharge)).isEmpty();
            assertThat(free.firstMatch(variable)).isEmpty();
            assertThat(free.firstMatch(unpriced)).isEmpty();
            assertThat(paid.firstMatch(oneCharge)).isPresent();
            assertThat(paid.firstMatch(freeId)).isEmpty();
        }

        @Test
        void pricesArePerMillionTokensComparedExactly() {
            RuleSet cheap = only(new RuleMatch(
                    List.of(), null, null, null, null, new BigDecimal("0.1"), new BigDecimal("0.3"), null));

            assertThat(cheap.firstMatch(model("a/exact")
                            .price("prompt", "0.0000001")
                            .price("completion", "0.0000003")
                            .build()))
                    .isPresent();
            assertThat(cheap.firstMatch(model("a/completion-too-high")
                            .price("prompt", "0.0000001")
                            .price("completion", "0.00000030000001")
                            .build()))
                    .isEmpty();
            assertThat(cheap.firstMatch(model("a/absent-prompt-is-free")
                            .noPrice("prompt")
                            .price("completion", "0")
                            .build()))
                    .isPresent();
            assertThat(cheap.firstMatch(model("openrouter/auto")
                            .price("prompt", "-1")
                            .price("completion", "-1")
                            .build()))
                    .as("a variable price is never under a ceiling")
                    .isEmpty();
        }

        @Test
        void modalitiesAreLookedUpOnTheirSide() {
            RuleSet imageIn = only(new RuleMatch(List.of(), null, null, "image", null, null, null, null));
            RuleSet imageOut = only(new RuleMatch(List.of(), null, null, null, "image", null, null, null));
            UpstreamModel vision = model("a/vision")
                    .architecture(
                            new Architecture("text+image->text", List.of("text", "image"), List.of("text"), null, null))
                    .build();

            assertThat(imageIn.firstMatch(vision)).isPresent();
            assertThat(imageOut.firstMatch(vision)).isEmpty();
        }

        @Test
        void theContextLengthMustBeKnownAndLongEnough() {
            RuleSet longContext = only(new RuleMatch(List.of(), null, null, null, null, null, null, 128_000L));

            assertThat(longContext.firstMatch(
                            model("a/long").contextLength(128_000L).build()))
                    .isPresent();
            assertThat(longContext.firstMatch(
                            model("a/short").contextLength(127_999L).build()))
                    .isEmpty();
            assertThat(longContext.firstMatch(
                            model("a/unknown").contextLength(null).build()))
                    .isEmpty();
        }

        @Test
        void everyGivenCriterionMustHold() {
            RuleSet all = RuleSet.of(List.of(PolicySamples.everyCriterion()));
            UpstreamModel fits = model("meta-llama/llama-3.1-70b-instruct")
                    .contextLength(131_072L)
                    .price("prompt", "0.0000004")
                    .price("completion", "0.00000125")
                    .build();

            assertThat(all.firstMatch(fits)).isPresent();
            assertThat(all.firstMatch(model("meta-llama/llama-3.1-70b")
                            .contextLength(131_072L)
                            .price("prompt", "0.0000004")
                            .price("completion", "0.00000125")
                            .build()))
                    .as("id glob")
                    .isEmpty();
            assertThat(all.firstMatch(model("qwen/qwen-2-instruct")
                            .contextLength(131_072L)
                            .price("prompt", "0.0000004")
                            .price("completion", "0.00000125")
                            .build()))
                    .as("author")
                    .isEmpty();
            assertThat(all.firstMatch(model("mistralai/mixtral-instruct")
                            .contextLength(65_536L)
                            .price("prompt", "0.0000004")
                            .price("completion", "0.00000125")
                            .build()))
                    .as("context")
                    .isEmpty();
        }
    }

    @Nested
    class BadRules {

        @Test
        void anAuthorGlobWithAPathIsRefusedNamingItsIndex() {
            assertThatThrownBy(() -> RuleMatch.authorGlobs(List.of("openai", "anthropic/claude-*")))
                    .isInstanceOfSatisfying(
                            InvalidRuleException.class,
                            e -> assertThat(e.field()).isEqualTo("match.authors[1]"));
        }

        @Test
        void aNameUsedTwiceIsRefusedNamingTheSecond() {
            CatalogRule a = new CatalogRule("same", RuleMatch.ANY, new RuleAction.Review());
            CatalogRule b = new CatalogRule("same", RuleMatch.ANY, new RuleAction.Disable());

            assertThatThrownBy(() -> RuleSet.of(List.of(a, b)))
                    .isInstanceOfSatisfying(
                            InvalidRuleException.class,
                            e -> assertThat(e.field()).isEqualTo("rules[1].name"));
        }

        @Test
        void aBlankNameANegativePriceAndANegativeContextAreRefused() {
            assertThatThrownBy(() -> new CatalogRule(" ", RuleMatch.ANY, new RuleAction.Review()))
                    .isInstanceOfSatisfying(
                            InvalidRuleException.class,
                            e -> assertThat(e.field()).isEqualTo("name"));
            assertThatThrownBy(() -> new RuleMatch(List.of(), null, null, null, null, new BigDecimal("-1"), null, null))
                    .isInstanceOfSatisfying(
                            InvalidRuleException.class,
                            e -> assertThat(e.field()).isEqualTo("match.max_prompt_price"));
            assertThatThrownBy(() -> new RuleMatch(List.of(), null, null, null, null, null, null, -5L))
                    .isInstanceOfSatisfying(
                            InvalidRuleException.class,
                            e -> assertThat(e.field()).isEqualTo("match.min_context_length"));
        }

        @Test
        void aGlobWithARegularExpressionIsRefused() {
            assertThatThrownBy(() -> Glob.compile("openai/gpt-[45].*", "match.model_id"))
                    .isInstanceOfSatisfying(
                            InvalidRuleException.class,
                            e -> assertThat(e.field()).isEqualTo("match.model_id"));
        }
    }
}
