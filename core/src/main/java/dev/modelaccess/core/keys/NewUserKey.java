package dev.modelaccess.core.keys;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * A verified, encrypted key to store for a user, replacing any key they had. The stored row is enabled; its
 * {@code created_at} is kept when a row existed, its {@code updated_at} is the database's.
 *
 * @param encryptedApiKey the {@link SecretCipher} value; {@link #toString()} leaves it out
 * @param keyId the id of the cipher key {@code encryptedApiKey} is under
 * @param verifiedAt when OpenRouter accepted the key
 */
public record NewUserKey(UUID userId, String encryptedApiKey, String keyId, String keyHint, Instant verifiedAt) {

    public NewUserKey {
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(encryptedApiKey, "encryptedApiKey");
        Objects.requireNonNull(keyId, "keyId");
        Objects.requireNonNull(keyHint, "keyHint");
        Objects.requireNonNull(verifiedAt, "verifiedAt");
    }

    @Override
    public String toString() {
        return "NewUserKey[userId=" + userId + ", keyId=" + keyId + ", keyHint=" + keyHint + ", verifiedAt="
                + verifiedAt + "]";
    }
}
