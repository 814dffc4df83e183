package dev.modelaccess.testsupport.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modelaccess.core.keys.ApiKeyRejectedException;
import dev.modelaccess.core.keys.KeyDetails;
import dev.modelaccess.core.keys.KeyMaterialMissingException;
import dev.modelaccess.core.keys.KeyVerificationUnavailableException;
import dev.modelaccess.core.keys.MalformedApiKeyException;
import dev.modelaccess.core.keys.NewUserKey;
import dev.modelaccess.core.keys.NoUsableKeyException;
import dev.modelaccess.core.keys.OpenRouterApiKey;
import dev.modelaccess.core.keys.ReencryptionReport;
import dev.modelaccess.core.keys.ReverificationReport;
import dev.modelaccess.core.keys.SecretCipher;
import dev.modelaccess.core.keys.SecretDecryptionException;
import dev.modelaccess.core.keys.StoredUserKey;
import dev.modelaccess.core.keys.UserKeyStatus;
import dev.modelaccess.core.keys.UserKeyStore;
import dev.modelaccess.core.keys.UserKeys;
import dev.modelaccess.core.port.KeyVerification;
import dev.modelaccess.testsupport.time.MutableClock;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class UserKeysTest {

    static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
    static final String KEY = "sk-or-v1-0123456789abcdef0123456789abcdef0123456789abcdef0123456789abc6e7";
    static final String OTHER_KEY = "sk-or-v1-fedcba9876543210fedcba9876543210fedcba9876543210fedcba98765f00";

    final MutableClock clock = new MutableClock(T0);
    final InMemoryUserKeyStore store = new InMemoryUserKeyStore(clock);
    final FakeCipher cipher = new FakeCipher("k1");
    final FakeVerifier verifier = new FakeVerifier();
    final UserKeys keys = new UserKeys(store, cipher, verifier, clock, 2);
    final UUID alice = UUID.fromString("00000000-0000-4000-8000-00000000a11c");
    final UUID bob = UUID.fromString("00000000-0000-4000-8000-000000000b0b");

    @Nested
    class Saving {

        @Test
        void aVerifiedKeyIsStoredEncryptedWithItsHintValidEnabledAndVerifiedNow() {
            UserKeyStatus status = keys.save(alice, KEY);

            assertThat(status.keyHint()).isEqualTo("sk-or-v1-…6e7");
            assertThat(status.valid()).isTrue();
            assertThat(status.enabled()).isTrue();
            assertThat(status.lastVerifiedAt()).isEqualTo(T0);
            StoredUserKey row = store.find(alice).orElseThrow();
            assertThat(row.encryptedApiKey()).doesNotContain(KEY);
            assertThat(row.keyId()).isEqualTo("k1");
            assertThat(cipher.decrypt(row.encryptedApiKey(), alice)).isEqualTo(KEY);
            assertThat(verifier.asked()).containsExactly(KEY);
        }

        @Test
        void whatOpenRouterSaidAboutTheKeyIsKeptAndShownWithItsStatusButNeverTheKey() {
            KeyVerification.Valid accepted = new KeyVerification.Valid(
                    "sk-or-v1-012...6e7",
                    new BigDecimal("25.5"),
                    new BigDecimal("20.25"),
                    "monthly",
                    new BigDecimal("5.25"),
                    false,
                    Instant.parse("2027-01-01T00:00:00Z"));
            verifier.answer(KEY, accepted);

            UserKeyStatus status = keys.save(alice, KEY);

            assertThat(status.details()).isEqualTo(accepted.details());
            assertThat(status.details())
                    .returns("sk-or-v1-012...6e7", KeyDetails::label)
                    .returns(new BigDecimal("25.5"), KeyDetails::limit)
                    .returns(new BigDecimal("5.25"), KeyDetails::usage)
                    .returns(false, KeyDetails::freeTier)
                    .returns(Instant.parse("2027-01-01T00:00:00Z"), KeyDetails::expiresAt);
            assertThat(keys.status(alice).orElseThrow().details()).isEqualTo(accepted.details());
            assertThat(status.toString()).doesNotContain(KEY);
            assertThat(store.find(alice).orElseThrow().toString()).doesNotContain(KEY);
        }

        @Test
        void theKeyIsVerifiedAsPastedWithoutSurroundingWhiteSpace() {
            keys.save(alice, "\t" + KEY + "\r\n");

            assertThat(verifier.asked()).containsExactly(KEY);
            assertThat(keys.decryptFor(alice).value()).isEqualTo(KEY);
        }

        @Test
        void savingAgainReplacesTheKeyAndKeepsWhenTheRowWasCreated() {
            keys.save(alice, KEY);
            clock.advance(Duration.ofHours(1));

            UserKeyStatus status = keys.save(alice, OTHER_KEY);

            assertThat(status.keyHint()).isEqualTo("sk-or-v1-…f00");
            assertThat(status.createdAt()).isEqualTo(T0);
            assertThat(status.lastVerifiedAt()).isEqualTo(T0.plus(Duration.ofHours(1)));
            assertThat(keys.decryptFor(alice).value()).isEqualTo(OTHER_KEY);
        }

        @Test
        void savingAgainSwitchesADisabledKeyBackOn() {
            keys.save(alice, KEY);
            keys.setEnabled(alice, false);

            assertThat(keys.save(alice, OTHER_KEY).enabled()).isTrue();
        }

        @Test
        void aMalformedKeyIsRefusedBeforeOpenRouterIsAskedAndNothingIsStored() {
            assertThatThrownBy(() -> keys.save(alice, "sk-ant-0123456789abcdef0123456789"))
                    .isInstanceOf(MalformedApiKeyException.class);

            assertThat(verifier.asked()).isEmpty();
            assertThat(store.all()).isEmpty();
        }

        @Test
        void aKeyOpenRouterRefusesIsRejectedAndNothingIsStored() {
            verifier.answer(KEY, new KeyVerification.Invalid("User not found."));

            assertThatThrownBy(() -> keys.save(alice, KEY))
                    .isInstanceOfSatisfying(ApiKeyRejectedException.class, e -> {
                        assertThat(e.userId()).isEqualTo(alice);
                        assertThat(e.reason()).isEqualTo("User not found.");
                    })
                    .message()
                    .doesNotContain(KEY);
            assertThat(store.all()).isEmpty();
        }

        @Test
        void aRefusedKeyLeavesTheKeyStoredEarlierAsItWas() {
            keys.save(alice, KEY);
            StoredUserKey before = store.find(alice).orElseThrow();
            verifier.answer(OTHER_KEY, new KeyVerification.Invalid("User not found."));

            assertThatThrownBy(() -> keys.save(alice, OTHER_KEY)).isInstanceOf(ApiKeyRejectedException.class);

            assertThat(store.find(alice)).contains(before);
        }

        @Test
        void whenOpenRouterCannotAnswerNothingIsStoredAndTheCallerMayRetry() {
            verifier.answer(KEY, new KeyVerification.Unavailable("HTTP 503"));

            assertThatThrownBy(() -> keys.save(alice, KEY))
                    .isInstanceOfSatisfying(
                            KeyVerificationUnavailableException.class,
                            e -> assertThat(e.reason()).isEqualTo("HTTP 503"))
                    .message()
                    .doesNotContain(KEY);
            assertThat(store.all()).isEmpty();
        }

        @Test
        void withoutKeyMaterialSavingFailsBeforeOpenRouterIsAsked() {
            UserKeys unconfigured =
                    new UserKeys(store, SecretCipher.unconfigured("set modelaccess.keys.keyset"), verifier, clock);

            assertThatThrownBy(() -> unconfigured.save(alice, KEY))
                    .isInstanceOf(KeyMaterialMissingException.class)
                    .hasMessageContaining("set modelaccess.keys.keyset");
            assertThat(verifier.asked()).isEmpty();
            assertThat(store.all()).isEmpty();
        }
    }

    @Nested
    class Reading {

        @Test
        void aUserWithoutAKeyHasNoStatus() {
            assertThat(keys.status(alice)).isEmpty();
        }

        @Test
        void theStatusShowsTheHintAndNeverTheKey() {
            keys.save(alice, KEY);

            UserKeyStatus status = keys.status(alice).orElseThrow();

            assertThat(status.keyHint()).isEqualTo("sk-or-v1-…6e7");
            assertThat(status.usable()).isTrue();
            assertThat(status.toString()).doesNotContain(KEY);
            assertThat(store.find(alice).orElseThrow().toString())
                    .doesNotContain(KEY)
                    .doesNotContain(store.find(alice).orElseThrow().encryptedApiKey());
        }

        @Test
        void eachUserSeesOnlyTheirOwnKey() {
            keys.save(alice, KEY);

            assertThat(keys.status(bob)).isEmpty();
        }
    }

    @Nested
    class DeletingAndSwitching {

        @Test
        void deletingRemovesTheRowAndSaysWhetherThereWasOne() {
            keys.save(alice, KEY);

            assertThat(keys.delete(alice)).isTrue();
            assertThat(keys.delete(alice)).isFalse();
            assertThat(store.all()).isEmpty();
        }

        @Test
        void aKeyCanBeSwitchedOffAndOnWithoutBeingReplaced() {
            keys.save(alice, KEY);
            String encrypted = store.find(alice).orElseThrow().encryptedApiKey();

            assertThat(keys.setEnabled(alice, false).enabled()).isFalse();
            assertThat(keys.setEnabled(alice, true).enabled()).isTrue();
            assertThat(store.find(alice).orElseThrow().encryptedApiKey()).isEqualTo(encrypted);
        }

        @Test
        void switchingAKeyThatDoesNotExistSaysSo() {
            assertNoUsableKey(() -> keys.setEnabled(alice, true), NoUsableKeyException.Reason.NONE);
        }
    }

    @Nested
    class Using {

        @Test
        void aValidEnabledKeyIsGivenInClear() {
            keys.save(alice, KEY);

            OpenRouterApiKey key = keys.decryptFor(alice);

            assertThat(key.value()).isEqualTo(KEY);
            assertThat(key).hasToString("sk-or-v1-…6e7");
        }

        @Test
        void aUserWithoutAKeyHasNoUsableKey() {
            assertThatThrownBy(() -> keys.decryptFor(alice))
                    .isInstanceOfSatisfying(NoUsableKeyException.class, e -> {
                        assertThat(e.reason()).isEqualTo(NoUsableKeyException.Reason.NONE);
                        assertThat(e.userId()).isEqualTo(alice);
                    })
                    .hasMessageContaining("has no stored OpenRouter key");
        }

        @Test
        void aDisabledKeyIsNotUsable() {
            keys.save(alice, KEY);
            keys.setEnabled(alice, false);

            assertNoUsableKey(() -> keys.decryptFor(alice), NoUsableKeyException.Reason.DISABLED);
        }

        @Test
        void aKeyOpenRouterNoLongerAcceptsIsNotUsable() {
            keys.save(alice, KEY);
            verifier.answer(KEY, new KeyVerification.Invalid("revoked"));
            keys.reverifyAll();

            assertNoUsableKey(() -> keys.decryptFor(alice), NoUsableKeyException.Reason.INVALID);
        }

        @Test
        void aValueCopiedFromAnotherUsersRowDoesNotDecrypt() {
            keys.save(alice, KEY);
            keys.save(bob, OTHER_KEY);
            StoredUserKey alices = store.find(alice).orElseThrow();
            StoredUserKey bobs = store.find(bob).orElseThrow();
            store.put(new StoredUserKey(
                    bob,
                    alices.encryptedApiKey(),
                    alices.keyId(),
                    bobs.keyHint(),
                    true,
                    T0,
                    true,
                    bobs.createdAt(),
                    bobs.updatedAt(),
                    bobs.details()));

            assertThatThrownBy(() -> keys.decryptFor(bob)).isInstanceOf(SecretDecryptionException.class);
        }
    }

    @Nested
    class MarkingRejected {

        @Test
        void aKeyOpenRouterRefusedDuringACallIsMarkedInvalidAndNoLongerUsable() {
            keys.save(alice, KEY);
            OpenRouterApiKey used = keys.decryptFor(alice);
            clock.advance(Duration.ofMinutes(5));

            assertThat(keys.markRejected(alice, used)).isTrue();

            UserKeyStatus status = keys.status(alice).orElseThrow();
            assertThat(status.valid()).isFalse();
            assertThat(status.lastVerifiedAt()).isEqualTo(T0.plus(Duration.ofMinutes(5)));
            assertNoUsableKey(() -> keys.decryptFor(alice), NoUsableKeyException.Reason.INVALID);
        }

        @Test
        void aKeyTheUserReplacedMeanwhileIsLeftAlone() {
            keys.save(alice, KEY);
            OpenRouterApiKey used = keys.decryptFor(alice);
            keys.save(alice, OTHER_KEY);

            assertThat(keys.markRejected(alice, used)).isFalse();

            assertThat(keys.status(alice).orElseThrow().valid()).isTrue();
            assertThat(keys.decryptFor(alice).value()).isEqualTo(OTHER_KEY);
        }

        @Test
        void nothingHappensForAUserWithoutAKey() {
            assertThat(keys.markRejected(alice, OpenRouterApiKey.parse(KEY))).isFalse();
            assertThat(store.all()).isEmpty();
        }

        @Test
        void aStoredValueThatDoesNotDecryptIsLeftAlone() {
            keys.save(alice, KEY);
            cipher.forget("k1");

            assertThat(keys.markRejected(alice, OpenRouterApiKey.parse(KEY))).isFalse();
            assertThat(store.find(alice).orElseThrow().valid()).isTrue();
        }
    }

    @Nested
    class Reverifying {

        @Test
        void revokedKeysBecomeInvalidAndAcceptedKeysStayValidVerifiedNow() {
            keys.save(alice, KEY);
            keys.save(bob, OTHER_KEY);
            clock.advance(Duration.ofDays(1));
            verifier.answer(OTHER_KEY, new KeyVerification.Invalid("revoked"));

            ReverificationReport report = keys.reverifyAll();

            assertThat(report).isEqualTo(new ReverificationReport(2, 1, 1, 0, 0, 0));
            assertThat(keys.status(alice).orElseThrow())
                    .returns(true, UserKeyStatus::valid)
                    .returns(T0.plus(Duration.ofDays(1)), UserKeyStatus::lastVerifiedAt);
            assertThat(keys.status(bob).orElseThrow())
                    .returns(false, UserKeyStatus::valid)
                    .returns(T0.plus(Duration.ofDays(1)), UserKeyStatus::lastVerifiedAt);
        }

        @Test
        void aKeyMarkedInvalidBecomesValidAgainWhenOpenRouterAcceptsItAgain() {
            keys.save(alice, KEY);
            verifier.answer(KEY, new KeyVerification.Invalid("revoked"));
            keys.reverifyAll();
            verifier.answer(KEY, FakeVerifier.ACCEPTED);

            keys.reverifyAll();

            assertThat(keys.status(alice).orElseThrow().valid()).isTrue();
        }

        @Test
        void anAcceptedKeysDetailsAreRefreshedAndARefusalKeepsTheLastOnes() {
            keys.save(alice, KEY);
            KeyVerification.Valid later = new KeyVerification.Valid(
                    "sk-or-v1-abc...6e7", null, null, null, new BigDecimal("1.5"), true, null);
            verifier.answer(KEY, later);
            clock.advance(Duration.ofDays(1));

            keys.reverifyAll();
            assertThat(keys.status(alice).orElseThrow().details()).isEqualTo(later.details());

            verifier.answer(KEY, new KeyVerification.Invalid("User not found."));
            keys.reverifyAll();
            assertThat(keys.status(alice).orElseThrow())
                    .returns(false, UserKeyStatus::valid)
                    .returns(later.details(), UserKeyStatus::details);
        }

        @Test
        void anOutageLeavesEveryKeyAsItWas() {
            keys.save(alice, KEY);
            StoredUserKey before = store.find(alice).orElseThrow();
            clock.advance(Duration.ofDays(1));
            verifier.answer(KEY, new KeyVerification.Unavailable("connect timed out"));

            ReverificationReport report = keys.reverifyAll();

            assertThat(report).isEqualTo(new ReverificationReport(1, 0, 0, 1, 0, 0));
            assertThat(store.find(alice)).contains(before);
        }

        @Test
        void aValueThatDoesNotDecryptIsCountedLeftAsItWasAndNotSentAnywhere() {
            keys.save(alice, KEY);
            StoredUserKey before = store.find(alice).orElseThrow();
            cipher.rotateTo("k2");
            cipher.forget("k1");
            verifier.asked().clear();

            ReverificationReport report = keys.reverifyAll();

            assertThat(report).isEqualTo(new ReverificationReport(1, 0, 0, 0, 1, 0));
            assertThat(store.find(alice)).contains(before);
            assertThat(verifier.asked()).isEmpty();
        }

        @Test
        void aKeyTheUserReplacesDuringVerificationKeepsTheNewKeysStatus() {
            keys.save(alice, KEY);
            verifier.answer(KEY, new KeyVerification.Invalid("revoked"));
            verifier.duringVerification(() -> {
                verifier.duringVerification(() -> {});
                keys.save(alice, OTHER_KEY);
            });

            ReverificationReport report = keys.reverifyAll();

            assertThat(report.changedMeanwhile()).isEqualTo(1);
            assertThat(keys.status(alice).orElseThrow().valid()).isTrue();
            assertThat(keys.decryptFor(alice).value()).isEqualTo(OTHER_KEY);
        }

        @Test
        void everyPageIsVisited() {
            List<UUID> users = users(5);
            users.forEach(user -> keys.save(user, KEY));
            verifier.answer(KEY, new KeyVerification.Invalid("revoked"));

            assertThat(keys.reverifyAll().invalid()).isEqualTo(5);
            assertThat(store.all()).noneMatch(StoredUserKey::valid);
        }
    }

    @Nested
    class Reencrypting {

        @Test
        void afterARotationEveryRowMovesToThePrimaryKeyAndStillDecrypts() {
            List<UUID> users = users(5);
            users.forEach(user -> keys.save(user, KEY));
            cipher.rotateTo("k2");

            ReencryptionReport report = keys.reencryptAll();

            assertThat(report).isEqualTo(new ReencryptionReport("k2", 5, 5, 0, 0));
            assertThat(store.all()).allSatisfy(row -> {
                assertThat(row.keyId()).isEqualTo("k2");
                assertThat(cipher.keyIdOf(row.encryptedApiKey())).isEqualTo("k2");
                assertThat(cipher.decrypt(row.encryptedApiKey(), row.userId())).isEqualTo(KEY);
            });
        }

        @Test
        void reencryptingTwiceDoesNothingTheSecondTime() {
            keys.save(alice, KEY);
            cipher.rotateTo("k2");
            keys.reencryptAll();
            List<StoredUserKey> after = store.all();

            assertThat(keys.reencryptAll()).isEqualTo(new ReencryptionReport("k2", 0, 0, 0, 0));
            assertThat(store.all()).isEqualTo(after);
        }

        @Test
        void rowsAlreadyUnderThePrimaryKeyAreNotTouched() {
            keys.save(alice, KEY);
            StoredUserKey before = store.find(alice).orElseThrow();

            assertThat(keys.reencryptAll()).isEqualTo(new ReencryptionReport("k1", 0, 0, 0, 0));
            assertThat(store.find(alice)).contains(before);
        }

        @Test
        void reencryptionKeepsValidityEnablementAndVerificationTime() {
            keys.save(alice, KEY);
            keys.setEnabled(alice, false);
            UserKeyStatus before = keys.status(alice).orElseThrow();
            cipher.rotateTo("k2");

            keys.reencryptAll();

            assertThat(keys.status(alice).orElseThrow())
                    .usingRecursiveComparison()
                    .ignoringFields("updatedAt")
                    .isEqualTo(before);
        }

        @Test
        void aValueThatDoesNotDecryptIsCountedAndLeftAsItWasWhileTheOthersMove() {
            keys.save(alice, KEY);
            cipher.rotateTo("k2");
            keys.save(bob, OTHER_KEY);
            cipher.rotateTo("k3");
            cipher.forget("k1");
            StoredUserKey alicesBefore = store.find(alice).orElseThrow();

            ReencryptionReport report = keys.reencryptAll();

            assertThat(report).isEqualTo(new ReencryptionReport("k3", 2, 1, 1, 0));
            assertThat(store.find(alice)).contains(alicesBefore);
            assertThat(store.find(bob).orElseThrow().keyId()).isEqualTo("k3");
        }

        @Test
        void aStaleKeyIdColumnIsCorrectedWithoutReencrypting() {
            keys.save(alice, KEY);
            StoredUserKey row = store.find(alice).orElseThrow();
            store.put(new StoredUserKey(
                    alice,
                    row.encryptedApiKey(),
                    "k0",
                    row.keyHint(),
                    row.valid(),
                    row.lastVerifiedAt(),
                    row.enabled(),
                    row.createdAt(),
                    row.updatedAt(),
                    row.details()));

            assertThat(keys.reencryptAll()).isEqualTo(new ReencryptionReport("k1", 1, 1, 0, 0));
            assertThat(store.find(alice).orElseThrow())
                    .returns("k1", StoredUserKey::keyId)
                    .returns(row.encryptedApiKey(), StoredUserKey::encryptedApiKey);
        }

        @Test
        void aRowTheUserReplacesMeanwhileIsNotOverwritten() {
            keys.save(alice, KEY);
            cipher.rotateTo("k2");
            UserKeyStore racing = new RacingStore(store, () -> keys.save(alice, OTHER_KEY));

            ReencryptionReport report = new UserKeys(racing, cipher, verifier, clock).reencryptAll();

            assertThat(report).isEqualTo(new ReencryptionReport("k2", 1, 0, 0, 1));
            assertThat(keys.decryptFor(alice).value()).isEqualTo(OTHER_KEY);
        }

        @Test
        void withoutKeyMaterialNothingIsTouched() {
            keys.save(alice, KEY);
            StoredUserKey before = store.find(alice).orElseThrow();
            UserKeys unconfigured = new UserKeys(store, SecretCipher.unconfigured("no keyset"), verifier, clock);

            assertThatThrownBy(unconfigured::reencryptAll).isInstanceOf(KeyMaterialMissingException.class);
            assertThat(store.find(alice)).contains(before);
        }
    }

    @Test
    void theBatchSizeMustBePositive() {
        assertThatThrownBy(() -> new UserKeys(store, cipher, verifier, clock, 0))
                .isInstanceOf(IllegalArgumentException.class);
    }

    /** {@code call} fails with a {@link NoUsableKeyException} for {@code reason}. */
    static void assertNoUsableKey(ThrowingCallable call, NoUsableKeyException.Reason reason) {
        assertThatThrownBy(call)
                .isInstanceOfSatisfying(
                        NoUsableKeyException.class, e -> assertThat(e.reason()).isEqualTo(reason));
    }

    static List<UUID> users(int count) {
        List<UUID> users = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            users.add(UUID.nameUUIDFromBytes(("user-" + i).getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        }
        return users;
    }

    /** Runs {@code meanwhile} once, right after the first page is read: a user acting while a job runs. */
    static final class RacingStore implements UserKeyStore {
        private final InMemoryUserKeyStore delegate;
        private Runnable meanwhile;

        RacingStore(InMemoryUserKeyStore delegate, Runnable meanwhile) {
            this.delegate = delegate;
            this.meanwhile = meanwhile;
        }

        @Override
        public java.util.Optional<StoredUserKey> find(UUID userId) {
            return delegate.find(userId);
        }

        @Override
        public StoredUserKey upsert(NewUserKey key) {
            return delegate.upsert(key);
        }

        @Override
        public boolean delete(UUID userId) {
            return delegate.delete(userId);
        }

        @Override
        public java.util.Optional<StoredUserKey> setEnabled(UUID userId, boolean enabled) {
            return delegate.setEnabled(userId, enabled);
        }

        @Override
        public List<StoredUserKey> page(@org.jspecify.annotations.Nullable UUID afterUserId, int limit) {
            return race(delegate.page(afterUserId, limit));
        }

        @Override
        public List<StoredUserKey> pageNotUnderKey(
                String keyId, @org.jspecify.annotations.Nullable UUID afterUserId, int limit) {
            return race(delegate.pageNotUnderKey(keyId, afterUserId, limit));
        }

        private List<StoredUserKey> race(List<StoredUserKey> page) {
            Runnable action = meanwhile;
            meanwhile = () -> {};
            action.run();
            return page;
        }

        @Override
        public boolean replaceEncryptedKey(
                UUID userId, String expectedEncryptedKey, String encryptedKey, String keyId) {
            return delegate.replaceEncryptedKey(userId, expectedEncryptedKey, encryptedKey, keyId);
        }

        @Override
        public boolean markVerified(
                UUID userId,
                String expectedEncryptedKey,
                boolean valid,
                @Nullable KeyDetails details,
                Instant verifiedAt) {
            return delegate.markVerified(userId, expectedEncryptedKey, valid, details, verifiedAt);
        }
    }
}
