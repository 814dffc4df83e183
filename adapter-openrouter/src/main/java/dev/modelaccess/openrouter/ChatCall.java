package dev.modelaccess.openrouter;

import dev.modelaccess.core.UpstreamException;
import dev.modelaccess.core.keys.OpenRouterApiKey;
import dev.modelaccess.core.port.ChatCompletion;
import dev.modelaccess.core.port.ChatRequest;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@code POST /chat/completions} with a user's key. */
final class ChatCall {

    private static final Logger log = LoggerFactory.getLogger(OpenRouterClient.class);

    private ChatCall() {}

    /** See {@link OpenRouterClient#complete(OpenRouterApiKey, ChatRequest)}. */
    static ChatCompletion complete(OpenRouterApi chatApi, OpenRouterApiKey apiKey, ChatRequest request) {
        String key = UpstreamCalls.bearerKey(apiKey.value());
        ChatCompletionBody.Request body = ChatCompletionBody.Request.of(request);
        long started = System.nanoTime();
        try {
            ChatCompletion completion =
                    ChatCompletionBody.read(UpstreamCalls.call(() -> chatApi.chatCompletion(key, body)), request);
            log.debug(
                    "OpenRouter completed a chat on {} in {} ms",
                    completion.model(),
                    Duration.ofNanos(System.nanoTime() - started).toMillis());
            return completion;
        } catch (UpstreamException e) {
            log.info("A chat completion on {} failed: {}", request.model(), UpstreamCalls.redact(e.getMessage(), key));
            throw e;
        }
    }
}
