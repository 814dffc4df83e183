package dev.modelaccess.jooq;

import static dev.modelaccess.jooq.UserKeyTable.CREATED_AT;
import static dev.modelaccess.jooq.UserKeyTable.ENCRYPTED_API_KEY;
import static dev.modelaccess.jooq.UserKeyTable.IS_ENABLED;
import static dev.modelaccess.jooq.UserKeyTable.IS_VALID;
import static dev.modelaccess.jooq.UserKeyTable.KEY_HINT;
import static dev.modelaccess.jooq.UserKeyTable.KEY_ID;
import static dev.modelaccess.jooq.UserKeyTable.LAST_VERIFIED_AT;
import static dev.modelaccess.jooq.UserKeyTable.ROW;
import static dev.modelaccess.jooq.UserKeyTable.TABLE;
import static dev.modelaccess.jooq.UserKeyTable.UPDATED_AT;
import static dev.modelaccess.jooq.UserKeyTable.USER_ID;

import dev.modelaccess.core.keys.NewUserKey;
import dev.modelaccess.core.keys.StoredUserKey;
import dev.modelaccess.core.keys.UserKeyStore;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.SQLDialect;
import org.jooq.exception.DataAccessException;
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
public final class JooqUserKeyStore implements UserKeyStore {

    private final DSLContext dsl;

    /** A store on the host's {@code DSLContext} (its transactions and settings apply). */
    public JooqUserKeyStore(DSLContext dsl) {
        this.dsl = Objects.requireNonNull(dsl, "dsl");
    }

    /** A store on a plain data source, each statement in its own transaction unless the caller holds one. */
    public JooqUserKeyStore(DataSource dataSource) {
        this(DSL.using(Objects.requireNonNull(dataSource, "dataSource"), SQLDialect.POSTGRES));
    }

    @Override
    public Optional<StoredUserKey> find(UUID userId) {
        Objects.requireNonNull(userId, "userId");
        return run(
                "find the OpenRouter key of user " + userId,
                () -> dsl.select(ROW)
                        .from(TABLE)
                        .where(USER_ID.eq(userId))
                        .fetchOptional(JooqUserKeyStore::toStoredKey));
    }

    @Override
    public StoredUserKey upsert(NewUserKey key) {
        Objects.requireNonNull(key, "key");
        return run(
                "store the OpenRouter key of user " + key.userId(),
                () -> dsl.insertInto(TABLE)
                        .set(USER_ID, key.userId())
                        .set(ENCRYPTED_API_KEY, key.encryptedApiKey())
                        .set(KEY_ID, key.keyId())
                        .set(KEY_HINT, key.keyHint())
                        .set(IS_VALID, true)
                        .set(LAST_VERIFIED_AT, key.verifiedAt())
                        .set(IS_ENABLED, true)
                        .onConflict(USER_ID)
                        .doUpdate()
                        .set(ENCRYPTED_API_KEY, DSL.excluded(ENCRYPTED_API_KEY))
                        .set(KEY_ID, DSL.excluded(KEY_ID))
                        .set(KEY_HINT, DSL.excluded(KEY_HINT))
                        .set(IS_VALID, true)
                        .set(LAST_VERIFIED_AT, DSL.excluded(LAST_VERIFIED_AT))
                        .set(IS_ENABLED, true)
                        .returningResult(ROW)
                        .fetchSingle(JooqUserKeyStore::toStoredKey));
    }

    @Override
    public boolean delete(UUID userId) {
        Objects.requireNonNull(userId, "userId");
        return run(
                "delete the OpenRouter key of user " + userId,
                () -> dsl.deleteFrom(TABLE).where(USER_ID.eq(userId)).execute() > 0);
    }

    @Override
    public Optional<StoredUserKey> setEnabled(UUID userId, boolean enabled) {
        Objects.requireNonNull(userId, "userId");
        return run(
                "switch the OpenRouter key of user " + userId + (enabled ? " on" : " off"),
                () -> dsl.update(TABLE)
                        .set(IS_ENABLED, enabled)
                        .where(USER_ID.eq(userId))
                        .returningResult(ROW)
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
                KEY_ID.ne(keyId), afterUserId, limit, "read a page of users' OpenRouter keys not under key " + keyId);
    }

    private List<StoredUserKey> page(Condition filter, @Nullable UUID afterUserId, int limit, String what) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be positive, was " + limit);
        }
        Condition after = afterUserId == null ? DSL.noCondition() : USER_ID.gt(afterUserId);
        return run(
                what,
                () -> dsl.select(ROW)
                        .from(TABLE)
                        .where(filter)
                        .and(after)
                        .orderBy(USER_ID)
                        .limit(limit)
                        .fetch(JooqUserKeyStore::toStoredKey));
    }

    @Override
    public boolean replaceEncryptedKey(UUID userId, String expectedEncryptedKey, String encryptedKey, String keyId) {
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(expectedEncryptedKey, "expectedEncryptedKey");
        Objects.requireNonNull(encryptedKey, "encryptedKey");
        Objects.requireNonNull(keyId, "keyId");
        return run(
                "re-encrypt the OpenRouter key of user " + userId,
                () -> dsl.update(TABLE)
                                .set(ENCRYPTED_API_KEY, encryptedKey)
                                .set(KEY_ID, keyId)
                                .where(USER_ID.eq(userId))
                                .and(ENCRYPTED_API_KEY.eq(expectedEncryptedKey))
                                .execute()
                        > 0);
    }

    @Override
    public boolean markVerified(UUID userId, String expectedEncryptedKey, boolean valid, Instant verifiedAt) {
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(expectedEncryptedKey, "expectedEncryptedKey");
        Objects.requireNonNull(verifiedAt, "verifiedAt");
        return run(
                "record the verification of the OpenRouter key of user " + userId,
                () -> dsl.update(TABLE)
                                .set(IS_VALID, valid)
                                .set(LAST_VERIFIED_AT, verifiedAt)
                                .where(USER_ID.eq(userId))
                                .and(ENCRYPTED_API_KEY.eq(expectedEncryptedKey))
                                .execute()
                        > 0);
    }

    private static StoredUserKey toStoredKey(Record row) {
        return new StoredUserKey(
                row.get(USER_ID),
                row.get(ENCRYPTED_API_KEY),
                row.get(KEY_ID),
                row.get(KEY_HINT),
                row.get(IS_VALID),
                row.get(LAST_VERIFIED_AT),
                row.get(IS_ENABLED),
                row.get(CREATED_AT),
                row.get(UPDATED_AT));
    }

    private static <T> T run(String what, Supplier<T> statement) {
        try {
            return statement.get();
        } catch (DataAccessException e) {
            throw StoreErrors.translate("Could not " + what, e);
        }
    }
}
