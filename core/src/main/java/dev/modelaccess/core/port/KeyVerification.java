package dev.modelaccess.core.port;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/** What OpenRouter said about a user's API key ({@code GET /key}). */
public sealed interface KeyVerification {

    /**
     * OpenRouter accepted the key (HTTP 200).
     *
     * @param label OpenRouter's label for the key (already masked by OpenRouter), when it sent one
     * @param limit the key's spending limit in USD, {@code null} for none
     * @param limitRemaining what is left of the limit in USD, {@code null} for no limit
     * @param usage credits used in USD, when sent
     * @param isFreeTier whether the account has never paid for credits
     * @param expiresAt when the key expires, {@code null} for never
     */
    record Valid(
            @Nullable String label,
            @Nullable BigDecimal limit,
            @Nullable BigDecimal limitRemaining,
            @Nullable BigDecimal usage,
            boolean isFreeTier,
            @Nullable Instant expiresAt)
            implements KeyVerification {}

    /**
     * OpenRouter refused the key (HTTP 401): unknown, revoked or expired.
     *
     * @param reason why, as far as OpenRouter said (never the key itself)
     */
    record Invalid(String reason) implements KeyVerification {
        public Invalid {
            Objects.requireNonNull(reason, "reason");
        }
    }

    /**
     * OpenRouter could not answer whether the key is good (network failure, timeout, 429, 5xx, an unreadable
     * answer). Says nothing about the key.
     *
     * @param reason what went wrong (never the key itself)
     */
    record Unavailable(String reason) implements KeyVerification {
        public Unavailable {
            Objects.requireNonNull(reason, "reason");
        }
    }
}
