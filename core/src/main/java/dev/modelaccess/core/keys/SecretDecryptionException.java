package dev.modelaccess.core.keys;

/**
 * A stored secret does not decrypt: it is not in the cipher's format, it is truncated or altered, it was written
 * under a key the cipher does not hold (an unknown key id), or it belongs to another user (the user id is bound
 * as associated data). A cipher never answers {@code null} instead of throwing this.
 */
public final class SecretDecryptionException extends SecretCipherException {

    public SecretDecryptionException(String message) {
        super(message);
    }

    public SecretDecryptionException(String message, Throwable cause) {
        super(message, cause);
    }
}
