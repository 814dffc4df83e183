package dev.modelaccess.core.succession;

import dev.modelaccess.core.catalog.Tier;
import java.time.Instant;
import java.util.Objects;

/** The default model of a tier's users who have none of their own that they may use; set by an admin. */
public record TierDefault(Tier tier, String modelId, String setBy, Instant setAt) {

    public TierDefault {
        Objects.requireNonNull(tier, "tier");
        Objects.requireNonNull(modelId, "modelId");
        Objects.requireNonNull(setBy, "setBy");
        Objects.requireNonNull(setAt, "setAt");
    }
}
