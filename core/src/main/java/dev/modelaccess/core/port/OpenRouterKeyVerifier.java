package dev.modelaccess.core.port;

/** Checks a user's OpenRouter API key against OpenRouter ({@code GET {base-url}/key} with the key as bearer). */
@FunctionalInterface
public interface OpenRouterKeyVerifier {

    /**
     * Asks OpenRouter about {@code apiKey}. Ordinary outcomes — accepted, refused, OpenRouter unreachable — are
     * answers, not exceptions. The key is never logged nor put in a message.
     */
    KeyVerification verify(String apiKey);
}
