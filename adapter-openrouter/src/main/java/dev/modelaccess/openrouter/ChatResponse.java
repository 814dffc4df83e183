package dev.modelaccess.openrouter;

import java.util.List;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * {@code POST /chat/completions}: {@code {"id","model","choices":[{"message":{"role","content"},"finish_reason"}],
 * "usage":{"prompt_tokens","completion_tokens","total_tokens"}}}. OpenRouter may also answer 200 with an {@code
 * error} object instead of choices, or put an {@code error} in a choice. Fields not listed here are ignored.
 */
record ChatResponse(
        @Nullable String id,
        @Nullable String model,
        @Nullable List<Choice> choices,
        @Nullable Usage usage,
        @Nullable JsonNode error) {

    record Choice(
            @Nullable Message message,
            @Nullable String finishReason,
            @Nullable JsonNode error) {}

    /** {@code content} is a string, or (rarely) an array of parts {@code {"type":"text","text":…}}. */
    record Message(
            @Nullable String role,
            @Nullable JsonNode content,
            @Nullable String refusal) {}

    record Usage(
            @Nullable Long promptTokens,
            @Nullable Long completionTokens,
            @Nullable Long totalTokens) {}
}
