package dev.modelaccess.core.port;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What the model answered.
 *
 * @param id the generation id upstream gave the completion, when it gave one
 * @param model the model that actually answered (upstream may name a more specific version than was asked for)
 * @param text the assistant message's text; empty when the model produced none
 * @param finishReason why the model stopped ({@code stop}, {@code length}, …), when upstream said
 * @param usage the tokens counted, when upstream reported them
 */
public record ChatCompletion(
        @Nullable String id,
        String model,
        String text,
        @Nullable String finishReason,
        @Nullable TokenUsage usage) {

    public ChatCompletion {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(text, "text");
    }

    /** Tokens counted for one completion. */
    public record TokenUsage(long promptTokens, long completionTokens, long totalTokens) {}
}
