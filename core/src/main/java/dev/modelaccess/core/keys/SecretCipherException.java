package dev.modelaccess.core.keys;

import dev.modelaccess.core.ModelAccessException;

/**
 * A {@link SecretCipher} could not do its work. Messages name the user and the key id where known, never the
 * plaintext and never key material.
 */
public class SecretCipherException extends ModelAccessException {

    public SecretCipherException(String message) {
        super(message);
    }

    public SecretCipherException(String message, Throwable cause) {
        super(message, cause);
    }
}
