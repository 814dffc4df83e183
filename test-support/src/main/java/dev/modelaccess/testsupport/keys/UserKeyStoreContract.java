package dev.modelaccess.testsupport.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modelaccess.core.keys.KeyDetails;
import dev.modelaccess.core.keys.NewUserKey;
import dev.modelaccess.core.keys.StoredUserKey;
import dev.modelaccess.core.keys.UserKeyStore;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link UserKeyStore} does. Extend it in the adapter's tests and implement {@link #store()}; each test
 * starts from an empty store (emptied through the port itself).
 */
public abstract class UserKeyStoreContract {

    protected static final Instant VERIFIED_AT = Instant.parse("2026-03-01T10:15:30.123456Z");
    protected static final Instant LATER = Instant.parse("2026-03-02T08:00:00.000001Z");

    /** Ordered by PostgreSQL's uuid order; {@link UUID#compareTo} would put them in another order. */
    protected static final UUID LOW = UUID.fromString("00000000-0000-4000-8000-000000000001");

    protected static final UUID MIDDLE = UUID.fromString("7fffffff-ffff-4fff-bfff-ffffffffffff");
    protected static final UUID HIGH = UUID.fromString("80000000-0000-4000-8000-000000000000");
    protected static final UUID HIGHEST = UUID.fromString("ffffffff-ffff-4fff-bfff-ffffffffffff");

    /** The store under test. */
    protected abstract UserKeyStore store();

    @BeforeEach
    void startEmpty() {
        List<StoredUserKey> rows;
        while (!(rows = store().page(null, 500)).isEmpty()) {
            rows.forEach(row -> store().delete(row.userId()));
        }
    }

    protected static NewUserKey key(UUID userId, String encrypted, String keyId) {
        return new NewUserKey(
                userId, encrypted, keyId, "sk-or-v1-…" + encrypted.substring(encrypted.length() - 3), VERIFIED_AT);
    }

    @Test
    void aUserWithoutAKeyHasNoRow() {
        assertThat(store().find(LOW)).isEmpty();
    }

    @Test
    void aStoredKeyIsValidEnabledAndVerifiedWhenOpenRouterAcceptedIt() {
        StoredUserKey stored = store().upsert(key(LOW, "v1:1:cipher-aaa", "1"));

        assertThat(stored.userId()).isEqualTo(LOW);
        assertThat(stored.encryptedApiKey()).isEqualTo("v1:1:cipher-aaa");
        assertThat(stored.keyId()).isEqualTo("1");
        assertThat(stored.keyHint()).isEqualTo("sk-or-v1-…aaa");
        assertThat(stored.valid()).isTrue();
        assertThat(stored.enabled()).isTrue();
        assertThat(stored.lastVerifiedAt()).isEqualTo(VERIFIED_AT);
        assertThat(stored.updatedAt()).isAfterOrEqualTo(stored.createdAt());
        assertThat(store().find(LOW)).contains(stored);
    }

    @Test
    void storingAgainReplacesTheKeyKeepsCreatedAtAndMakesItValidAndEnabledAgain() {
        StoredUserKey first = store().upsert(key(LOW, "v1:1:cipher-aaa", "1"));
        store().markVerified(LOW, first.encryptedApiKey(), false, LATER);
        store().setEnabled(LOW, false);

        StoredUserKey second = store().upsert(new NewUserKey(LOW, "v1:2:cipher-bbb", "2", "sk-or-v1-…bbb", LATER));

        assertThat(second)
                .returns("v1:2:cipher-bbb", StoredUserKey::encryptedApiKey)
                .returns("2", StoredUserKey::keyId)
                .returns("sk-or-v1-…bbb", StoredUserKey::keyHint)
                .returns(true, StoredUserKey::valid)
                .returns(true, StoredUserKey::enabled)
                .returns(LATER, StoredUserKey::lastVerifiedAt)
                .returns(first.createdAt(), StoredUserKey::createdAt);
        assertThat(second.updatedAt()).isAfterOrEqualTo(first.updatedAt());
        assertThat(store().find(LOW)).contains(second);
    }

    @Test
    void eachUserHasTheirOwnRow() {
        store().upsert(key(LOW, "v1:1:cipher-aaa", "1"));
        store().upsert(key(HIGH, "v1:1:cipher-bbb", "1"));

        assertThat(store().find(LOW).orElseThrow().encryptedApiKey()).isEqualTo("v1:1:cipher-aaa");
        assertThat(store().find(HIGH).orElseThrow().encryptedApiKey()).isEqualTo("v1:1:cipher-bbb");
    }

