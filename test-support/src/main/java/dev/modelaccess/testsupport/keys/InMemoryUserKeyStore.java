package dev.modelaccess.testsupport.keys;

import dev.modelaccess.core.keys.KeyDetails;
import dev.modelaccess.core.keys.NewUserKey;
import dev.modelaccess.core.keys.StoredUserKey;
import dev.modelaccess.core.keys.UserKeyStore;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/**
 * A {@link UserKeyStore} in memory, for tests of code that uses one. It passes {@link UserKeyStoreContract}, so it
 * behaves like the PostgreSQL store: rows in PostgreSQL's uuid order, {@code created_at} kept on replace, {@code
 * updated_at} moved on every write (from the given clock, standing in for the database's {@code now()}).
 * Thread-safe.
 */
public final class InMemoryUserKeyStore implements UserKeyStore {

    /** PostgreSQL orders uuid by its 16 bytes, unsigned; {@link UUID#compareTo} compares signed longs. */
    public static final Comparator<UUID> POSTGRES_UUID_ORDER = (a, b) -> {
        int high = Long.compareUnsigned(a.getMostSignificantBits(), b.getMostSignificantBits());
        return high != 0 ? high : Long.compareUnsigned(a.getLeastSignificantBits(), b.getLeastSignificantBits());
    };

    private final TreeMap<UUID, StoredUserKey> rows = new TreeMap<>(POSTGRES_UUID_ORDER);
    private final Clock clock;

    public InMemoryUserKeyStore(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public InMemoryUserKeyStore() {
        this(Clock.systemUTC());
    }

    /** Puts a row as it is, replacing the user's row: for tests that tamper with what the database holds. */
    public synchronized void put(StoredUserKey row) {
        rows.put(row.userId(), row);
    }

    /** Every row, in PostgreSQL's uuid order. */
    public synchronized List<StoredUserKey> all() {
        return List.copyOf(rows.values());
    }

    @Override
    public synchronized Optional<StoredUserKey> find(UUID userId) {
        return Optional.ofNullable(rows.get(userId));
    }

    @Override
    public synchronized StoredUserKey upsert(NewUserKey key) {
        Instant now = clock.instant();
        StoredUserKey old = rows.get(key.userId());
        StoredUserKey row = new StoredUserKey(
                key.userId(),
                key.encryptedApiKey(),
                key.keyId(),
                key.keyHint(),
                true,
                key.verifiedAt(),
                true,
                old == null ? now : old.createdAt(),
                now,
                key.details());
        rows.put(key.userId(), row);
        return row;
    }

    @Override
    public synchronized boolean delete(UUID userId) {
        return rows.remove(userId) != null;
    }

    @Override
    public synchronized Optional<StoredUserKey> setEnabled(UUID userId, boolean enabled) {
        StoredUserKey old = rows.get(userId);
        if (old == null) {
            return Optional.empty();
        }
        StoredUserKey row = with(
                old, old.encryptedApiKey(), old.keyId(), old.valid(), old.lastVerifiedAt(), enabled, old.details());
        rows.put(userId, row);
        return Optional.of(row);
    }

    @Override
    public synchronized List<StoredUserKey> page(@Nullable UUID afterUserId, int limit) {
        return page(afterUserId, limit, row -> true);
    }

    @Override
    public synchronized List<StoredUserKey> pageNotUnderKey(String keyId, @Nullable UUID afterUserId, int limit) {
        return page(afterUserId, limit, row -> !row.keyId().equals(keyId));
    }

    @Override
    public synchronized boolean replaceEncryptedKey(
            UUID userId, String expectedEncryptedKey, String encryptedKey, String keyId) {
        StoredUserKey old = rows.get(userId);
        if (old == null || !old.encryptedApiKey().equals(expectedEncryptedKey)) {
            return false;
        }
        rows.put(
                userId,
                with(old, encryptedKey, keyId, old.valid(), old.lastVerifiedAt(), old.enabled(), old.details()));
        return true;
    }

    @Override
    public synchronized boolean markVerified(
            UUID userId, String expectedEncryptedKey, boolean valid, @Nullable KeyDetails details, Instant verifiedAt) {
        StoredUserKey old = rows.get(userId);
        if (old == null || !old.encryptedApiKey().equals(expectedEncryptedKey)) {
            return false;
        }
        rows.put(
                userId,
                with(
                        old,
                        old.encryptedApiKey(),
                        old.keyId(),
                        valid,
                        verifiedAt,
                        old.enabled(),
                        details == null ? old.details() : details));
        return true;
    }

    private List<StoredUserKey> page(@Nullable UUID afterUserId, int limit, Predicate<StoredUserKey> filter) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be positive, was " + limit);
        }
        List<StoredUserKey> page = new ArrayList<>();
        for (StoredUserKey row : (afterUserId == null ? rows : rows.tailMap(afterUserId, false)).values()) {
            if (page.size() == limit) {
                break;
            }
            if (filter.test(row)) {
                page.add(row);
            }
        }
        return page;
    }

    private StoredUserKey with(
            StoredUserKey old,
            String encryptedKey,
            String keyId,
            boolean valid,
            @Nullable Instant lastVerifiedAt,
            boolean enabled,
            @Nullable KeyDetails details) {
        return new StoredUserKey(
                old.userId(),
                encryptedKey,
                keyId,
                old.keyHint(),
                valid,
                lastVerifiedAt,
                enabled,
                old.createdAt(),
                clock.instant(),
                details);
    }
}
