package dev.modelaccess.core.keys;

/**
 * No key material is configured, so user keys can be neither stored nor used (HTTP: 503). See {@link
 * SecretCipher#unconfigured(String)}.
 */
public final class KeyMaterialMissingException extends SecretCipherException {

    public KeyMaterialMissingException(String message) {
        super(message);
    }
}
