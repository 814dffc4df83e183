package dev.modelaccess.core.access;

import dev.modelaccess.core.ModelAccessException;
import dev.modelaccess.core.catalog.Tier;
import dev.modelaccess.core.internal.Messages;

/** A user asked for a model their tier may not use right now (or that does not exist at all). */
public final class ModelNotAllowedException extends ModelAccessException {

    private final String modelId;
    private final Tier tier;

    public ModelNotAllowedException(String modelId, Tier tier) {
        super("Model '" + Messages.abbreviate(modelId) + "' is not available to the " + tier.dbValue() + " tier");
        this.modelId = modelId;
        this.tier = tier;
    }

    public String modelId() {
        return modelId;
    }

    public Tier tier() {
        return tier;
    }
}
