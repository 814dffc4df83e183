package dev.modelaccess.jooq;

import static dev.modelaccess.jooq.CatalogRows.instantOrNull;
import static dev.modelaccess.jooq.CatalogRows.time;
import static dev.modelaccess.jooq.CatalogRows.timeOrNull;
import static dev.modelaccess.jooq.Tables.USER_OPENROUTER_INTEGRATIONS;

import dev.modelaccess.core.keys.KeyDetails;
import dev.modelaccess.core.keys.NewUserKey;
import dev.modelaccess.core.keys.StoredUserKey;
import dev.modelaccess.core.keys.UserKeyStore;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.impl.DSL;
import org.jspecify.annotations.Nullable;

/**
 * The {@link UserKeyStore} on PostgreSQL: table {@code user_openrouter_integrations} (migration V10), found through
 * the connection's search path like the library's other tables. Every method is one statement, in the caller's
 * transaction when there is one; the compare-and-set writes ({@link #replaceEncryptedKey}, {@link #markVerified})
 * compare the stored value in their {@code WHERE} clause, so a concurrent change wins without locks.
 *
 * <p>With the Supabase flavor applied the table has {@code FORCE ROW LEVEL SECURITY}: connect as a role with
 * {@code BYPASSRLS} ({@code postgres} or {@code service_role} on Supabase), as a backend does.
 *
 * <p>Database failures surface as {@link dev.modelaccess.core.StoreException}.
 */
final class JooqUserKeyStore implements UserKeyStore {

    private static final UserOpenrouterIntegrations T = USER_OPENROUTER_INTEGRATIONS;

    private final DSLContext dsl;

    /** A store on the host's {@code DSLContext} (its transactions and settings apply). */
    JooqUserKeyStore(DSLContext dsl) {
        this.dsl = Objects.requireNonNull(dsl, "dsl");
    }

    @Override
    public Optional<StoredUserKey> find(UUID userId) {
        Objects.requireNonNull(userId, "userId");
        return run(
                "find the OpenRouter key of user " + userId,
                () -> dsl.selectFrom(T).where(T.USER_ID.eq(userId)).fetchOptional(JooqUserKeyStore::toStoredKey));
    }

    @Override
    public StoredUserKey upsert(NewUserKey key) {
        Objects.requireNonNull(key, "key");
        return run(
                "store the OpenRouter key of user " + key.userId(),
                () -> dsl.insertInto(T)
                        .set(T.USER_ID, key.userId())
                        .set(T.ENCRYPTED_API_KEY, key.encryptedApiKey())
                        .set(T.KEY_ID, key.keyId())
                        .set(T.KEY_HINT, key.keyHint())
                        .set(T.IS_VALID, true)
                        .set(T.LAST_VERIFIED_AT, time(key.verifiedAt()))
                        .set(T.IS_ENABLED, true)
                        .set(details(key.details()))
                        .onConflict(T.USER_ID)
                        .doUpdate()
                        .set(T.ENCRYPTED_API_KEY, DSL.excluded(T.ENCRYPTED_API_KEY))
                        .set(T.KEY_ID, DSL.excluded(T.KEY_ID))
                        .set(T.KEY_HINT, DSL.excluded(T.KEY_HINT))
                        .set(T.IS_VALID, true)
                        .set(T.LAST_VERIFIED_AT, DSL.excluded(T.LAST_VERIFIED_AT))
                        .set(T.IS_ENABLED, true)
                        .set(details(key.details()))
                        .returning()
                        .fetchSingle(JooqUserKeyStore::toStoredKey));
    }

    @Override
    public boolean delete(UUID userId) {
        Objects.requireNonNull(userId, "userId");
        return run(
                "delete the OpenRouter key of user " + userId,
                () -> dsl.deleteFrom(T).where(T.USER_ID.eq(userId)).execute() > 0);
    }

    @Override
    public Optional<StoredUserKey> setEnabled(UUID userId, boolean enabled) {
        Objects.requireNonNull(userId, "userId");
        return run(
                "switch the OpenRouter key of user " + userId + (enabled ? " on" : " off"),
                () -> dsl.update(T)
                        .set(T.IS_ENABLED, enabled)
                        .where(T.USER_ID.eq(userId))
                        .returning()
                        .fetchOptional(JooqUserKeyStore::toStoredKey));
    }

    @Override
    public List<StoredUserKey> page(@Nullable UUID afterUserId, int limit) {
        return page(DSL.noCondition(), afterUserId, limit, "read a page of users' OpenRouter keys");
    }

