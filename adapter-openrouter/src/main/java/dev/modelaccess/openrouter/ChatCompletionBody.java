package dev.modelaccess.openrouter;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.modelaccess.core.MalformedUpstreamResponseException;
import dev.modelaccess.core.UpstreamRejectedException;
import dev.modelaccess.core.UpstreamUnavailableException;
import dev.modelaccess.core.port.ChatCompletion;
import dev.modelaccess.core.port.ChatParams;
import dev.modelaccess.core.port.ChatRequest;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/** The JSON of {@code POST /chat/completions}, both ways. */
final class ChatCompletionBody {

    private static final String WHAT = "OpenRouter's answer to POST /chat/completions";

    private ChatCompletionBody() {}

    /**
     * The request: {@code {"model", "messages": [system?, user], "stream": false, "temperature"?, "max_tokens"?,
     * "top_p"?, "top_k"?, "frequency_penalty"?, "presence_penalty"?}}, written by feign-jackson3's encoder with
     * the adapter's snake-case names; parameters that are not set are left out.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Request(
            String model,
            List<Message> messages,
            boolean stream,
            @Nullable Double temperature,
            @Nullable Integer maxTokens,
            @Nullable Double topP,
            @Nullable Integer topK,
            @Nullable Double frequencyPenalty,
            @Nullable Double presencePenalty) {

        /** The system prompt (when there is one that is not blank) and the user's input, as messages. */
        static Request of(ChatRequest request) {
            List<Message> messages = new ArrayList<>(2);
            String systemPrompt = request.systemPrompt();
            if (systemPrompt != null && !systemPrompt.isBlank()) {
                messages.add(new Message("system", systemPrompt));
            }
            messages.add(new Message("user", request.userInput()));
            ChatParams params = request.params();
            return new Request(
                    request.model(),
                    messages,
                    false,
                    params.temperature(),
                    params.maxTokens(),
                    params.topP(),
                    params.topK(),
                    params.frequencyPenalty(),
                    params.presencePenalty());
        }
    }

    record Message(String role, String content) {}

    /**
     * The completion in {@code response}: the first choice's message. An {@code error} instead of choices (OpenRouter
     * answers 200 with one when the provider failed after the response had started) or inside the first choice is
     * an upstream failure; no choice, or a choice without a message, is a malformed answer.
     */
    static ChatCompletion read(ChatResponse response, ChatRequest request) {
        List<ChatResponse.Choice> choices = response.choices();
        if (choices == null || choices.isEmpty()) {
            if (response.error() != null) {
                throw failure(UpstreamError.of(response.error()));
            }
            throw MalformedUpstreamResponseException.of(WHAT + " is unusable: HTTP 200 without choices", 200);
        }
        ChatResponse.Choice first = choices.getFirst();
        if (first.error() != null) {
            throw failure(UpstreamError.of(first.error()));
        }
        ChatResponse.Message message = first.message();
        if (message == null) {
            throw MalformedUpstreamResponseException.of(
                    WHAT + " is unusable: HTTP 200 with a choice without a message", 200);
        }
        ChatResponse.Usage usage = response.usage();
        ChatCompletion.TokenUsage tokens =
                usage == null || usage.promptTokens() == null || usage.completionTokens() == null
                        ? null
                        : new ChatCompletion.TokenUsage(
                                usage.promptTokens(),
                                usage.completionTokens(),
                                usage.totalTokens() != null
                                        ? usage.totalTokens()
                                        : usage.promptTokens() + usage.completionTokens());
        String model = response.model() == null || response.model().isBlank() ? request.model() : response.model();
        return new ChatCompletion(response.id(), model, text(message), first.finishReason(), tokens);
    }

    /** A string, or the text parts of an array of parts; a refusal when there is no content. */
    private static String text(ChatResponse.Message message) {
        JsonNode content = message.content();
        if (content != null && content.isString()) {
            return content.stringValue();
        }
        if (content != null && content.isArray()) {
            StringBuilder text = new StringBuilder();
            for (JsonNode part : content) {
                JsonNode partText = part.get("text");
                if (partText != null && partText.isString()) {
                    text.append(partText.stringValue());
                }
            }
            return text.toString();
        }
        String refusal = message.refusal();
        return refusal == null ? "" : refusal;
    }

    /**
     * An error reported inside a 200 answer. Its code, when it is an HTTP status, decides: a client error other than
     * 408 and 429 is a refusal, anything else unavailability.
     */
    private static RuntimeException failure(UpstreamError error) {
        @Nullable Integer status = httpStatus(error.code());
        String summary = WHAT + " carried an error" + error.suffix();
        if (status != null && status >= 400 && status < 500 && status != 408 && status != 429) {
            return new UpstreamRejectedException(summary, status, error.code(), error.message());
        }
        return UpstreamUnavailableException.status(summary, status, error.code(), error.message());
    }

    private static @Nullable Integer httpStatus(@Nullable String code) {
        if (code == null || !code.matches("[1-5][0-9]{2}")) {
            return null;
        }
        return Integer.parseInt(code);
    }
}
