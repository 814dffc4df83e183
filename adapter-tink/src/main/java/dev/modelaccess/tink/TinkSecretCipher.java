package dev.modelaccess.tink;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.Configuration;
import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.KeyStatus;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.TinkJsonProtoKeysetFormat;
import com.google.crypto.tink.aead.AeadConfig2026;
import com.google.crypto.tink.aead.AesGcmParameters;
import com.google.crypto.tink.aead.PredefinedAeadParameters;
import dev.modelaccess.core.keys.SecretCipher;
import dev.modelaccess.core.keys.SecretCipherException;
import dev.modelaccess.core.keys.SecretDecryptionException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * Encrypts users' secrets with Google Tink's AEAD, AES-256-GCM, the user id bound as associated data.
 *
 * <h2>Stored value</h2>
 *
 * <pre>{@code v1:<key id>:<base64 of Tink's ciphertext>}</pre>
 *
 * <ul>
 *   <li>{@code v1} is the format version of this text form;
 *   <li>{@code <key id>} is the Tink key id (unsigned decimal, as in the keyset JSON's {@code keyId}) of the key
 *       the value is under: visible without decoding anything, for {@link #keyIdOf(String)}, the {@code key_id}
 *       column and a person reading the table;
 *   <li>the base64 part (standard alphabet, padded) is Tink's output as is: {@code 0x01 ‖ key id (4 bytes, big
 *       endian) ‖ IV (12 bytes, fresh and random per encryption) ‖ ciphertext ‖ GCM tag (16 bytes)}. Tink's own
 *       5-byte prefix carries the key id too; a value whose two key ids disagree has been altered and is refused.
 * </ul>
 *
 * <p>Associated data is the user id's 16 bytes (most significant first), so a value copied to another user's row
 * does not decrypt.
 *
 * <h2>Key material</h2>
 *
 * A Tink keyset whose enabled keys are all AES-256-GCM with Tink's output prefix (type URL {@code
 * type.googleapis.com/google.crypto.tink.AesGcmKey}, output prefix {@code TINK}): {@code
 * PredefinedAeadParameters.AES256_GCM}. Anything else is refused when the cipher is built, because a raw key would
 * hide its key id.
 *
 * <ul>
 *   <li>{@link #fromBase64Keyset(String)}: base64 of the keyset JSON in clear, e.g. from {@code
 *       modelaccess.keys.keyset}. The trade-off: anyone who can read the configuration can read every stored key.
 *       Fine for development and for operators who keep the value in a secret store; prefer a KMS-wrapped keyset in
 *       production.
 *   <li>{@link #fromSource(KeysetSource)} with {@link KeysetSource#kmsWrapped}: the keyset JSON encrypted by a key
 *       that never leaves a KMS (Tink's {@code tink-gcpkms} or {@code tink-awskms} give the {@link Aead} for it;
 *       Tinkey's {@code create-keyset --master-key-uri} writes such a keyset).
 *   <li>{@link #fromKeysetHandle(KeysetHandle)}: any other way of obtaining a keyset.
 * </ul>
 *
 * <h2>Rotation</h2>
 *
 * Add a new key and make it primary ({@link #rotateBase64Keyset(String)}, or Tinkey's {@code rotate-keyset}),
 * deploy the new keyset everywhere, then run the re-encrypt job ({@code UserKeys.reencryptAll()}): new values use
 * the new key, old values still decrypt until the job has moved them ({@link #needsReencryption(String)}). Only
 * then remove the old key from the keyset.
 *
 * <h2>Generating a keyset</h2>
 *
 * {@link #generateBase64Keyset()}, or from a checkout: {@code ./mvnw -q -pl adapter-tink -am compile exec:java
 * -Dexec.skip=true -Dexec.mainClass=dev.modelaccess.tink.KeysetTool -Dexec.args=generate} (also {@code rotate}
 * and {@code describe}, reading the keyset from standard input). The value is a secret: put it in a secret store, never in a repository.
 */
public final class TinkSecretCipher implements SecretCipher {

    /** The format version at the start of every stored value. */
    public static final String FORMAT_VERSION = "v1";

    static final int TINK_PREFIX_SIZE = 5;
    static final byte TINK_START_BYTE = 0x01;
    static final int IV_SIZE = 12;
    static final int TAG_SIZE = 16;
    static final int MAX_STORED_LENGTH = 64 * 1024;
    private static final String PREFIX = FORMAT_VERSION + ":";

    /** Tink's AEAD configuration: parses, serializes and runs AES-GCM keys without the global registry. */
    static final Configuration CONFIGURATION = AeadConfig2026.get();

    private final Aead aead;
    private final int primaryKeyId;
    private final Map<Integer, KeyStatus> keys;

    private TinkSecretCipher(KeysetHandle keyset) {
        Map<Integer, KeyStatus> statuses = new LinkedHashMap<>();
        for (int i = 0; i < keyset.size(); i++) {
            KeysetHandle.Entry entry = keyset.getAt(i);
            if (entry.getStatus().equals(KeyStatus.ENABLED)
                    && !(entry.getKey().getParameters() instanceof AesGcmParameters gcm
                            && gcm.getKeySizeBytes() == 32
                            && gcm.getIvSizeBytes() == IV_SIZE
                            && gcm.getTagSizeBytes() == TAG_SIZE
                            && gcm.getVariant() == AesGcmParameters.Variant.TINK)) {
                throw new SecretCipherException("Key " + Integer.toUnsignedString(entry.getId())
                        + " of the keyset is not AES-256-GCM with Tink's output prefix (it is "
                        + entry.getKey().getParameters() + "); generate keys with"
                        + " PredefinedAeadParameters.AES256_GCM (Tinkey: --key-template AES256_GCM)");
            }
            statuses.put(entry.getId(), entry.getStatus());
        }
        this.keys = Collections.unmodifiableMap(statuses);
        this.primaryKeyId = keyset.getPrimary().getId();
        try {
            this.aead = keyset.getPrimitive(CONFIGURATION, Aead.class);
        } catch (GeneralSecurityException e) {
            throw new SecretCipherException("The keyset cannot be used for AEAD encryption", e);
        }
    }

    /**
     * A cipher from the base64 of a Tink JSON keyset in clear (the JSON itself is accepted too). White space in the
     * value (line breaks from a secret store) is ignored.
     *
     * @throws SecretCipherException when the value is not such a keyset, naming what is wrong but never the value
     */
    public static TinkSecretCipher fromBase64Keyset(String base64Keyset) {
        return fromSource(KeysetSource.cleartextBase64(base64Keyset));
    }

    /** A cipher from a keyset obtained some other way (KMS, a secret manager, …). */
    public static TinkSecretCipher fromKeysetHandle(KeysetHandle keyset) {
        Objects.requireNonNull(keyset, "keyset");
        return new TinkSecretCipher(keyset);
    }

    /**
     * A cipher from wherever {@code source} loads the keyset.
     *
     * @throws SecretCipherException when the keyset cannot be loaded or is not AES-256-GCM with Tink's prefix
     */
    public static TinkSecretCipher fromSource(KeysetSource source) {
        Objects.requireNonNull(source, "source");
        KeysetHandle keyset;
        try {
            keyset = source.load();
        } catch (GeneralSecurityException e) {
            throw new SecretCipherException("Could not load the keyset for encrypting user keys: " + describe(e), e);
        }
        return fromKeysetHandle(keyset);
    }

    /** A fresh keyset of one AES-256-GCM key, as base64 of its JSON: a value for {@code modelaccess.keys.keyset}. */
    public static String generateBase64Keyset() {
        try {
            return toBase64(KeysetHandle.generateNew(PredefinedAeadParameters.AES256_GCM, CONFIGURATION));
        } catch (GeneralSecurityException e) {
            throw new SecretCipherException("Could not generate a keyset", e);
        }
    }

    /**
     * {@code base64Keyset} with a new AES-256-GCM key added and made primary; every key it held stays, so values
     * written before still decrypt.
     */
    public static String rotateBase64Keyset(String base64Keyset) {
        try {
            KeysetHandle rotated = KeysetHandle.newBuilder(KeysetSource.parseCleartext(base64Keyset))
                    .setConfiguration(CONFIGURATION)
                    .addEntry(KeysetHandle.generateEntryFromParameters(PredefinedAeadParameters.AES256_GCM)
                            .withRandomId()
                            .makePrimary())
                    .build();
            return toBase64(rotated);
        } catch (GeneralSecurityException e) {
            throw new SecretCipherException("Could not rotate the keyset: " + describe(e), e);
        }
    }

    static String toBase64(KeysetHandle keyset) throws GeneralSecurityException {
        String json = TinkJsonProtoKeysetFormat.serializeKeyset(keyset, CONFIGURATION, InsecureSecretKeyAccess.get());
        return Base64.getEncoder().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public String encrypt(String plaintext, UUID userId) {
        Objects.requireNonNull(plaintext, "plaintext");
        Objects.requireNonNull(userId, "userId");
        byte[] ciphertext;
        try {
            ciphertext = aead.encrypt(plaintext.getBytes(StandardCharsets.UTF_8), associatedData(userId));
        } catch (GeneralSecurityException e) {
            throw new SecretCipherException(
                    "Could not encrypt a secret for user " + userId + " under key " + primaryKeyId(), e);
        }
        return PREFIX + Integer.toUnsignedString(embeddedKeyId(ciphertext)) + ":"
                + Base64.getEncoder().encodeToString(ciphertext);
    }

    @Override
    public String decrypt(String stored, UUID userId) {
        Objects.requireNonNull(userId, "userId");
        Parsed value = parse(stored);
        KeyStatus status = keys.get(value.keyId());
        String keyId = Integer.toUnsignedString(value.keyId());
        if (status == null) {
            throw new SecretDecryptionException("The secret of user " + userId + " is under key " + keyId
                    + ", which the configured keyset does not hold (keys " + keyIds()
                    + "); was that key removed before the re-encrypt job moved every row off it?");
        }
        if (!status.equals(KeyStatus.ENABLED)) {
            throw new SecretDecryptionException("The secret of user " + userId + " is under key " + keyId
                    + ", which is " + status + " in the configured keyset");
        }
        byte[] plaintext;
        try {
            plaintext = aead.decrypt(value.ciphertext(), associatedData(userId));
        } catch (GeneralSecurityException e) {
            throw new SecretDecryptionException(
                    "The secret of user " + userId + " does not decrypt under key " + keyId
                            + ": it was altered, or it belongs to another user",
                    e);
        }
        try {
            return StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(plaintext))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new SecretDecryptionException(
                    "The secret of user " + userId + " decrypts to something that is not UTF-8 text", e);
        }
    }

    @Override
    public String primaryKeyId() {
        return Integer.toUnsignedString(primaryKeyId);
    }

    @Override
    public String keyIdOf(String stored) {
        return Integer.toUnsignedString(parse(stored).keyId());
    }

    /** The ids of every key in the keyset, primary or not, enabled or not, in keyset order. */
    public List<String> keyIds() {
        List<String> ids = new ArrayList<>(keys.size());
        keys.keySet().forEach(id -> ids.add(Integer.toUnsignedString(id)));
        return List.copyOf(ids);
    }

    @Override
    public String toString() {
        return "TinkSecretCipher[primaryKeyId=" + primaryKeyId() + ", keyIds=" + keyIds() + "]";
    }

    static byte[] associatedData(UUID userId) {
        return ByteBuffer.allocate(16)
                .putLong(userId.getMostSignificantBits())
                .putLong(userId.getLeastSignificantBits())
                .array();
    }

    private static int embeddedKeyId(byte[] ciphertext) {
        return ByteBuffer.wrap(ciphertext, 1, 4).getInt();
    }

    /**
     * Reads {@code v1:<key id>:<base64>} without decrypting it, checking everything that can be checked without
     * the key.
     */
    static Parsed parse(String stored) {
        Objects.requireNonNull(stored, "stored");
        if (stored.length() > MAX_STORED_LENGTH) {
            throw new SecretDecryptionException(
                    "Not an encrypted secret: " + stored.length() + " characters is far too long");
        }
        if (!stored.startsWith(PREFIX)) {
            throw new SecretDecryptionException("Not an encrypted secret of format " + FORMAT_VERSION
                    + ": a stored value starts with '" + PREFIX + "'");
        }
        int separator = stored.indexOf(':', PREFIX.length());
        if (separator < 0) {
            throw new SecretDecryptionException(
                    "Not an encrypted secret: no key id (expected " + PREFIX + "<key id>:<base64>)");
        }
        String keyIdText = stored.substring(PREFIX.length(), separator);
        int keyId;
        try {
            if (keyIdText.isEmpty()
                    || keyIdText.length() > 10
                    || !keyIdText.chars().allMatch(Character::isDigit)) {
                throw new NumberFormatException();
            }
            keyId = Integer.parseUnsignedInt(keyIdText);
        } catch (NumberFormatException e) {
            throw new SecretDecryptionException(
                    "Not an encrypted secret: the key id is not an unsigned 32-bit decimal number");
        }
        byte[] ciphertext;
        try {
            ciphertext = Base64.getDecoder().decode(stored.substring(separator + 1));
        } catch (IllegalArgumentException e) {
            throw new SecretDecryptionException("Not an encrypted secret: the part after the key id is not base64");
        }
        if (ciphertext.length < TINK_PREFIX_SIZE + IV_SIZE + TAG_SIZE) {
            throw new SecretDecryptionException("The encrypted secret is truncated: " + ciphertext.length
                    + " bytes, less than prefix, IV and tag need (" + (TINK_PREFIX_SIZE + IV_SIZE + TAG_SIZE) + ")");
        }
        if (ciphertext[0] != TINK_START_BYTE) {
            throw new SecretDecryptionException("The encrypted secret does not start with Tink's key-id prefix");
        }
        if (embeddedKeyId(ciphertext) != keyId) {
            throw new SecretDecryptionException("The encrypted secret was altered: its text says key " + keyIdText
                    + " but its ciphertext says key " + Integer.toUnsignedString(embeddedKeyId(ciphertext)));
        }
        return new Parsed(keyId, ciphertext);
    }

    private static String describe(GeneralSecurityException e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    record Parsed(int keyId, byte[] ciphertext) {}

    /**
     * Where the keyset comes from: the hook for key management. Implement it to load a keyset any way you like, or
     * use {@link #cleartextBase64(String)} (configuration) or {@link #kmsWrapped(String, Aead, byte[])} (a keyset
     * encrypted by a KMS key).
     */
    @FunctionalInterface
    public interface KeysetSource {

        KeysetHandle load() throws GeneralSecurityException;

        /**
         * Base64 of a Tink JSON keyset in clear, or the JSON itself. Anyone who can read it can decrypt every
         * stored secret: keep it in a secret store.
         */
        static KeysetSource cleartextBase64(String base64Keyset) {
            Objects.requireNonNull(base64Keyset, "base64Keyset");
            return () -> parseCleartext(base64Keyset);
        }

        /**
         * A Tink JSON keyset encrypted by {@code keyEncryptionKey} (for example a KMS key through {@code
         * tink-gcpkms}'s or {@code tink-awskms}'s {@link Aead}), as written by Tinkey's {@code create-keyset
         * --master-key-uri} or {@code TinkJsonProtoKeysetFormat.serializeEncryptedKeyset}.
         *
         * @param associatedData what the keyset was encrypted with (Tinkey writes none: an empty array)
         */
        static KeysetSource kmsWrapped(String encryptedKeysetJson, Aead keyEncryptionKey, byte[] associatedData) {
            Objects.requireNonNull(encryptedKeysetJson, "encryptedKeysetJson");
            Objects.requireNonNull(keyEncryptionKey, "keyEncryptionKey");
            byte[] ad = associatedData.clone();
            return () -> TinkJsonProtoKeysetFormat.parseEncryptedKeyset(
                    encryptedKeysetJson, keyEncryptionKey, ad, CONFIGURATION);
        }

        private static KeysetHandle parseCleartext(String base64Keyset) throws GeneralSecurityException {
            String compact = base64Keyset.replaceAll("\\s+", "");
            if (compact.isEmpty()) {
                throw new GeneralSecurityException("the keyset value is empty");
            }
            String json;
            if (compact.startsWith("{")) {
                json = base64Keyset;
            } else {
                try {
                    json = new String(Base64.getDecoder().decode(compact), StandardCharsets.UTF_8);
                } catch (IllegalArgumentException e) {
                    throw new GeneralSecurityException("the keyset value is neither base64 nor JSON");
                }
            }
            try {
                return TinkJsonProtoKeysetFormat.parseKeyset(json, CONFIGURATION, InsecureSecretKeyAccess.get());
            } catch (GeneralSecurityException | RuntimeException e) {
                throw new GeneralSecurityException("the keyset value is not a Tink JSON keyset", e);
            }
        }
    }
}
