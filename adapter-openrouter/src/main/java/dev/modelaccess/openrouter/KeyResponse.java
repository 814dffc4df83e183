package dev.modelaccess.openrouter;

import java.math.BigDecimal;
import org.jspecify.annotations.Nullable;

/**
 * {@code GET /key}: {@code {"data":{"label":…,"limit":…,"usage":…,"is_free_tier":…,"expires_at":…,…}}}. Fields
 * not listed here are ignored.
 */
record KeyResponse(@Nullable Data data) {

    record Data(
            @Nullable String label,
            @Nullable BigDecimal limit,
            @Nullable BigDecimal limitRemaining,
            @Nullable String limitReset,
            @Nullable BigDecimal usage,
            @Nullable Boolean isFreeTier,
            @Nullable String expiresAt) {}
}
