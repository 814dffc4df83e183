package dev.modelaccess.openrouter;

import dev.modelaccess.core.MalformedUpstreamResponseException;
import dev.modelaccess.core.UpstreamRejectedException;
import dev.modelaccess.core.UpstreamUnavailableException;
import dev.modelaccess.core.port.ChatCompletion;
import dev.modelaccess.core.port.ChatParams;
import dev.modelaccess.core.port.ChatRequest;
import java.util.List;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** The JSON of {@code POST /chat/completions}, both ways. */
final class ChatCompletionBody {

    private static final String WHAT = "OpenRouter's answer to POST /chat/completions";

    private ChatCompletionBody() {}

    /**
     * {@code {"model", "messages": [system?, user], "stream": false, "temperature"?, "max_tokens"?, "top_p"?,
     * "top_k"?, "frequency_penalty"?, "presence_penalty"?}}: parameters that are not set are left out.
     */
    static byte[] write(ChatRequest request) {
        ObjectNode body = Json.MAPPER.createObjectNode();
        body.put("model", request.model());
        ArrayNode messages = body.putArray("messages");
        String systemPrompt = request.systemPrompt();
        if (systemPrompt != null && !systemPrompt.isBlank()) {
            messages.addObject().put("role", "system").put("content", systemPrompt);
        }
        messages.addObject().put("role", "user").put("content", request.userInput());
        body.put("stream", false);
        ChatParams params = request.params();
        if (params.temperature() != null) {
            body.put("temperature", params.temperature());
        }
        if (params.maxTokens() != null) {
            body.put("max_tokens", params.maxTokens());
        }
        if (params.topP() != null) {
            body.put("top_p", params.topP());
        }
        if (params.topK() != null) {
            body.put("top_k", params.topK());
        }
        if (params.frequencyPenalty() != null) {
            body.put("frequency_penalty", params.frequencyPenalty());
        }
        if (params.presencePenalty() != null) {
            body.put("presence_penalty", params.presencePenalty());
        }
        return Json.MAPPER.writeValueAsBytes(body);
    }

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
            throw new MalformedUpstreamResponseException(WHAT + " is unusable: HTTP 200 without choices", 200, null);
        }
        ChatResponse.Choice first = choices.getFirst();
        if (first.error() != null) {
            throw failure(UpstreamError.of(first.error()));
        }
        ChatResponse.Message message = first.message();
        if (message == null) {
            throw new MalformedUpstreamResponseException(
                    WHAT + " is unusable: HTTP 200 with a choice without a message", 200, null);
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
        return new UpstreamUnavailableException(summary, status, error.code(), error.message(), null);
    }

    private static @Nullable Integer httpStatus(@Nullable String code) {
        if (code == null || !code.matches("[1-5][0-9]{2}")) {
            return null;
        }
        return Integer.parseInt(code);
    }
}
