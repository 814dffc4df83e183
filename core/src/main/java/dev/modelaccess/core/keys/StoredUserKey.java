package dev.modelaccess.core.keys;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * One row of {@code user_openrouter_integrations}, as the {@link UserKeyStore} holds it.
 *
 * @param encryptedApiKey the {@link SecretCipher} value; {@link #toString()} leaves it out
 * @param keyId the id of the cipher key {@code encryptedApiKey} is under
 * @param keyHint what may be shown of the key, e.g. {@code sk-or-v1-…6e7}
 * @param valid whether OpenRouter accepted the key when it was last verified
 * @param lastVerifiedAt when OpenRouter last gave a definite answer about the key
 * @param enabled whether the user lets the key be used
 * @param details what OpenRouter said about the key when it last accepted it; {@code null} when not known (a key
 *     stored before the library kept them)
 */
public record StoredUserKey(
        UUID userId,
        String encryptedApiKey,
        String keyId,
        String keyHint,
        boolean valid,
        @Nullable Instant lastVerifiedAt,
        boolean enabled,
        Instant createdAt,
        Instant updatedAt,
        @Nullable KeyDetails details) {

    public StoredUserKey {
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(encryptedApiKey, "encryptedApiKey");
        Objects.requireNonNull(keyId, "keyId");
        Objects.requireNonNull(keyHint, "keyHint");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
    }

    /** What the user may see: the hint and the status, not the key. */
    public UserKeyStatus status() {
        return new UserKeyStatus(keyHint, valid, lastVerifiedAt, enabled, createdAt, updatedAt, details);
    }

    @Override
    public String toString() {
        return "StoredUserKey[userId=" + userId + ", keyId=" + keyId + ", keyHint=" + keyHint + ", valid=" + valid
                + ", lastVerifiedAt=" + lastVerifiedAt + ", enabled=" + enabled + ", createdAt=" + createdAt
                + ", updatedAt=" + updatedAt + ", details=" + details + "]";
    }
}
