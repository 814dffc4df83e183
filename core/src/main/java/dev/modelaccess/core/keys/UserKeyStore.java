package dev.modelaccess.core.keys;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * Where users' encrypted OpenRouter keys live ({@code user_openrouter_integrations}, one row per user). The store
 * only loads and saves; it never sees a key in clear. Every write that follows a read of the same row takes the
 * value it read ({@code expectedEncryptedKey}) and writes nothing when the row has changed since, so a batch job
 * never overwrites a key the user has just replaced.
 */
public interface UserKeyStore {

    Optional<StoredUserKey> find(UUID userId);

    /** Inserts or replaces the user's row: valid, enabled, verified at {@code key.verifiedAt()}. */
    StoredUserKey upsert(NewUserKey key);

    /** Deletes the user's row; whether there was one. */
    boolean delete(UUID userId);

    /** Switches the user's key on or off; the row as it is now, or empty when there is none. */
    Optional<StoredUserKey> setEnabled(UUID userId, boolean enabled);

    /**
     * Up to {@code limit} rows ordered by user id, starting after {@code afterUserId} (from the first row when
     * {@code null}): keyset pagination for batch jobs.
     */
    List<StoredUserKey> page(@Nullable UUID afterUserId, int limit);

    /** Like {@link #page(UUID, int)}, but only rows whose key id is not {@code keyId}: rows to re-encrypt. */
    List<StoredUserKey> pageNotUnderKey(String keyId, @Nullable UUID afterUserId, int limit);

    /**
     * Replaces the encrypted value of a row (re-encryption), leaving every other column as it is.
     *
     * @return whether the row was written; {@code false} when it is gone or its value is no longer {@code
     *     expectedEncryptedKey}
     */
    boolean replaceEncryptedKey(UUID userId, String expectedEncryptedKey, String encryptedKey, String keyId);

    /**
     * Records what OpenRouter said about a row's key: whether it is valid, when it said so, and, when it accepted
     * the key, its details.
     *
     * @param details what OpenRouter said about an accepted key; {@code null} leaves the stored details as they are
     * @return whether the row was written; {@code false} when it is gone or its value is no longer {@code
     *     expectedEncryptedKey}
     */
    boolean markVerified(
            UUID userId, String expectedEncryptedKey, boolean valid, @Nullable KeyDetails details, Instant verifiedAt);

    /** {@link #markVerified(UUID, String, boolean, KeyDetails, Instant)} leaving the stored details as they are. */
    default boolean markVerified(UUID userId, String expectedEncryptedKey, boolean valid, Instant verifiedAt) {
        return markVerified(userId, expectedEncryptedKey, valid, null, verifiedAt);
    }
}
