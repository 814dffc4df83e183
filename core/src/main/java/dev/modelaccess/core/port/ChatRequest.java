package dev.modelaccess.core.port;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One chat completion to run: a system prompt (optional) and one user message, for one model.
 *
 * @param model the OpenRouter model id, like {@code openai/gpt-4o-mini}
 * @param systemPrompt sent as the {@code system} message; {@code null} or blank sends none
 * @param userInput sent as the {@code user} message
 */
public record ChatRequest(String model, @Nullable String systemPrompt, String userInput, ChatParams params) {

    public ChatRequest {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(userInput, "userInput");
        Objects.requireNonNull(params, "params");
    }

    /** {@link #toString()} leaves out the prompt and the input, which are the user's and may be long. */
    @Override
    public String toString() {
        return "ChatRequest[model=" + model + ", systemPrompt=" + (systemPrompt == null ? 0 : systemPrompt.length())
                + " chars, userInput=" + userInput.length() + " chars, params=" + params + "]";
    }
}
