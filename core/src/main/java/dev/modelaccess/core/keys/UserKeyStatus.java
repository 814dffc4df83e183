package dev.modelaccess.core.keys;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * What a user (or an admin screen) may see about a stored key: never the key, only its hint and status.
 *
 * @param keyHint e.g. {@code sk-or-v1-…6e7}
 * @param valid whether OpenRouter accepted the key when it was last verified
 * @param lastVerifiedAt when OpenRouter last gave a definite answer about the key
 * @param enabled whether the user lets the key be used
 * @param details what OpenRouter said about the key when it last accepted it (label, limit, usage, free tier,
 *     expiry); {@code null} when not known
 */
public record UserKeyStatus(
        String keyHint,
        boolean valid,
        @Nullable Instant lastVerifiedAt,
        boolean enabled,
        Instant createdAt,
        Instant updatedAt,
        @Nullable KeyDetails details) {

    /** Whether the key may be used to run something now: valid and enabled. */
    public boolean usable() {
        return valid && enabled;
    }
}
