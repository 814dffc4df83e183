package dev.modelaccess.testsupport.keys;

import dev.modelaccess.core.keys.SecretCipher;
import dev.modelaccess.core.keys.SecretDecryptionException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.UUID;

/**
 * A reversible stand-in for a real cipher with the same contract: a key id in the value, the user bound, several
 * keys after a rotation, clear errors. Not encryption: the plaintext is merely base64-encoded backwards.
 */
final class FakeCipher implements SecretCipher {

    private final Set<String> keyIds = new LinkedHashSet<>();
    private String primary;
    private int counter;

    FakeCipher(String primary) {
        this.primary = primary;
        keyIds.add(primary);
    }

    /** Adds a key and makes it primary; older values still decrypt. */
    void rotateTo(String keyId) {
        keyIds.add(keyId);
        primary = keyId;
    }

    /** Forgets a key: values under it no longer decrypt. */
    void forget(String keyId) {
        keyIds.remove(keyId);
    }

    @Override
    public String encrypt(String plaintext, UUID userId) {
        String reversed = new StringBuilder(plaintext).reverse().toString();
        return "fake:" + primary + ":" + userId + ":" + (counter++) + ":"
                + Base64.getEncoder().encodeToString(reversed.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public String decrypt(String stored, UUID userId) {
        String[] parts = parts(stored);
        if (!keyIds.contains(parts[1])) {
            throw new SecretDecryptionException("unknown key id " + parts[1]);
        }
        if (!parts[2].equals(userId.toString())) {
            throw new SecretDecryptionException("value belongs to another user");
        }
        String reversed = new String(Base64.getDecoder().decode(parts[4]), StandardCharsets.UTF_8);
        return new StringBuilder(reversed).reverse().toString();
    }

    @Override
    public String primaryKeyId() {
        return primary;
    }

    @Override
    public String keyIdOf(String stored) {
        return parts(stored)[1];
    }

    private static String[] parts(String stored) {
        String[] parts = stored.split(":", -1);
        if (parts.length != 5 || !parts[0].equals("fake")) {
            throw new SecretDecryptionException("not a fake cipher value");
        }
        return parts;
    }
}
