package dev.modelaccess.core.keys;

import java.util.Objects;
import java.util.UUID;

/**
 * Encrypts secrets at rest (users' OpenRouter keys), bound to the user they belong to: a value copied to another
 * user's row does not decrypt.
 *
 * <p>A stored value is text that carries the id of the key it was written under ({@link #keyIdOf(String)}), so a
 * cipher holding several keys (after a rotation) knows which one opens it, and a re-encrypt job can find the
 * values not yet under the {@link #primaryKeyId() primary} key.
 *
 * <p>Implementations never answer {@code null} and never put a plaintext or key material in an exception message.
 */
public interface SecretCipher {

    /**
     * Encrypts {@code plaintext} under the primary key, with {@code userId} as associated data. Two calls with the
     * same arguments give different values (a fresh nonce each time).
     *
     * @return the value to store
     * @throws SecretCipherException when encryption is impossible (for example no key material)
     */
    String encrypt(String plaintext, UUID userId);

    /**
     * Decrypts a value {@link #encrypt(String, UUID) encrypted} for the same {@code userId}.
     *
     * @throws SecretDecryptionException when the value is malformed, truncated, altered, under an unknown key, or
     *     another user's
     * @throws SecretCipherException when decryption is impossible for another reason (for example no key material)
     */
    String decrypt(String stored, UUID userId);

    /** The id of the key new values are written under. */
    String primaryKeyId();

    /**
     * The id of the key {@code stored} claims to be written under, read without decrypting.
     *
     * @throws SecretDecryptionException when the value is not in this cipher's format
     */
    String keyIdOf(String stored);

    /** Whether {@code stored} is under a key other than the primary one and should be re-encrypted. */
    default boolean needsReencryption(String stored) {
        return !keyIdOf(stored).equals(primaryKeyId());
    }

    /**
     * A cipher for an application that has no key material configured: every operation throws {@link
     * KeyMaterialMissingException} with {@code hint} (say how to configure keys) in its message.
     */
    static SecretCipher unconfigured(String hint) {
        Objects.requireNonNull(hint, "hint");
        return new UnconfiguredSecretCipher(hint);
    }
}
