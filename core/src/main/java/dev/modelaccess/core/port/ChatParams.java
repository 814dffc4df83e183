package dev.modelaccess.core.port;

import org.jspecify.annotations.Nullable;

/**
 * Sampling parameters of a chat completion; {@code null} leaves a parameter to the model's default. Whether values
 * are in range is checked where they are configured ({@link dev.modelaccess.core.resources.OpenRouterInstantConfig}),
 * not here.
 *
 * @param temperature randomness, 0 to 2
 * @param maxTokens the most tokens the completion may have, at least 1
 * @param topP nucleus sampling, 0 to 1
 * @param topK sample only among the K likeliest tokens, at least 0 (0 switches it off)
 * @param frequencyPenalty discourages repeating tokens in proportion to how often they appeared, -2 to 2
 * @param presencePenalty discourages repeating tokens that appeared at all, -2 to 2
 */
public record ChatParams(
        @Nullable Double temperature,
        @Nullable Integer maxTokens,
        @Nullable Double topP,
        @Nullable Integer topK,
        @Nullable Double frequencyPenalty,
        @Nullable Double presencePenalty) {

    /** Every parameter left to the model. */
    public static final ChatParams DEFAULTS = new ChatParams(null, null, null, null, null, null);
}