    @Test
    void deletingRemovesOnlyThatUsersRowAndSaysWhetherThereWasOne() {
        store().upsert(key(LOW, "v1:1:cipher-aaa", "1"));
        store().upsert(key(HIGH, "v1:1:cipher-bbb", "1"));

        assertThat(store().delete(LOW)).isTrue();
        assertThat(store().delete(LOW)).isFalse();
        assertThat(store().find(LOW)).isEmpty();
        assertThat(store().find(HIGH)).isPresent();
    }

    @Test
    void aKeyIsSwitchedOffAndOnWithoutChangingAnythingElse() {
        StoredUserKey stored = store().upsert(key(LOW, "v1:1:cipher-aaa", "1"));

        StoredUserKey off = store().setEnabled(LOW, false).orElseThrow();

        assertThat(off.enabled()).isFalse();
        assertThat(off)
                .usingRecursiveComparison()
                .ignoringFields("enabled", "updatedAt")
                .isEqualTo(stored);
        assertThat(store().setEnabled(LOW, true).orElseThrow().enabled()).isTrue();
    }

    @Test
    void switchingTheKeyOfAUserWithoutOneFindsNothing() {
        assertThat(store().setEnabled(LOW, true)).isEmpty();
        assertThat(store().find(LOW)).isEmpty();
    }

    @Test
    void pagesFollowTheDatabasesUuidOrderAndEndWhereTheyShould() {
        for (UUID user : List.of(HIGHEST, LOW, HIGH, MIDDLE)) {
            store().upsert(key(user, "v1:1:cipher-" + user.toString().substring(0, 3), "1"));
        }

        List<UUID> seen = new ArrayList<>();
        @Nullable UUID after = null;
        List<StoredUserKey> page;
        do {
            page = store().page(after, 3);
            page.forEach(row -> seen.add(row.userId()));
            after = page.isEmpty() ? after : page.get(page.size() - 1).userId();
        } while (page.size() == 3);

        assertThat(seen).containsExactly(LOW, MIDDLE, HIGH, HIGHEST);
        assertThat(store().page(HIGHEST, 3)).isEmpty();
        assertThat(store().page(MIDDLE, 1)).extracting(StoredUserKey::userId).containsExactly(HIGH);
    }

    @Test
    void rowsToReencryptAreThoseUnderAnotherKeyInTheSameOrder() {
        store().upsert(key(HIGHEST, "v1:1:cipher-aaa", "1"));
        store().upsert(key(LOW, "v1:1:cipher-bbb", "1"));
        store().upsert(key(MIDDLE, "v1:2:cipher-ccc", "2"));
        store().upsert(key(HIGH, "v1:3:cipher-ddd", "3"));

        assertThat(store().pageNotUnderKey("2", null, 10))
                .extracting(StoredUserKey::userId)
                .containsExactly(LOW, HIGH, HIGHEST);
        assertThat(store().pageNotUnderKey("2", LOW, 1))
                .extracting(StoredUserKey::userId)
                .containsExactly(HIGH);
        assertThat(store().pageNotUnderKey("2", HIGHEST, 10)).isEmpty();
    }

