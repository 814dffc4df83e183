package dev.modelaccess.core.keys;

import dev.modelaccess.core.port.KeyVerification;
import dev.modelaccess.core.port.OpenRouterKeyVerifier;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Users' own OpenRouter keys (bring your own key): saving, reading, deleting, using, and the two batch jobs that
 * keep them healthy.
 *
 * <p>Saving a key:
 *
 * <ol>
 *   <li>the cipher must have key material (else {@link KeyMaterialMissingException}, before OpenRouter is asked);
 *   <li>the value must look like an OpenRouter key ({@link OpenRouterApiKey#parse}, else {@link
 *       MalformedApiKeyException});
 *   <li>OpenRouter must accept it ({@link ApiKeyRejectedException} when it refuses, {@link
 *       KeyVerificationUnavailableException} when it cannot answer — nothing is stored in either case);
 *   <li>it is encrypted for the user and stored with its hint, valid and enabled, replacing any earlier key.
 * </ol>
 *
 * <p>Reading answers the hint and the status, never the key. Only {@link #decryptFor(UUID)} gives the key in
 * clear, and only when it is valid and enabled — it is meant for running something on the user's behalf.
 *
 * <p>The batch jobs walk the table in pages ordered by user id and write a row only if it has not changed since
 * it was read, so a user saving a new key meanwhile always wins:
 *
 * <ul>
 *   <li>{@link #reverifyAll()} asks OpenRouter about every key; refused keys are marked invalid, accepted ones
 *       valid; when OpenRouter cannot answer, the row is left as it was (an outage never invalidates keys).
 *   <li>{@link #reencryptAll()} moves every row not under the cipher's primary key onto it, after a key rotation.
 *       Running it again does nothing.
 * </ul>
 */
public final class UserKeys {

    private static final Logger log = LoggerFactory.getLogger(UserKeys.class);
    static final int DEFAULT_BATCH_SIZE = 200;

    private final UserKeyStore store;
    private final SecretCipher cipher;
    private final OpenRouterKeyVerifier verifier;
    private final Clock clock;
    private final int batchSize;

    public UserKeys(UserKeyStore store, SecretCipher cipher, OpenRouterKeyVerifier verifier, Clock clock) {
        this(store, cipher, verifier, clock, DEFAULT_BATCH_SIZE);
    }

    /** As above, reading {@code batchSize} keys a page in the verification and rotation jobs (default 200). */
    public UserKeys(
            UserKeyStore store, SecretCipher cipher, OpenRouterKeyVerifier verifier, Clock clock, int batchSize) {
        this.store = Objects.requireNonNull(store, "store");
        this.cipher = Objects.requireNonNull(cipher, "cipher");
        this.verifier = Objects.requireNonNull(verifier, "verifier");
        this.clock = Objects.requireNonNull(clock, "clock");
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize must be positive, was " + batchSize);
        }
        this.batchSize = batchSize;
    }

    /**
     * Verifies, encrypts and stores {@code rawApiKey} as the user's key, replacing any earlier one.
     *
     * @return the stored key's hint and status
     * @throws KeyMaterialMissingException when no key material is configured
     * @throws MalformedApiKeyException when the value cannot be an OpenRouter key
     * @throws ApiKeyRejectedException when OpenRouter refuses the key
     * @throws KeyVerificationUnavailableException when OpenRouter cannot say
     */
    public UserKeyStatus save(UUID userId, String rawApiKey) {
        Objects.requireNonNull(userId, "userId");
        cipher.primaryKeyId();
        OpenRouterApiKey apiKey = OpenRouterApiKey.parse(rawApiKey);
        KeyVerification verification = verifier.verifyKey(apiKey);
        KeyVerification.Valid valid = switch (verification) {
            case KeyVerification.Invalid invalid -> throw new ApiKeyRejectedException(userId, invalid.reason());
            case KeyVerification.Unavailable unavailable ->
                throw new KeyVerificationUnavailableException(userId, unavailable.reason());
            case KeyVerification.Valid accepted -> accepted;
        };
        String encrypted = cipher.encrypt(apiKey.value(), userId);
        StoredUserKey stored = store.upsert(new NewUserKey(
                userId, encrypted, cipher.keyIdOf(encrypted), apiKey.hint(), clock.instant(), valid.details()));
        log.info("Stored an OpenRouter key {} for user {}", stored.keyHint(), userId);
        return stored.status();
    }

    /** The hint and status of the user's key, or empty when they have none. Never the key. */
    public Optional<UserKeyStatus> status(UUID userId) {
        return store.find(userId).map(StoredUserKey::status);
    }

    /** Deletes the user's key; whether they had one. */
    public boolean delete(UUID userId) {
        boolean deleted = store.delete(userId);
        if (deleted) {
            log.info("Deleted the OpenRouter key of user {}", userId);
        }
        return deleted;
    }

    /**
     * Switches the user's key on or off without touching the key.
     *
     * @throws NoUsableKeyException ({@link NoUsableKeyException.Reason#NONE}) when the user has no key
     */
    public UserKeyStatus setEnabled(UUID userId, boolean enabled) {
        return store.setEnabled(userId, enabled)
                .map(StoredUserKey::status)
                .orElseThrow(() -> new NoUsableKeyException(userId, NoUsableKeyException.Reason.NONE));
    }

    /**
     * The user's key in clear, to run something on their behalf.
     *
     * @throws NoUsableKeyException when the user has no key, or it is disabled, or OpenRouter refused it when it
     *     was last verified
     * @throws SecretDecryptionException when the stored value does not decrypt
     */
    public OpenRouterApiKey decryptFor(UUID userId) {
        StoredUserKey stored = store.find(userId)
                .orElseThrow(() -> new NoUsableKeyException(userId, NoUsableKeyException.Reason.NONE));
        if (!stored.enabled()) {
            throw new NoUsableKeyException(userId, NoUsableKeyException.Reason.DISABLED);
        }
        if (!stored.valid()) {
            throw new NoUsableKeyException(userId, NoUsableKeyException.Reason.INVALID);
        }
        return new OpenRouterApiKey(cipher.decrypt(stored.encryptedApiKey(), userId));
    }

    /**
     * Records that OpenRouter refused {@code key} while it was used on the user's behalf (a run answered 401): the
     * stored key is marked invalid, so later runs stop at {@link #decryptFor(UUID)} until the user saves a working
     * key. Nothing is written when the user has meanwhile stored another key, or the stored value does not decrypt.
     *
     * @return whether the stored key was marked invalid
     */
    public boolean markRejected(UUID userId, OpenRouterApiKey key) {
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(key, "key");
        Optional<StoredUserKey> stored = store.find(userId);
        if (stored.isEmpty()) {
            return false;
        }
        StoredUserKey row = stored.get();
        try {
            if (!cipher.decrypt(row.encryptedApiKey(), userId).equals(key.value())) {
                return false;
            }
        } catch (SecretDecryptionException e) {
            return false;
        }
        boolean marked = mark(row, false, null);
        if (marked) {
            log.info("OpenRouter refused the key {} of user {} during a call; marked invalid", row.keyHint(), userId);
        }
        return marked;
    }

    /**
     * Asks OpenRouter about every stored key and records the answer: refused keys become invalid, accepted keys
     * valid. Keys OpenRouter cannot answer about, and values that do not decrypt, are left as they were.
     */
    public ReverificationReport reverifyAll() {
        int checked = 0, valid = 0, invalid = 0, unavailable = 0, undecryptable = 0, changed = 0;
        @Nullable UUID after = null;
        List<StoredUserKey> page;
        do {
            page = store.page(after, batchSize);
            for (StoredUserKey row : page) {
                after = row.userId();
                checked++;
                OpenRouterApiKey apiKey;
                try {
                    apiKey = new OpenRouterApiKey(cipher.decrypt(row.encryptedApiKey(), row.userId()));
                } catch (SecretDecryptionException e) {
                    undecryptable++;
                    log.warn(
                            "The OpenRouter key of user {} (key id {}) does not decrypt: {}",
                            row.userId(),
                            row.keyId(),
                            e.getMessage());
                    continue;
                }
                KeyVerification verification = verifier.verifyKey(apiKey);
                switch (verification) {
                    case KeyVerification.Unavailable outage -> {
                        unavailable++;
                        log.warn(
                                "OpenRouter could not verify the key of user {}; left as it was: {}",
                                row.userId(),
                                outage.reason());
                    }
                    case KeyVerification.Valid accepted -> {
                        valid++;
                        changed += mark(row, true, accepted.details()) ? 0 : 1;
                    }
                    case KeyVerification.Invalid refused -> {
                        invalid++;
                        changed += mark(row, false, null) ? 0 : 1;
                        if (row.valid()) {
                            log.info(
                                    "OpenRouter no longer accepts the key {} of user {}: {}",
                                    row.keyHint(),
                                    row.userId(),
                                    refused.reason());
                        }
                    }
                }
            }
        } while (page.size() == batchSize);
        ReverificationReport report =
                new ReverificationReport(checked, valid, invalid, unavailable, undecryptable, changed);
        log.info("Re-verified users' OpenRouter keys: {}", report);
        return report;
    }

    /** Records OpenRouter's answer; the details of an accepted key replace the stored ones, a refusal keeps them. */
    private boolean mark(StoredUserKey row, boolean valid, @Nullable KeyDetails details) {
        return store.markVerified(row.userId(), row.encryptedApiKey(), valid, details, clock.instant());
    }

    /**
     * Moves every stored key that is not under the cipher's primary key onto it (after a key rotation). Idempotent:
     * a second pass finds nothing to do. Values that do not decrypt are left as they were and counted.
     */
    public ReencryptionReport reencryptAll() {
        String primary = cipher.primaryKeyId();
        int examined = 0, reencrypted = 0, failed = 0, changed = 0;
        @Nullable UUID after = null;
        List<StoredUserKey> page;
        do {
            page = store.pageNotUnderKey(primary, after, batchSize);
            for (StoredUserKey row : page) {
                after = row.userId();
                examined++;
                String replacement;
                try {
                    replacement = cipher.needsReencryption(row.encryptedApiKey())
                            ? cipher.encrypt(cipher.decrypt(row.encryptedApiKey(), row.userId()), row.userId())
                            : row.encryptedApiKey(); // only the key id column was out of date
                } catch (SecretDecryptionException e) {
                    failed++;
                    log.warn(
                            "Cannot re-encrypt the OpenRouter key of user {} (key id {}): {}",
                            row.userId(),
                            row.keyId(),
                            e.getMessage());
                    continue;
                }
                if (store.replaceEncryptedKey(
                        row.userId(), row.encryptedApiKey(), replacement, cipher.keyIdOf(replacement))) {
                    reencrypted++;
                } else {
                    changed++;
                }
            }
        } while (page.size() == batchSize);
        ReencryptionReport report = new ReencryptionReport(primary, examined, reencrypted, failed, changed);
        log.info("Re-encrypted users' OpenRouter keys: {}", report);
        return report;
    }
}
