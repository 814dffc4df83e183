package dev.modelaccess.core.access;

import dev.modelaccess.core.catalog.ModelStatus;
import dev.modelaccess.core.catalog.Tier;
import dev.modelaccess.core.catalog.TierFlags;
import org.jspecify.annotations.Nullable;

/**
 * What an admin asks to change on one model; {@code null} leaves that part as it is.
 *
 * @param status {@code active} or {@code disabled}; anything else is refused by {@link AdminLifecycle}
 */
public record AdminChange(
        String modelId,
        @Nullable ModelStatus status,
        @Nullable Boolean free,
        @Nullable Boolean pro,
        @Nullable Boolean enterprise) {

    /** Whether the change asks for nothing. */
    public boolean isEmpty() {
        return status == null && free == null && pro == null && enterprise == null;
    }

    TierFlags applyTo(TierFlags flags) {
        TierFlags result = flags;
        if (free != null) {
            result = result.with(Tier.FREE, free);
        }
        if (pro != null) {
            result = result.with(Tier.PRO, pro);
        }
        if (enterprise != null) {
            result = result.with(Tier.ENTERPRISE, enterprise);
        }
        return result;
    }
}
