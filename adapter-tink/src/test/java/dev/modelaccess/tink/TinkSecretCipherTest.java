package dev.modelaccess.tink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.argumentSet;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.KeyStatus;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.Parameters;
import com.google.crypto.tink.TinkJsonProtoKeysetFormat;
import com.google.crypto.tink.aead.AesGcmParameters;
import com.google.crypto.tink.aead.PredefinedAeadParameters;
import dev.modelaccess.core.keys.SecretCipherException;
import dev.modelaccess.core.keys.SecretDecryptionException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class TinkSecretCipherTest {

    static final String SECRET = "sk-or-v1-0123456789abcdef0123456789abcdef0123456789abcdef0123456789abc6e7";
    static final UUID ALICE = UUID.fromString("6f1c7a52-3f0e-4a4b-9d7e-2a1f6c0b9e11");
    static final UUID BOB = UUID.fromString("0b0b0b0b-0000-4000-8000-000000000b0b");

    final String keyset = KeysetTool.generate();
    final TinkSecretCipher cipher = TinkSecretCipher.fromBase64Keyset(keyset);

    @Nested
    class Encrypting {

        @Test
        void aSecretEncryptedForAUserDecryptsForThatUser() {
            assertThat(cipher.decrypt(cipher.encrypt(SECRET, ALICE), ALICE)).isEqualTo(SECRET);
        }

        @Test
        void anyUnicodeTextRoundTrips() {
            String text = "ключ 🔑 \"quoted\" ' ; -- \u0000 end";
            assertThat(cipher.decrypt(cipher.encrypt(text, ALICE), ALICE)).isEqualTo(text);
            assertThat(cipher.decrypt(cipher.encrypt("", ALICE), ALICE)).isEmpty();
        }

        @Test
        void theStoredValueIsVersionAndTinksCiphertextWhosePrefixCarriesTheKeyId() {
            String stored = cipher.encrypt(SECRET, ALICE);

            assertThat(stored).matches("v1:[A-Za-z0-9+/]+=*");
            assertThat(cipher.keyIdOf(stored)).isEqualTo(cipher.primaryKeyId());
            byte[] bytes = tinkBytes(stored);
            assertThat(bytes[0]).isEqualTo((byte) 0x01);
            assertThat(Integer.toUnsignedString(ByteBuffer.wrap(bytes, 1, 4).getInt()))
                    .isEqualTo(cipher.primaryKeyId());
            assertThat(bytes).hasSize(5 + 12 + SECRET.length() + 16);
        }

        @Test
        void theStoredValueDoesNotContainThePlaintext() {
            String stored = cipher.encrypt(SECRET, ALICE);

            assertThat(stored).doesNotContain(SECRET).doesNotContain(SECRET.substring(9, 20));
            assertThat(new String(tinkBytes(stored), StandardCharsets.ISO_8859_1))
                    .doesNotContain(SECRET.substring(9, 20));
        }

        @Test
        void everyEncryptionUsesAFreshIv() {
            Set<String> values = new HashSet<>();
            Set<String> ivs = new HashSet<>();
            for (int i = 0; i < 50; i++) {
                String stored = cipher.encrypt(SECRET, ALICE);
                values.add(stored);
                byte[] bytes = tinkBytes(stored);
                ivs.add(Base64.getEncoder().encodeToString(java.util.Arrays.copyOfRange(bytes, 5, 17)));
                assertThat(cipher.decrypt(stored, ALICE)).isEqualTo(SECRET);
            }
            assertThat(values).hasSize(50);
            assertThat(ivs).hasSize(50);
        }

        @Test
        void theUserIdIsBoundAsItsSixteenBytes() throws GeneralSecurityException {
            String stored = cipher.encrypt(SECRET, ALICE);
            KeysetHandle handle =
                    TinkSecretCipher.KeysetSource.cleartextBase64(keyset).load();
            Aead aead = handle.getPrimitive(TinkSecretCipher.CONFIGURATION, Aead.class);
            byte[] ad = ByteBuffer.allocate(16)
                    .putLong(ALICE.getMostSignificantBits())
                    .putLong(ALICE.getLeastSignificantBits())
                    .array();

            byte[] plain = aead.decrypt(tinkBytes(stored), ad);

            assertThat(new String(plain, StandardCharsets.UTF_8)).isEqualTo(SECRET);
        }

        @Test
        void theCipherDescribesItselfWithoutKeyMaterial() {
            assertThat(cipher.toString()).contains(cipher.primaryKeyId()).doesNotContain(keyset.substring(0, 40));
        }
    }

    @Nested
    class RefusingBadValues {

        final String stored = cipher.encrypt(SECRET, ALICE);

        @Test
        void aValueCopiedToAnotherUserDoesNotDecrypt() {
            assertRefused(() -> cipher.decrypt(stored, BOB)).hasMessageContaining("another user");
        }

        @Test
        void aFlippedBitAnywhereInIvCiphertextOrTagIsRefused() {
            byte[] bytes = tinkBytes(stored);
            for (int index = 5; index < bytes.length; index++) {
                for (int bit = 0; bit < 8; bit += 3) {
                    byte[] altered = bytes.clone();
                    altered[index] ^= (byte) (1 << bit);
                    String value = "v1:" + cipher.primaryKeyId() + ":"
                            + Base64.getEncoder().encodeToString(altered);
                    assertRefused(() -> cipher.decrypt(value, ALICE)).hasMessageContaining("altered");
                }
            }
        }

        @Test
        void aFlippedBitInTinksKeyIdPrefixIsRefused() {
            byte[] bytes = tinkBytes(stored);
            for (int index = 0; index < 5; index++) {
                byte[] altered = bytes.clone();
                altered[index] ^= 0x10;
                String value = "v1:" + cipher.primaryKeyId() + ":"
                        + Base64.getEncoder().encodeToString(altered);
                assertRefused(() -> cipher.decrypt(value, ALICE));
            }
        }

        @Test
        void aKeyIdInTheTextThatDisagreesWithTheCiphertextIsRefusedAsAltered() {
            String value = "v1:" + Integer.toUnsignedString(Integer.parseUnsignedInt(cipher.primaryKeyId()) ^ 1) + ":"
                    + stored.substring("v1:".length());

            assertRefused(() -> cipher.decrypt(value, ALICE)).hasMessageContaining("altered");
        }

        @Test
        void aTruncatedValueIsRefused() {
            for (int cut = 1; cut < stored.length(); cut += 7) {
                String value = stored.substring(0, stored.length() - cut);
                assertRefused(() -> cipher.decrypt(value, ALICE));
            }
        }

        @Test
        void aValueUnderAKeyTheKeysetDoesNotHoldIsRefusedNamingTheKeyId() {
            TinkSecretCipher other = TinkSecretCipher.fromBase64Keyset(KeysetTool.generate());
            String foreign = other.encrypt(SECRET, ALICE);

            assertRefused(() -> cipher.decrypt(foreign, ALICE))
                    .hasMessageContaining("key " + other.primaryKeyId())
                    .hasMessageContaining("does not hold");
        }

        @ParameterizedTest
        @ValueSource(
                strings = {
                    "",
                    "sk-or-v1-0123456789abcdef",
                    "v1",
                    "v1:",
                    "v1:123",
                    "v1::AAAA",
                    "v1:abc:AQAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA==",
                    "v1:-5:AQAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA==",
                    "v1:99999999999:AQAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA==",
                    "v1:4294967296:AQAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA==",
                    "v1:123:this is not base64!",
                    "v1:123:AAAA",
                    "v1:0:AgAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA==",
                    "v2:123:AQAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA==",
                    "'; drop table user_openrouter_integrations; --",
                    "../../etc/passwd",
                    "v1:１２３:AQAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA==",
                })
        void garbageIsRefusedClearly(String value) {
            assertRefused(() -> cipher.decrypt(value, ALICE)).hasMessageNotContaining("null");
            assertThatThrownBy(() -> cipher.keyIdOf(value)).isInstanceOf(SecretDecryptionException.class);
            assertThatThrownBy(() -> cipher.needsReencryption(value)).isInstanceOf(SecretDecryptionException.class);
        }

        @Test
        void aHugeValueIsRefusedWithoutDecodingIt() {
            String value = "v1:1:" + "A".repeat(1_000_000);

            assertRefused(() -> cipher.decrypt(value, ALICE)).hasMessageContaining("too long");
        }

        @Test
        void noFailureEverMentionsThePlaintext() {
            TinkSecretCipher other = TinkSecretCipher.fromBase64Keyset(KeysetTool.generate());
            byte[] bytes = tinkBytes(stored);
            bytes[bytes.length - 1] ^= 1;
            String[] bad = {
                other.encrypt(SECRET, ALICE),
                "v1:" + cipher.primaryKeyId() + ":" + Base64.getEncoder().encodeToString(bytes),
                stored.substring(0, 30),
            };
            for (String value : bad) {
                assertThatThrownBy(() -> cipher.decrypt(value, ALICE))
                        .satisfies(TinkSecretCipherTest::neverMentionsTheSecret);
            }
            assertThatThrownBy(() -> cipher.decrypt(stored, BOB))
                    .satisfies(TinkSecretCipherTest::neverMentionsTheSecret);
        }
    }

    /** Values written before the key id moved out of the text ({@code v1:<key id>:<b64>}) still decrypt. */
    @Nested
    class ReadingValuesOfTheEarlierForm {

        /** A keyset of two keys as the earlier code generated and rotated it; its primary key is the second. */
        static final String EARLIER_KEYSET =
                "eyJwcmltYXJ5S2V5SWQiOjM0ODQ0MzI0MDUsImtleSI6W3sia2V5RGF0YSI6eyJ0eXBlVXJsIjoidHlwZS5nb29nbGVhcGlzLmNvbS9nb29nbGUuY3J5cHRvLnRpbmsuQWVzR2NtS2V5IiwidmFsdWUiOiJHaUNNRVFFSFJydis1dkhpQkx5Z1UzNXJsSERhelFXZDhNS1hLSzJmNHhFbmx3PT0iLCJrZXlNYXRlcmlhbFR5cGUiOiJTWU1NRVRSSUMifSwic3RhdHVzIjoiRU5BQkxFRCIsImtleUlkIjozMjgyODczMTgzLCJvdXRwdXRQcmVmaXhUeXBlIjoiVElOSyJ9LHsia2V5RGF0YSI6eyJ0eXBlVXJsIjoidHlwZS5nb29nbGVhcGlzLmNvbS9nb29nbGUuY3J5cHRvLnRpbmsuQWVzR2NtS2V5IiwidmFsdWUiOiJHaUE2TWYxVE1NMURrTng4ZU1kL1JQOHJkVnBycmZLeDV2dzd2QlY5MkNVMWdBPT0iLCJrZXlNYXRlcmlhbFR5cGUiOiJTWU1NRVRSSUMifSwic3RhdHVzIjoiRU5BQkxFRCIsImtleUlkIjozNDg0NDMyNDA1LCJvdXRwdXRQcmVmaXhUeXBlIjoiVElOSyJ9XX0K";

        /** {@link #SECRET} for {@link #ALICE}, written by the earlier code under the first key. */
        static final String EARLIER_UNDER_OLD_KEY =
                "v1:3282873183:AcOsq18VGvtMUB1R0yCALQDt7rh5TltrdazQG7j/Q3HPp9pLod3lsLC3yPyNnIe9Jt/9PmcqCh2U3WeJM2W1t1tNt0F5sMVtKKb2N+lasTYD0ClSEgCZbHLdS86SXtLLtSh40G97b8vbSQ==";

        /** {@link #SECRET} for {@link #ALICE}, written by the earlier code under the primary key. */
        static final String EARLIER_UNDER_PRIMARY_KEY =
                "v1:3484432405:Ac+wOBVq0vtazBk6Ex7j1KsT02XgbV5FH3OsCmy5la0isudWQnQtI7XTpO12PjHYwbAXmxGxLbUFwaQB1mw3CM4ILSUyqPpxi7k/N/6IdKFOLCBF3SEP1k3BuvQBFlVs5l3BoxtfY4rTlQ==";

        final TinkSecretCipher earlier = TinkSecretCipher.fromBase64Keyset(EARLIER_KEYSET);

        @Test
        void bothValuesDecryptAndNameTheirKeyFromTinksPrefix() {
            assertThat(earlier.primaryKeyId()).isEqualTo("3484432405");
            assertThat(earlier.decrypt(EARLIER_UNDER_OLD_KEY, ALICE)).isEqualTo(SECRET);
            assertThat(earlier.decrypt(EARLIER_UNDER_PRIMARY_KEY, ALICE)).isEqualTo(SECRET);
            assertThat(earlier.keyIdOf(EARLIER_UNDER_OLD_KEY)).isEqualTo("3282873183");
            assertThat(earlier.keyIdOf(EARLIER_UNDER_PRIMARY_KEY)).isEqualTo("3484432405");
        }

        @Test
        void theValueUnderTheOldKeyNeedsReencryptionIntoTheNewForm() {
            assertThat(earlier.needsReencryption(EARLIER_UNDER_OLD_KEY)).isTrue();
            assertThat(earlier.needsReencryption(EARLIER_UNDER_PRIMARY_KEY)).isFalse();

            String moved = earlier.encrypt(earlier.decrypt(EARLIER_UNDER_OLD_KEY, ALICE), ALICE);

            assertThat(moved).matches("v1:[A-Za-z0-9+/]+=*");
            assertThat(earlier.keyIdOf(moved)).isEqualTo("3484432405");
            assertThat(earlier.decrypt(moved, ALICE)).isEqualTo(SECRET);
        }

        @Test
        void anEarlierValueStillDoesNotDecryptForAnotherUser() {
            assertRefused(() -> earlier.decrypt(EARLIER_UNDER_OLD_KEY, BOB)).hasMessageContaining("another user");
        }

        @Test
        void theSameCiphertextWithoutTheTextKeyIdIsTheNewFormAndDecryptsToo() {
            String newForm = "v1:" + EARLIER_UNDER_OLD_KEY.substring("v1:3282873183:".length());

            assertThat(earlier.decrypt(newForm, ALICE)).isEqualTo(SECRET);
            assertThat(earlier.keyIdOf(newForm)).isEqualTo("3282873183");
        }
    }

    @Nested
    class Rotating {

        @Test
        void valuesWrittenBeforeARotationStillDecryptAndNewOnesUseTheNewPrimary() {
            String before = cipher.encrypt(SECRET, ALICE);
            TinkSecretCipher rotated = TinkSecretCipher.fromBase64Keyset(KeysetTool.rotate(keyset));

            String after = rotated.encrypt(SECRET, ALICE);

            assertThat(rotated.primaryKeyId()).isNotEqualTo(cipher.primaryKeyId());
            assertThat(rotated.keyIds()).containsExactly(cipher.primaryKeyId(), rotated.primaryKeyId());
            assertThat(rotated.decrypt(before, ALICE)).isEqualTo(SECRET);
            assertThat(rotated.keyIdOf(before)).isEqualTo(cipher.primaryKeyId());
            assertThat(rotated.keyIdOf(after)).isEqualTo(rotated.primaryKeyId());
        }

        @Test
        void onlyValuesUnderAnOlderKeyNeedReencryption() {
            String before = cipher.encrypt(SECRET, ALICE);
            TinkSecretCipher rotated = TinkSecretCipher.fromBase64Keyset(KeysetTool.rotate(keyset));

            assertThat(cipher.needsReencryption(before)).isFalse();
            assertThat(rotated.needsReencryption(before)).isTrue();
            assertThat(rotated.needsReencryption(rotated.encrypt(SECRET, ALICE)))
                    .isFalse();
        }

        @Test
        void aValueUnderADisabledKeyIsRefusedSayingSo() throws GeneralSecurityException {
            String before = cipher.encrypt(SECRET, ALICE);
            KeysetHandle.Builder builder = KeysetHandle.newBuilder(TinkSecretCipher.KeysetSource.cleartextBase64(keyset)
                            .load())
                    .setConfiguration(TinkSecretCipher.CONFIGURATION);
            builder.addEntry(KeysetHandle.generateEntryFromParameters(PredefinedAeadParameters.AES256_GCM)
                    .withRandomId()
                    .makePrimary());
            builder.getAt(0).setStatus(KeyStatus.DISABLED);
            TinkSecretCipher disabled = TinkSecretCipher.fromKeysetHandle(builder.build());

            assertRefused(() -> disabled.decrypt(before, ALICE)).hasMessageContaining("DISABLED");
            assertThat(disabled.needsReencryption(before)).isTrue();
        }

        @Test
        void aValueUnderAKeyRemovedFromTheKeysetIsRefusedNamingIt() throws GeneralSecurityException {
            String before = cipher.encrypt(SECRET, ALICE);
            KeysetHandle.Builder builder =
                    KeysetHandle.newBuilder(TinkSecretCipher.KeysetSource.cleartextBase64(KeysetTool.rotate(keyset))
                            .load());
            builder.deleteAt(0);
            TinkSecretCipher pruned = TinkSecretCipher.fromKeysetHandle(builder.build());

            assertRefused(() -> pruned.decrypt(before, ALICE))
                    .hasMessageContaining("key " + cipher.primaryKeyId())
                    .hasMessageContaining("re-encrypt");
        }
    }

    @Nested
    class LoadingKeyMaterial {

        @Test
        void theKeysetJsonItselfAndBase64WithLineBreaksAreAccepted() {
            String json = new String(Base64.getDecoder().decode(keyset), StandardCharsets.UTF_8);
            String wrapped = keyset.replaceAll("(.{40})", "$1\n");
            String stored = cipher.encrypt(SECRET, ALICE);

            assertThat(TinkSecretCipher.fromBase64Keyset(json).decrypt(stored, ALICE))
                    .isEqualTo(SECRET);
            assertThat(TinkSecretCipher.fromBase64Keyset(wrapped).decrypt(stored, ALICE))
                    .isEqualTo(SECRET);
        }

        @Test
        void aKmsWrappedKeysetIsOpenedWithTheKeyEncryptionKey() throws GeneralSecurityException {
            Aead kek = KeysetHandle.generateNew(PredefinedAeadParameters.AES256_GCM, TinkSecretCipher.CONFIGURATION)
                    .getPrimitive(TinkSecretCipher.CONFIGURATION, Aead.class);
            KeysetHandle handle =
                    TinkSecretCipher.KeysetSource.cleartextBase64(keyset).load();
            byte[] context = "model-access".getBytes(StandardCharsets.UTF_8);
            String wrapped = TinkJsonProtoKeysetFormat.serializeEncryptedKeyset(
                    handle, kek, context, TinkSecretCipher.CONFIGURATION);

            TinkSecretCipher fromKms =
                    TinkSecretCipher.fromSource(TinkSecretCipher.KeysetSource.kmsWrapped(wrapped, kek, context));

            assertThat(wrapped).doesNotContain(keyset);
            assertThat(fromKms.decrypt(cipher.encrypt(SECRET, ALICE), ALICE)).isEqualTo(SECRET);
        }

        @Test
        void aKmsWrappedKeysetWithTheWrongKeyEncryptionKeyIsRefused() throws GeneralSecurityException {
            Aead kek = KeysetHandle.generateNew(PredefinedAeadParameters.AES256_GCM, TinkSecretCipher.CONFIGURATION)
                    .getPrimitive(TinkSecretCipher.CONFIGURATION, Aead.class);
            Aead otherKek = KeysetHandle.generateNew(
                            PredefinedAeadParameters.AES256_GCM, TinkSecretCipher.CONFIGURATION)
                    .getPrimitive(TinkSecretCipher.CONFIGURATION, Aead.class);
            String wrapped = TinkJsonProtoKeysetFormat.serializeEncryptedKeyset(
                    TinkSecretCipher.KeysetSource.cleartextBase64(keyset).load(),
                    kek,
                    new byte[0],
                    TinkSecretCipher.CONFIGURATION);

            assertThatThrownBy(() -> TinkSecretCipher.fromSource(
                            TinkSecretCipher.KeysetSource.kmsWrapped(wrapped, otherKek, new byte[0])))
                    .isInstanceOf(SecretCipherException.class)
                    .hasMessageContaining("Could not load the keyset");
        }

        @ParameterizedTest
        @ValueSource(strings = {"", "   ", "not base64 at all!", "eyJub3QiOiAiYSBrZXlzZXQifQ==", "{\"key\": []}"})
        void somethingThatIsNotAKeysetIsRefusedWithoutQuotingIt(String value) {
            assertThatThrownBy(() -> TinkSecretCipher.fromBase64Keyset(value))
                    .isInstanceOf(SecretCipherException.class)
                    .hasMessageStartingWith("Could not load the keyset for encrypting user keys: the keyset value");
        }

        static Stream<Arguments> keysThatAreNotAes256GcmWithTinksPrefix() throws GeneralSecurityException {
            return Stream.of(
                    argumentSet("another key size", PredefinedAeadParameters.AES128_GCM),
                    argumentSet(
                            "a raw key, whose values would not show their key id",
                            AesGcmParameters.builder()
                                    .setKeySizeBytes(32)
                                    .setIvSizeBytes(12)
                                    .setTagSizeBytes(16)
                                    .setVariant(AesGcmParameters.Variant.NO_PREFIX)
                                    .build()),
                    argumentSet("another AEAD algorithm", PredefinedAeadParameters.CHACHA20_POLY1305));
        }

        @ParameterizedTest
        @MethodSource("keysThatAreNotAes256GcmWithTinksPrefix")
        void aKeysetOfAnyOtherKindIsRefused(Parameters parameters) throws GeneralSecurityException {
            KeysetHandle other = KeysetHandle.generateNew(parameters, TinkSecretCipher.CONFIGURATION);

            assertThatThrownBy(() -> TinkSecretCipher.fromKeysetHandle(other))
                    .isInstanceOf(SecretCipherException.class)
                    .hasMessageContaining("not AES-256-GCM with Tink's output prefix");
        }

        @Test
        void eachGeneratedKeysetIsNew() {
            assertThat(KeysetTool.generate()).isNotEqualTo(keyset);
            assertThat(TinkSecretCipher.fromBase64Keyset(KeysetTool.generate()).primaryKeyId())
                    .isNotEqualTo(cipher.primaryKeyId());
        }

        @Test
        void rotatingSomethingThatIsNotAKeysetIsRefused() {
            assertThatThrownBy(() -> KeysetTool.rotate("nope"))
                    .isInstanceOf(SecretCipherException.class)
                    .hasMessageStartingWith("Could not rotate the keyset");
        }
    }

    /** Tink's output inside a stored value, of either form ({@code v1:<b64>} or {@code v1:<key id>:<b64>}). */
    static byte[] tinkBytes(String stored) {
        return Base64.getDecoder().decode(stored.substring(stored.lastIndexOf(':') + 1));
    }

    static AbstractThrowableAssert<?, ? extends Throwable> assertRefused(
            org.assertj.core.api.ThrowableAssert.ThrowingCallable call) {
        return assertThatThrownBy(call)
                .isInstanceOf(SecretDecryptionException.class)
                .satisfies(TinkSecretCipherTest::neverMentionsTheSecret);
    }

    static void neverMentionsTheSecret(Throwable thrown) {
        for (Throwable t = thrown; t != null; t = t.getCause()) {
            assertThat(String.valueOf(t.getMessage())).doesNotContain(SECRET).doesNotContain(SECRET.substring(9, 25));
            assertThat(t.toString()).doesNotContain(SECRET);
        }
    }
}
