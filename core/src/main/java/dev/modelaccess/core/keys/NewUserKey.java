package dev.modelaccess.core.keys;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A verified, encrypted key to store for a user, replacing any key they had. The stored row is enabled; its
 * {@code created_at} is kept when a row existed, its {@code updated_at} is the database's.
 *
 * @param encryptedApiKey the {@link SecretCipher} value; {@link #toString()} leaves it out
 * @param keyId the id of the cipher key {@code encryptedApiKey} is under
 * @param verifiedAt when OpenRouter accepted the key
 * @param details what OpenRouter said about the key; {@code null} when not known
 */
public record NewUserKey(
        UUID userId,
        String encryptedApiKey,
        String keyId,
        String keyHint,
        Instant verifiedAt,
        @Nullable KeyDetails details) {

    public NewUserKey {
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(encryptedApiKey, "encryptedApiKey");
        Objects.requireNonNull(keyId, "keyId");
        Objects.requireNonNull(keyHint, "keyHint");
        Objects.requireNonNull(verifiedAt, "verifiedAt");
    }

    /** A key stored without OpenRouter's details. */
    public NewUserKey(UUID userId, String encryptedApiKey, String keyId, String keyHint, Instant verifiedAt) {
        this(userId, encryptedApiKey, keyId, keyHint, verifiedAt, null);
    }

    @Override
    public String toString() {
        return "NewUserKey[userId=" + userId + ", keyId=" + keyId + ", keyHint=" + keyHint + ", verifiedAt="
                + verifiedAt + ", details=" + details + "]";
    }
}
