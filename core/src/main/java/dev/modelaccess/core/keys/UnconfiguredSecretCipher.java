package dev.modelaccess.core.keys;

import java.util.UUID;

/** See {@link SecretCipher#unconfigured(String)}. */
record UnconfiguredSecretCipher(String hint) implements SecretCipher {

    @Override
    public String encrypt(String plaintext, UUID userId) {
        throw missing();
    }

    @Override
    public String decrypt(String stored, UUID userId) {
        throw missing();
    }

    @Override
    public String primaryKeyId() {
        throw missing();
    }

    @Override
    public String keyIdOf(String stored) {
        throw missing();
    }

    private KeyMaterialMissingException missing() {
        return new KeyMaterialMissingException("No key material is configured for encrypting user keys: " + hint);
    }
}
