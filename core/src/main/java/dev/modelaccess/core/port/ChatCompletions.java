package dev.modelaccess.core.port;

import dev.modelaccess.core.keys.OpenRouterApiKey;

/**
 * Runs a chat completion on OpenRouter ({@code POST /chat/completions}) with a user's own key, so the user pays
 * for it.
 */
public interface ChatCompletions {

    /**
     * Asks the model for one completion, authenticated with {@code apiKey}. The key is never logged nor put in any
     * message.
     *
     * @throws dev.modelaccess.core.UpstreamRejectedException when OpenRouter refuses the request; {@link
     *     dev.modelaccess.core.UpstreamException#status()} says why: 401 the key is invalid, 402 its account has
     *     too few credits, 403 the input was flagged by moderation, 400 the request does not suit the model
     * @throws dev.modelaccess.core.UpstreamUnavailableException when OpenRouter cannot be reached, times out, keeps
     *     rate-limiting (status 429) or fails (5xx)
     * @throws dev.modelaccess.core.MalformedUpstreamResponseException when the answer cannot be read
     */
    ChatCompletion complete(OpenRouterApiKey apiKey, ChatRequest request);
}
