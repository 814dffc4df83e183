package dev.modelaccess.core.keys;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** An in-memory {@link UserKeyStore}; its clock stands in for the database's {@code now()}. */
final class FakeUserKeyStore implements UserKeyStore {

    private final Map<UUID, StoredUserKey> rows = new TreeMap<>(FakeUserKeyStore::compare);
    private final Clock clock;

    FakeUserKeyStore(Clock clock) {
        this.clock = clock;
    }

    /** Postgres orders uuid by its bytes, unsigned; {@link UUID#compareTo} compares signed longs. */
    static int compare(UUID a, UUID b) {
        int high = Long.compareUnsigned(a.getMostSignificantBits(), b.getMostSignificantBits());
        return high != 0 ? high : Long.compareUnsigned(a.getLeastSignificantBits(), b.getLeastSignificantBits());
    }

    void put(StoredUserKey row) {
        rows.put(row.userId(), row);
    }

    List<StoredUserKey> all() {
        return List.copyOf(rows.values());
    }

    @Override
    public Optional<StoredUserKey> find(UUID userId) {
        return Optional.ofNullable(rows.get(userId));
    }

    @Override
    public StoredUserKey upsert(NewUserKey key) {
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
                now);
        rows.put(key.userId(), row);
        return row;
    }

    @Override
    public boolean delete(UUID userId) {
        return rows.remove(userId) != null;
    }

    @Override
    public Optional<StoredUserKey> setEnabled(UUID userId, boolean enabled) {
        StoredUserKey old = rows.get(userId);
        if (old == null) {
            return Optional.empty();
        }
        StoredUserKey row = new StoredUserKey(
                userId,
                old.encryptedApiKey(),
                old.keyId(),
                old.keyHint(),
                old.valid(),
                old.lastVerifiedAt(),
                enabled,
                old.createdAt(),
                clock.instant());
        rows.put(userId, row);
        return Optional.of(row);
    }

    @Override
    public List<StoredUserKey> page(@Nullable UUID afterUserId, int limit) {
        List<StoredUserKey> page = new ArrayList<>();
        for (StoredUserKey row : rows.values()) {
            if ((afterUserId == null || compare(row.userId(), afterUserId) > 0) && page.size() < limit) {
                page.add(row);
            }
        }
        return page;
    }

    @Override
    public List<StoredUserKey> pageNotUnderKey(String keyId, @Nullable UUID afterUserId, int limit) {
        List<StoredUserKey> page = new ArrayList<>();
        for (StoredUserKey row : rows.values()) {
            if (!row.keyId().equals(keyId)
                    && (afterUserId == null || compare(row.userId(), afterUserId) > 0)
                    && page.size() < limit) {
                page.add(row);
            }
        }
        return page;
    }

    @Override
    public boolean replaceEncryptedKey(UUID userId, String expectedEncryptedKey, String encryptedKey, String keyId) {
        StoredUserKey old = rows.get(userId);
        if (old == null || !old.encryptedApiKey().equals(expectedEncryptedKey)) {
            return false;
        }
        rows.put(
                userId,
                new StoredUserKey(
                        userId,
                        encryptedKey,
                        keyId,
                        old.keyHint(),
                        old.valid(),
                        old.lastVerifiedAt(),
                        old.enabled(),
                        old.createdAt(),
                        clock.instant()));
        return true;
    }

    @Override
    public boolean markVerified(UUID userId, String expectedEncryptedKey, boolean valid, Instant verifiedAt) {
        StoredUserKey old = rows.get(userId);
        if (old == null || !old.encryptedApiKey().equals(expectedEncryptedKey)) {
            return false;
        }
        rows.put(
                userId,
                new StoredUserKey(
                        userId,
                        old.encryptedApiKey(),
                        old.keyId(),
                        old.keyHint(),
                        valid,
                        verifiedAt,
                        old.enabled(),
                        old.createdAt(),
                        clock.instant()));
        return true;
    }
}
