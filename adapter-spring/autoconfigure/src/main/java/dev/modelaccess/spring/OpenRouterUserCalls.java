package dev.modelaccess.spring;

import dev.modelaccess.core.keys.OpenRouterApiKey;
import dev.modelaccess.core.port.ChatCompletion;
import dev.modelaccess.core.port.ChatCompletions;
import dev.modelaccess.core.port.ChatRequest;
import dev.modelaccess.core.port.KeyVerification;
import dev.modelaccess.core.port.OpenRouterKeyVerifier;
import dev.modelaccess.openrouter.OpenRouterClient;
import java.util.Objects;

/**
 * The calls made with users' own keys (key checks, chat completions) through an {@link OpenRouterClient} of their
 * own, for an application that replaced the catalog client. Deliberately not a {@link
 * dev.modelaccess.core.port.ModelCatalogSource}, so it never competes with the application's.
 */
public final class OpenRouterUserCalls implements OpenRouterKeyVerifier, ChatCompletions, AutoCloseable {

    private final OpenRouterClient client;

    public OpenRouterUserCalls(OpenRouterClient client) {
        this.client = Objects.requireNonNull(client, "client");
    }

    @Override
    public KeyVerification verifyKey(OpenRouterApiKey apiKey) {
        return client.verifyKey(apiKey);
    }

    @Override
    public ChatCompletion complete(OpenRouterApiKey apiKey, ChatRequest request) {
        return client.complete(apiKey, request);
    }

    @Override
    public void close() {
        client.close();
    }
}
