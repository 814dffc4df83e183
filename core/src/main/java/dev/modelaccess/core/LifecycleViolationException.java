package dev.modelaccess.core;

import dev.modelaccess.core.catalog.ModelStatus;
import dev.modelaccess.core.internal.Messages;

/**
 * An admin asked for a status change the model lifecycle forbids: to {@code new} or {@code inactive} (both
 * owned by the sync), or any status change of a model that is {@code inactive}.
 */
public final class LifecycleViolationException extends ModelAccessException {

    private final String modelId;
    private final ModelStatus from;
    private final ModelStatus to;

    public LifecycleViolationException(String modelId, ModelStatus from, ModelStatus to) {
        super("Model '" + Messages.abbreviate(modelId) + "' cannot go from " + from.dbValue() + " to " + to.dbValue()
                + reason(from, to));
        this.modelId = modelId;
        this.from = from;
        this.to = to;
    }

    private static String reason(ModelStatus from, ModelStatus to) {
        if (from == ModelStatus.INACTIVE) {
            return ": it is gone upstream; its status comes back by itself when it returns";
        }
        if (to == ModelStatus.NEW || to == ModelStatus.INACTIVE) {
            return ": that status is set only by the catalog sync";
        }
        return "";
    }

    public String modelId() {
        return modelId;
    }

    public ModelStatus from() {
        return from;
    }

    public ModelStatus to() {
        return to;
    }
}