    @Test
    void aPageOfNothingOrLessIsRefused() {
        assertThatThrownBy(() -> store().page(null, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store().pageNotUnderKey("1", null, -1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void reencryptionReplacesTheValueAndKeyIdAndNothingElse() {
        StoredUserKey stored = store().upsert(key(LOW, "v1:1:cipher-aaa", "1"));
        store().setEnabled(LOW, false);

        assertThat(store().replaceEncryptedKey(LOW, "v1:1:cipher-aaa", "v1:2:cipher-zzz", "2"))
                .isTrue();

        assertThat(store().find(LOW).orElseThrow())
                .returns("v1:2:cipher-zzz", StoredUserKey::encryptedApiKey)
                .returns("2", StoredUserKey::keyId)
                .returns(stored.keyHint(), StoredUserKey::keyHint)
                .returns(true, StoredUserKey::valid)
                .returns(false, StoredUserKey::enabled)
                .returns(VERIFIED_AT, StoredUserKey::lastVerifiedAt)
                .returns(stored.createdAt(), StoredUserKey::createdAt);
    }

    @Test
    void reencryptionOfARowThatChangedMeanwhileWritesNothing() {
        store().upsert(key(LOW, "v1:1:cipher-aaa", "1"));
        store().upsert(key(LOW, "v1:1:cipher-new", "1"));

        assertThat(store().replaceEncryptedKey(LOW, "v1:1:cipher-aaa", "v1:2:cipher-zzz", "2"))
                .isFalse();
        assertThat(store().replaceEncryptedKey(HIGH, "v1:1:cipher-aaa", "v1:2:cipher-zzz", "2"))
                .isFalse();

        assertThat(store().find(LOW).orElseThrow().encryptedApiKey()).isEqualTo("v1:1:cipher-new");
        assertThat(store().find(HIGH)).isEmpty();
    }

    @Test
    void verificationRecordsValidityAndTimeAndNothingElse() {
        StoredUserKey stored = store().upsert(key(LOW, "v1:1:cipher-aaa", "1"));

        assertThat(store().markVerified(LOW, "v1:1:cipher-aaa", false, LATER)).isTrue();

        assertThat(store().find(LOW).orElseThrow())
                .returns(false, StoredUserKey::valid)
                .returns(LATER, StoredUserKey::lastVerifiedAt)
                .returns(stored.encryptedApiKey(), StoredUserKey::encryptedApiKey)
                .returns(true, StoredUserKey::enabled)
                .returns(stored.createdAt(), StoredUserKey::createdAt);
        assertThat(store().markVerified(LOW, "v1:1:cipher-aaa", true, LATER.plusSeconds(1)))
                .isTrue();
        assertThat(store().find(LOW).orElseThrow().valid()).isTrue();
    }

    @Test
    void verificationOfARowThatChangedMeanwhileWritesNothing() {
        store().upsert(key(LOW, "v1:1:cipher-aaa", "1"));
        store().upsert(key(LOW, "v1:1:cipher-new", "1"));

        assertThat(store().markVerified(LOW, "v1:1:cipher-aaa", false, LATER)).isFalse();
        assertThat(store().markVerified(HIGH, "v1:1:cipher-aaa", false, LATER)).isFalse();

        assertThat(store().find(LOW).orElseThrow())
                .returns(true, StoredUserKey::valid)
                .returns(VERIFIED_AT, StoredUserKey::lastVerifiedAt);
    }

    // ---- what OpenRouter said about the key (GET /key)

    /** Every detail set, with the precision OpenRouter sends (the shape of a key with a monthly limit). */
    protected static final KeyDetails LIMITED = new KeyDetails(
            "sk-or-v1-012...def",
            new BigDecimal("25.5"),
            new BigDecimal("20.25"),
            "monthly",
            new BigDecimal("0.65017511"),
            false,
            Instant.parse("2027-01-01T00:00:00Z"));

    /** The shape of the real 2026 answer: no limit, no reset, no expiry, free tier. */
    protected static final KeyDetails FREE =
            new KeyDetails("sk-or-v1-f97...6e7", null, null, null, BigDecimal.ZERO, true, null);

    @Test
    void theDetailsOpenRouterGaveAreStoredWithTheKeyAndReadBackAsTheyWere() {
        for (KeyDetails details : List.of(LIMITED, FREE)) {
            StoredUserKey stored =
                    store().upsert(new NewUserKey(LOW, "v1:1:cipher-aaa", "1", "sk-or-v1-…aaa", VERIFIED_AT, details));

            assertThat(stored.details()).isEqualTo(details);
            assertThat(store().find(LOW).orElseThrow().details()).isEqualTo(details);
            assertThat(store().find(LOW).orElseThrow().status().details()).isEqualTo(details);
        }
    }

    @Test
    void aKeyStoredWithoutDetailsHasNoneAndStoringANewKeyReplacesThem() {
        store().upsert(new NewUserKey(LOW, "v1:1:cipher-aaa", "1", "sk-or-v1-…aaa", VERIFIED_AT, LIMITED));

        StoredUserKey replaced = store().upsert(key(LOW, "v1:1:cipher-bbb", "1"));

        assertThat(replaced.details()).isNull();
        assertThat(store().find(LOW).orElseThrow().details()).isNull();
    }

    @Test
    void anAcceptedReverificationRefreshesTheDetailsAndARefusalKeepsThem() {
        store().upsert(new NewUserKey(LOW, "v1:1:cipher-aaa", "1", "sk-or-v1-…aaa", VERIFIED_AT, LIMITED));

        assertThat(store().markVerified(LOW, "v1:1:cipher-aaa", true, FREE, LATER))
                .isTrue();
        assertThat(store().find(LOW).orElseThrow().details()).isEqualTo(FREE);

        assertThat(store().markVerified(LOW, "v1:1:cipher-aaa", false, null, LATER.plusSeconds(1)))
                .isTrue();
        assertThat(store().find(LOW).orElseThrow())
                .returns(false, StoredUserKey::valid)
                .returns(FREE, StoredUserKey::details);
    }

    @Test
    void switchingReencryptingAndAStaleVerificationLeaveTheDetailsAsTheyAre() {
        store().upsert(new NewUserKey(LOW, "v1:1:cipher-aaa", "1", "sk-or-v1-…aaa", VERIFIED_AT, LIMITED));

        store().setEnabled(LOW, false);
        store().replaceEncryptedKey(LOW, "v1:1:cipher-aaa", "v1:2:cipher-aaa", "2");
        assertThat(store().markVerified(LOW, "v1:1:cipher-aaa", true, FREE, LATER))
                .isFalse();

        assertThat(store().find(LOW).orElseThrow().details()).isEqualTo(LIMITED);
    }
}
