package dev.modelaccess.core.keys;

import dev.modelaccess.core.ModelAccessException;
import java.util.UUID;

/** A user has no OpenRouter key that may be used right now (HTTP: 409). {@link #reason()} says why. */
public final class NoUsableKeyException extends ModelAccessException {

    /** Why no key may be used. */
    public enum Reason {
        /** The user never stored a key, or deleted it. */
        NONE("has no stored OpenRouter key"),
        /** The key is stored but switched off. */
        DISABLED("has switched their OpenRouter key off"),
        /** OpenRouter refused the key when it was last verified. */
        INVALID("has an OpenRouter key that OpenRouter no longer accepts");

        private final String description;

        Reason(String description) {
            this.description = description;
        }
    }

    private final UUID userId;
    private final Reason reason;

    public NoUsableKeyException(UUID userId, Reason reason) {
        super("User " + userId + " " + reason.description);
        this.userId = userId;
        this.reason = reason;
    }

    /** With the failure that showed the key to be unusable (OpenRouter refusing it during a run). */
    public NoUsableKeyException(UUID userId, Reason reason, Throwable cause) {
        super("User " + userId + " " + reason.description, cause);
        this.userId = userId;
        this.reason = reason;
    }

    public UUID userId() {
        return userId;
    }

    public Reason reason() {
        return reason;
    }
}