    @Override
    public List<StoredUserKey> pageNotUnderKey(String keyId, @Nullable UUID afterUserId, int limit) {
        Objects.requireNonNull(keyId, "keyId");
        return page(
                T.KEY_ID.ne(keyId), afterUserId, limit, "read a page of users' OpenRouter keys not under key " + keyId);
    }

    private List<StoredUserKey> page(Condition filter, @Nullable UUID afterUserId, int limit, String what) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be positive, was " + limit);
        }
        Condition after = afterUserId == null ? DSL.noCondition() : T.USER_ID.gt(afterUserId);
        return run(
                what,
                () -> dsl.selectFrom(T)
                        .where(filter)
                        .and(after)
                        .orderBy(T.USER_ID)
                        .limit(limit)
                        .fetch(JooqUserKeyStore::toStoredKey));
    }

    @Override
    public boolean replaceEncryptedKey(UUID userId, String expectedEncryptedKey, String encryptedKey, String keyId) {
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(expectedEncryptedKey, "expectedEncryptedKey");
        Objects.requireNonNull(encryptedKey, "encryptedKey");
        Objects.requireNonNull(keyId, "keyId");
        return compareAndSet(
                "re-encrypt the OpenRouter key of user " + userId,
                userId,
                expectedEncryptedKey,
                Map.of(T.ENCRYPTED_API_KEY, encryptedKey, T.KEY_ID, keyId));
    }

    @Override
    public boolean markVerified(
            UUID userId, String expectedEncryptedKey, boolean valid, @Nullable KeyDetails details, Instant verifiedAt) {
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(expectedEncryptedKey, "expectedEncryptedKey");
        Objects.requireNonNull(verifiedAt, "verifiedAt");
        Map<Field<?>, @Nullable Object> columns = details == null ? new HashMap<>() : details(details);
        columns.put(T.IS_VALID, valid);
        columns.put(T.LAST_VERIFIED_AT, time(verifiedAt));
        return compareAndSet(
                "record the verification of the OpenRouter key of user " + userId,
                userId,
                expectedEncryptedKey,
                columns);
    }

    /** Writes {@code columns} only while the stored key is still {@code expectedEncryptedKey}; whether it did. */
    private boolean compareAndSet(
            String what, UUID userId, String expectedEncryptedKey, Map<? extends Field<?>, ?> columns) {
        return run(
                what,
                () -> dsl.update(T)
                                .set(columns)
                                .where(T.USER_ID.eq(userId))
                                .and(T.ENCRYPTED_API_KEY.eq(expectedEncryptedKey))
                                .execute()
                        > 0);
    }

    /** The detail columns for {@code details}; all null when there are none. */
    private static Map<Field<?>, @Nullable Object> details(@Nullable KeyDetails details) {
        Map<Field<?>, @Nullable Object> columns = new HashMap<>();
        columns.put(T.KEY_LABEL, details == null ? null : details.label());
        columns.put(T.KEY_LIMIT, details == null ? null : details.limit());
        columns.put(T.KEY_LIMIT_REMAINING, details == null ? null : details.limitRemaining());
        columns.put(T.KEY_LIMIT_RESET, details == null ? null : details.limitReset());
        columns.put(T.KEY_USAGE, details == null ? null : details.usage());
        columns.put(T.KEY_IS_FREE_TIER, details == null ? null : details.freeTier());
        columns.put(T.KEY_EXPIRES_AT, details == null ? null : timeOrNull(details.expiresAt()));
        return columns;
    }

    /** The details of a row: none when it has no usage (stored before V11, or never accepted since). */
    private static @Nullable KeyDetails detailsOf(UserOpenrouterIntegrationsRecord row) {
        if (row.getKeyUsage() == null) {
            return null;
        }
        return new KeyDetails(
                row.getKeyLabel(),
                row.getKeyLimit(),
                row.getKeyLimitRemaining(),
                row.getKeyLimitReset(),
                row.getKeyUsage(),
                Boolean.TRUE.equals(row.getKeyIsFreeTier()),
                instantOrNull(row.getKeyExpiresAt()));
    }

    private static StoredUserKey toStoredKey(UserOpenrouterIntegrationsRecord row) {
        return new StoredUserKey(
                row.getUserId(),
                row.getEncryptedApiKey(),
                row.getKeyId(),
                row.getKeyHint(),
                row.getIsValid(),
                instantOrNull(row.getLastVerifiedAt()),
                row.getIsEnabled(),
                row.getCreatedAt().toInstant(),
                row.getUpdatedAt().toInstant(),
                detailsOf(row));
    }

    /** A statement whose database failure comes out as a {@code StoreException} ("Could not " + what). */
    private static <R> R run(String what, Supplier<R> statement) {
        return StoreErrors.guard("Could not " + what, statement);
    }
}
