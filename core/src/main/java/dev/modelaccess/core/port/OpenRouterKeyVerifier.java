package dev.modelaccess.core.port;

import dev.modelaccess.core.keys.OpenRouterApiKey;

/** Checks a user's own OpenRouter API key against OpenRouter ({@code GET /key}). */
public interface OpenRouterKeyVerifier {

    /**
     * Asks OpenRouter whether the key works. Never throws for an upstream problem: an outage is {@link
     * KeyVerification.Unavailable}, never {@link KeyVerification.Invalid}. The key is never logged nor put in any
     * message.
     */
    KeyVerification verifyKey(OpenRouterApiKey apiKey);
}
