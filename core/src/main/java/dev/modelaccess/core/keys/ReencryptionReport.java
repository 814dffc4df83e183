package dev.modelaccess.core.keys;

/**
 * What one {@link UserKeys#reencryptAll()} pass did.
 *
 * @param primaryKeyId the key every row was moved to
 * @param examined rows found under another key
 * @param reencrypted rows now under the primary key
 * @param failed rows whose value does not decrypt (left as they were; they need the user to save their key again,
 *     or the old key back in the keyset)
 * @param changedMeanwhile rows the user changed or deleted while the pass ran (left to the user's change)
 */
public record ReencryptionReport(
        String primaryKeyId, int examined, int reencrypted, int failed, int changedMeanwhile) {}
