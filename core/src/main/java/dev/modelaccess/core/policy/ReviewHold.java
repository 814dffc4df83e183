package dev.modelaccess.core.policy;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * An active model a sync flagged for review because its price moved: pending until an admin clears it. Prices are
 * per token, as upstream writes them ({@code null}: not charged).
 *
 * @param oldPrompt the prompt price before the first rise not yet reviewed
 * @param newPrompt the prompt price as of the latest hold
 */
public record ReviewHold(
        String modelId,
        HoldReason reason,
        @Nullable BigDecimal oldPrompt,
        @Nullable BigDecimal oldCompletion,
        @Nullable BigDecimal newPrompt,
        @Nullable BigDecimal newCompletion,
        Instant heldAt) {

    public ReviewHold {
        Objects.requireNonNull(modelId, "modelId");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(heldAt, "heldAt");
    }

    /** Why a model is held. */
    public enum HoldReason {
        /** The prompt or completion price rose by more than the configured factor. */
        PRICE_ROSE,
        /** A free model became paid; it left the free tier at once. */
        BECAME_PAID;

        public String dbValue() {
            return dev.modelaccess.core.internal.WireNames.of(this);
        }

        public static HoldReason fromDbValue(String value) {
            return dev.modelaccess.core.internal.WireNames.require(HoldReason.class, value, false, "hold reason");
        }
    }
}
