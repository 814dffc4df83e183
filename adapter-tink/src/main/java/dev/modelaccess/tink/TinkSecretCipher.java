package dev.modelaccess.tink;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.Configuration;
import com.google.crypto.tink.KeyStatus;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.TinkJsonProtoKeysetFormat;
import com.google.crypto.tink.aead.AeadConfig2026;
import com.google.crypto.tink.aead.AesGcmParameters;
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
 * <pre>{@code v1:<base64 of Tink's ciphertext>}</pre>
 *
 * <ul>
 *   <li>{@code v1} is the format version of this text form;
 *   <li>the base64 part (standard alphabet, padded) is Tink's output as is: {@code 0x01 ‖ key id (4 bytes, big
 *       endian) ‖ IV (12 bytes, fresh and random per encryption) ‖ ciphertext ‖ GCM tag (16 bytes)}. Tink's own
 *       5-byte prefix is the one place the key id is kept: {@link #keyIdOf(String)} reads it from there without
 *       decrypting, and the {@code key_id} column is filled from it when a value is written.
 * </ul>
 *
 * <p>Values written before this form, {@code v1:<key id>:<base64>}, still decrypt (base64 has no {@code :}, so the
 * second colon tells them apart); their text key id must agree with Tink's prefix, else they were altered.
 *
 * <p>Associated data is the user id's 16 bytes (most significant first), so a value copied to another user's row
 * does not decrypt.
 *
 * <h2>Key material</h2>
 *
 * A Tink keyset whose enabled keys are all AES-256-GCM with Tink's output prefix ({@code
 * PredefinedAeadParameters.AES256_GCM}); anything else is refused, as a raw key would hide its key id. From {@link
 * #fromBase64Keyset(String)} (the keyset JSON in clear, e.g. {@code modelaccess.keys.keyset}: anyone who can read
 * the configuration can read every stored key, so keep it in a secret store), {@link #fromSource(KeysetSource)}
 * with {@link KeysetSource#kmsWrapped} (the keyset encrypted by a KMS key, as Tinkey's {@code create-keyset
 * --master-key-uri} writes it; preferred in production) or {@link #fromKeysetHandle(KeysetHandle)}.
 *
 * <h2>Generating and rotating a keyset</h2>
 *
 * {@link KeysetTool} ({@code generate}, {@code rotate}, {@code describe}), or Tinkey. After a rotation, deploy the
 * new keyset everywhere, then run the re-encrypt job ({@code UserKeys.reencryptAll()}): new values use the new key,
 * old values still decrypt until the job has moved them ({@link #needsReencryption(String)}). Only then remove the
 * old key from the keyset.
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
        return PREFIX + Base64.getEncoder().encodeToString(ciphertext);
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

    /**
     * Reads {@code v1:<base64>} (or the older {@code v1:<key id>:<base64>}) without decrypting it, checking
     * everything that can be checked without the key.
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
        int legacySeparator = stored.indexOf(':', PREFIX.length());
        byte[] ciphertext;
        try {
            ciphertext = Base64.getDecoder()
                    .decode(stored.substring(legacySeparator < 0 ? PREFIX.length() : legacySeparator + 1));
        } catch (IllegalArgumentException e) {
            throw new SecretDecryptionException("Not an encrypted secret: the ciphertext is not base64");
        }
        if (ciphertext.length < TINK_PREFIX_SIZE + IV_SIZE + TAG_SIZE) {
            throw new SecretDecryptionException("The encrypted secret is truncated: " + ciphertext.length
                    + " bytes, less than prefix, IV and tag need (" + (TINK_PREFIX_SIZE + IV_SIZE + TAG_SIZE) + ")");
        }
        if (ciphertext[0] != TINK_START_BYTE) {
            throw new SecretDecryptionException("The encrypted secret does not start with Tink's key-id prefix");
        }
        int keyId = ByteBuffer.wrap(ciphertext, 1, 4).getInt();
        if (legacySeparator >= 0
                && !stored.substring(PREFIX.length(), legacySeparator).equals(Integer.toUnsignedString(keyId))) {
            throw new SecretDecryptionException("The encrypted secret was altered: the key id in its text is not"
                    + " the key id in its ciphertext, " + Integer.toUnsignedString(keyId));
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
            return () -> KeysetTool.parseCleartext(base64Keyset);
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
    }
}
