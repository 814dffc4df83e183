package dev.modelaccess.core.resources;

import dev.modelaccess.core.ModelAccessException;
import dev.modelaccess.core.catalog.Tier;
import dev.modelaccess.core.internal.Messages;
import java.util.Objects;
import java.util.UUID;

/**
 * A resource cannot run because its model may not be used by its owner right now (HTTP: 403): the model left the
 * catalog, or the owner's tier may not use it (it was disabled, its tier flag was switched off, it vanished
 * upstream, or the owner's tier changed). The same rule as the model dropdown decides.
 */
public final class ResourceModelUnusableException extends ModelAccessException {

    /** Why the model may not be used. */
    public enum Reason {
        /** The catalog row the resource was bound to was deleted. */
        REMOVED_FROM_CATALOG,
        /** The model is in the catalog but not usable by the owner's tier now. */
        NOT_ALLOWED_FOR_TIER
    }

    private final UUID resourceId;
    private final String modelId;
    private final Tier tier;
    private final Reason reason;

    public ResourceModelUnusableException(UUID resourceId, String modelId, Tier tier, Reason reason) {
        super(message(resourceId, modelId, tier, reason));
        this.resourceId = Objects.requireNonNull(resourceId, "resourceId");
        this.modelId = Objects.requireNonNull(modelId, "modelId");
        this.tier = Objects.requireNonNull(tier, "tier");
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    public UUID resourceId() {
        return resourceId;
    }

    public String modelId() {
        return modelId;
    }

    /** The owner's tier when the run was refused. */
    public Tier tier() {
        return tier;
    }

    public Reason reason() {
        return reason;
    }

    private static String message(UUID resourceId, String modelId, Tier tier, Reason reason) {
        String model = Messages.abbreviate(modelId);
        return switch (reason) {
            case REMOVED_FROM_CATALOG ->
                "Resource " + resourceId + " cannot run: its model '" + model
                        + "' was removed from the catalog; create the resource again with another model";
            case NOT_ALLOWED_FOR_TIER ->
                "Resource " + resourceId + " cannot run: its model '" + model + "' is not available to the "
                        + tier.dbValue() + " tier right now";
        };
    }
}
