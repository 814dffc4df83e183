package dev.modelaccess.core.keys;

import dev.modelaccess.core.ModelAccessException;
import java.util.UUID;

/**
 * OpenRouter could not say whether the key a user tried to save is good; nothing was stored and the user may try
 * again later (HTTP: 503).
 */
public final class KeyVerificationUnavailableException extends ModelAccessException {

    private final UUID userId;
    private final String reason;

    public KeyVerificationUnavailableException(UUID userId, String reason) {
        super("Could not verify the API key offered by user " + userId + " with OpenRouter: " + reason);
        this.userId = userId;
        this.reason = reason;
    }

    public UUID userId() {
        return userId;
    }

    public String reason() {
        return reason;
    }
}
