package dev.modelaccess.core;

import dev.modelaccess.core.internal.Messages;

/** No catalog row has the given OpenRouter model id. */
public final class ModelNotFoundException extends ModelAccessException {

    private final String modelId;

    public ModelNotFoundException(String modelId) {
        super("No model '" + Messages.abbreviate(modelId) + "' in the catalog");
        this.modelId = modelId;
    }

    public String modelId() {
        return modelId;
    }
}
