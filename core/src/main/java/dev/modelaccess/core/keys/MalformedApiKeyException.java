package dev.modelaccess.core.keys;

import dev.modelaccess.core.ModelAccessException;

/**
 * What a user offered as an OpenRouter API key cannot be one (wrong prefix, length or characters); nothing was
 * sent to OpenRouter and nothing was stored (HTTP: 422). The message says what is wrong, never the value.
 */
public final class MalformedApiKeyException extends ModelAccessException {

    public MalformedApiKeyException(String message) {
        super(message);
    }
}
