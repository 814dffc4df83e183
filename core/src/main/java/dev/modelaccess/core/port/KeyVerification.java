package dev.modelaccess.core.port;

import dev.modelaccess.core.keys.KeyDetails;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/** What OpenRouter said about a user's API key. */
public sealed interface KeyVerification {

    /**
     * OpenRouter accepted the key.
     *
     * @param label the key's label as OpenRouter shows it (OpenRouter masks it, e.g. {@code sk-or-v1-f97...6e7})
     * @param limit the spending limit in USD; {@code null} when the key has none
     * @param limitRemaining what is left of the limit in USD; {@code null} when the key has no limit
     * @param limitReset how the limit resets ({@code daily}, {@code monthly}, …); {@code null} when it does not
     * @param usage the credit used so far in USD
     * @param freeTier whether the account never bought credits ({@code is_free_tier}); {@code false} when
     *     OpenRouter did not say
     * @param expiresAt when the key expires; {@code null} when it does not
     */
    record Valid(
            @Nullable String label,
            @Nullable BigDecimal limit,
            @Nullable BigDecimal limitRemaining,
            @Nullable String limitReset,
            BigDecimal usage,
            boolean freeTier,
            @Nullable Instant expiresAt)
            implements KeyVerification {

        public Valid {
            Objects.requireNonNull(usage, "usage");
        }

        /** What is kept with the stored key. */
        public KeyDetails details() {
            return new KeyDetails(label, limit, limitRemaining, limitReset, usage, freeTier, expiresAt);
        }
    }

    /** OpenRouter refused the key (401 or 403), or it is not even shaped like one. Saving it makes no sense. */
    record Invalid(String reason) implements KeyVerification {

        public Invalid {
            Objects.requireNonNull(reason, "reason");
        }
    }

    /**
     * OpenRouter could not say: unreachable, timed out, rate-limited, a server error, or an answer that could not
     * be read. Says nothing about the key; try again later.
     */
    record Unavailable(String reason) implements KeyVerification {

        public Unavailable {
            Objects.requireNonNull(reason, "reason");
        }
    }
}
