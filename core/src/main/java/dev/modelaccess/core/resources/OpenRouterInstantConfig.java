package dev.modelaccess.core.resources;

import dev.modelaccess.core.port.ChatParams;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What an {@code openrouter_instant} resource runs: one model, an optional system prompt, sampling parameters.
 * Stored as {@code openrouter_config}: {@code {"modelId", "systemPrompt", "params": {"temperature", "maxTokens",
 * "topP", "topK", "frequencyPenalty", "presencePenalty"}}}.
 *
 * <p>A value can be built with anything; {@link #problems()} says what is wrong with it and {@link
 * #requireValid()} refuses it. The rules:
 *
 * <ul>
 *   <li>{@code modelId}: not blank, at most {@value #MAX_MODEL_ID_LENGTH} characters;
 *   <li>{@code systemPrompt}: optional, at most {@value #MAX_SYSTEM_PROMPT_LENGTH} characters, no NUL character
 *       (PostgreSQL's {@code jsonb} cannot hold one);
 *   <li>{@code temperature} 0 to 2, {@code topP} 0 to 1, {@code frequencyPenalty} and {@code presencePenalty} -2 to
 *       2 (finite numbers); {@code maxTokens} 1 to {@value #MAX_MAX_TOKENS}; {@code topK} 0 to {@value #MAX_TOP_K}.
 * </ul>
 *
 * @param modelId the OpenRouter model id, like {@code openai/gpt-4o-mini}
 * @param systemPrompt the system message; {@code null} for none
 */
public record OpenRouterInstantConfig(
        String modelId, @Nullable String systemPrompt, ChatParams params) {

    public static final int MAX_MODEL_ID_LENGTH = 200;
    public static final int MAX_SYSTEM_PROMPT_LENGTH = 20_000;
    public static final int MAX_MAX_TOKENS = 1_000_000;
    public static final int MAX_TOP_K = 1_000;

    public OpenRouterInstantConfig {
        Objects.requireNonNull(modelId, "modelId");
        Objects.requireNonNull(params, "params");
    }

    /** Everything that is wrong, each as {@code "<field>: <what>"}; empty when the configuration is valid. */
    public List<String> problems() {
        List<String> problems = new ArrayList<>();
        if (modelId.isBlank()) {
            problems.add("model: is missing");
        } else if (modelId.length() > MAX_MODEL_ID_LENGTH) {
            problems.add("model: is longer than " + MAX_MODEL_ID_LENGTH + " characters");
        }
        if (systemPrompt != null) {
            if (systemPrompt.length() > MAX_SYSTEM_PROMPT_LENGTH) {
                problems.add("config.systemPrompt: is " + systemPrompt.length() + " characters long, at most "
                        + MAX_SYSTEM_PROMPT_LENGTH + " are allowed");
            }
            if (systemPrompt.indexOf('\u0000') >= 0) {
                problems.add("config.systemPrompt: must not contain the NUL character");
            }
        }
        range(problems, "temperature", params.temperature(), 0, 2);
        range(problems, "topP", params.topP(), 0, 1);
        range(problems, "frequencyPenalty", params.frequencyPenalty(), -2, 2);
        range(problems, "presencePenalty", params.presencePenalty(), -2, 2);
        Integer maxTokens = params.maxTokens();
        if (maxTokens != null && (maxTokens < 1 || maxTokens > MAX_MAX_TOKENS)) {
            problems.add("config.params.maxTokens: must be between 1 and " + MAX_MAX_TOKENS + ", was " + maxTokens);
        }
        Integer topK = params.topK();
        if (topK != null && (topK < 0 || topK > MAX_TOP_K)) {
            problems.add("config.params.topK: must be between 0 and " + MAX_TOP_K + ", was " + topK);
        }
        return problems;
    }

    /**
     * Throws unless the configuration is valid.
     *
     * @return this
     * @throws ResourceValidationException listing every problem
     */
    public OpenRouterInstantConfig requireValid() {
        List<String> problems = problems();
        if (!problems.isEmpty()) {
            throw new ResourceValidationException(problems);
        }
        return this;
    }

    /** The system prompt when there is one worth sending (not blank). */
    public @Nullable String effectiveSystemPrompt() {
        return systemPrompt == null || systemPrompt.isBlank() ? null : systemPrompt;
    }

    private static void range(List<String> problems, String name, @Nullable Double value, double min, double max) {
        if (value == null) {
            return;
        }
        if (value.isNaN() || value.isInfinite() || value < min || value > max) {
            problems.add("config.params." + name + ": must be between " + format(min) + " and " + format(max) + ", was "
                    + value);
        }
    }

    private static String format(double bound) {
        return bound == Math.rint(bound) ? Long.toString((long) bound) : Double.toString(bound);
    }

    /** {@link #toString()} shows the prompt's length, not the prompt. */
    @Override
    public String toString() {
        return "OpenRouterInstantConfig[modelId=" + modelId + ", systemPrompt="
                + (systemPrompt == null ? "none" : systemPrompt.length() + " chars") + ", params=" + params + "]";
    }
}
