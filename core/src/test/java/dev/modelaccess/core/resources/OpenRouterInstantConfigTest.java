package dev.modelaccess.core.resources;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modelaccess.core.port.ChatParams;
import org.junit.jupiter.api.Test;

class OpenRouterInstantConfigTest {

    private static final String MODEL = "openai/gpt-4o-mini";

    private static OpenRouterInstantConfig config(ChatParams params) {
        return new OpenRouterInstantConfig(MODEL, "Be brief.", params);
    }

    @Test
    void aConfigWithEveryParameterInRangeHasNoProblem() {
        OpenRouterInstantConfig config = config(new ChatParams(0.7, 256, 0.9, 40, 0.5, -0.5));

        assertThat(config.problems()).isEmpty();
        assertThat(config.requireValid()).isSameAs(config);
    }

    @Test
    void parametersLeftOutAreValid() {
        assertThat(new OpenRouterInstantConfig(MODEL, null, ChatParams.DEFAULTS).problems())
                .isEmpty();
    }

    @Test
    void theBoundsThemselvesAreAccepted() {
        assertThat(config(new ChatParams(0.0, 1, 0.0, 0, -2.0, -2.0)).problems())
                .isEmpty();
        assertThat(config(new ChatParams(2.0, OpenRouterInstantConfig.MAX_MAX_TOKENS, 1.0, 1000, 2.0, 2.0))
                        .problems())
                .isEmpty();
        assertThat(new OpenRouterInstantConfig(
                                MODEL,
                                "x".repeat(OpenRouterInstantConfig.MAX_SYSTEM_PROMPT_LENGTH),
                                ChatParams.DEFAULTS)
                        .problems())
                .isEmpty();
    }

    @Test
    void everyProblemIsListedAtOnceWithTheFieldAndTheAllowedRange() {
        OpenRouterInstantConfig config = new OpenRouterInstantConfig(
                MODEL,
                "x".repeat(OpenRouterInstantConfig.MAX_SYSTEM_PROMPT_LENGTH + 1),
                new ChatParams(2.5, 0, 1.5, -1, -3.0, 2.01));

        assertThat(config.problems())
                .containsExactly(
                        "config.systemPrompt: is 20001 characters long, at most 20000 are allowed",
                        "config.params.temperature: must be between 0 and 2, was 2.5",
                        "config.params.topP: must be between 0 and 1, was 1.5",
                        "config.params.frequencyPenalty: must be between -2 and 2, was -3.0",
                        "config.params.presencePenalty: must be between -2 and 2, was 2.01",
                        "config.params.maxTokens: must be between 1 and 1000000, was 0",
                        "config.params.topK: must be between 0 and 1000, was -1");
    }

    @Test
    void numbersThatAreNotFiniteAreRefused() {
        assertThat(config(new ChatParams(Double.NaN, null, Double.POSITIVE_INFINITY, null, null, null))
                        .problems())
                .containsExactly(
                        "config.params.temperature: must be between 0 and 2, was NaN",
                        "config.params.topP: must be between 0 and 1, was Infinity");
    }

    @Test
    void aNegativeTemperatureAndTooManyTokensAreRefused() {
        assertThat(config(new ChatParams(-0.1, OpenRouterInstantConfig.MAX_MAX_TOKENS + 1, null, null, null, null))
                        .problems())
                .containsExactly(
                        "config.params.temperature: must be between 0 and 2, was -0.1",
                        "config.params.maxTokens: must be between 1 and 1000000, was 1000001");
    }

    @Test
    void aSystemPromptWithANulCharacterIsRefusedBecausePostgresJsonbCannotHoldIt() {
        assertThat(new OpenRouterInstantConfig(MODEL, "a\u0000b", ChatParams.DEFAULTS).problems())
                .containsExactly("config.systemPrompt: must not contain the NUL character");
    }

    @Test
    void aBlankOrOverlongModelIdIsRefused() {
        assertThat(new OpenRouterInstantConfig(" ", null, ChatParams.DEFAULTS).problems())
                .containsExactly("model: is missing");
        assertThat(new OpenRouterInstantConfig("a/" + "b".repeat(199), null, ChatParams.DEFAULTS).problems())
                .containsExactly("model: is longer than 200 characters");
    }

    @Test
    void requireValidThrowsWithEveryProblem() {
        OpenRouterInstantConfig config = config(new ChatParams(3.0, -5, null, null, null, null));

        assertThatThrownBy(config::requireValid)
                .isInstanceOfSatisfying(
                        ResourceValidationException.class,
                        e -> assertThat(e.problems()).hasSize(2))
                .hasMessage("config.params.temperature: must be between 0 and 2, was 3.0;"
                        + " config.params.maxTokens: must be between 1 and 1000000, was -5");
    }

    @Test
    void aBlankSystemPromptIsNotSent() {
        assertThat(new OpenRouterInstantConfig(MODEL, "  \n", ChatParams.DEFAULTS).effectiveSystemPrompt())
                .isNull();
        assertThat(new OpenRouterInstantConfig(MODEL, null, ChatParams.DEFAULTS).effectiveSystemPrompt())
                .isNull();
        assertThat(config(ChatParams.DEFAULTS).effectiveSystemPrompt()).isEqualTo("Be brief.");
    }

    @Test
    void toStringShowsThePromptsLengthNotThePrompt() {
        assertThat(new OpenRouterInstantConfig(MODEL, "secret recipe", ChatParams.DEFAULTS).toString())
                .contains("13 chars")
                .doesNotContain("secret recipe");
    }
}
