package dev.modelaccess.core.keys;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What OpenRouter said about a user's key when it last accepted it ({@code GET /key}). Never the key itself: the
 * label is OpenRouter's masked one.
 *
 * @param label the key's label as OpenRouter shows it (masked, e.g. {@code sk-or-v1-f97...6e7})
 * @param limit the spending limit in USD; {@code null} when the key has none
 * @param limitRemaining what was left of the limit in USD; {@code null} when the key has no limit
 * @param limitReset how the limit resets ({@code daily}, {@code monthly}, …); {@code null} when it does not
 * @param usage the credit used so far in USD
 * @param freeTier whether the account never bought credits ({@code is_free_tier})
 * @param expiresAt when the key expires; {@code null} when it does not
 */
public record KeyDetails(
        @Nullable String label,
        @Nullable BigDecimal limit,
        @Nullable BigDecimal limitRemaining,
        @Nullable String limitReset,
        BigDecimal usage,
        boolean freeTier,
        @Nullable Instant expiresAt) {

    public KeyDetails {
        Objects.requireNonNull(usage, "usage");
    }
}
