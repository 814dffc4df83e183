package dev.modelaccess.core.keys;

import dev.modelaccess.core.ModelAccessException;
import java.util.UUID;

/** OpenRouter refused the key a user tried to save (unknown, revoked, expired); nothing was stored (HTTP: 422). */
public final class ApiKeyRejectedException extends ModelAccessException {

    private final UUID userId;
    private final String reason;

    public ApiKeyRejectedException(UUID userId, String reason) {
        super("OpenRouter refused the API key offered by user " + userId + ": " + reason);
        this.userId = userId;
        this.reason = reason;
    }

    public UUID userId() {
        return userId;
    }

    /** Why, as far as OpenRouter said. */
    public String reason() {
        return reason;
    }
}
