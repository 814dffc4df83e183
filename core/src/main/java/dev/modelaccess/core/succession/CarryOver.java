package dev.modelaccess.core.succession;

import java.util.Map;
import java.util.Objects;

/**
 * One move from a retired model to its successor.
 *
 * @param successorId the model users and resources moved to: the nearest successor in the chain that is not
 *     retired itself
 * @param moved how many references moved, by {@link dev.modelaccess.core.port.ModelReferences#name() kind}, in the
 *     order the references were given
 */
public record CarryOver(String modelId, String successorId, Map<String, Long> moved) {

    public CarryOver {
        Objects.requireNonNull(modelId, "modelId");
        Objects.requireNonNull(successorId, "successorId");
        moved = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(moved));
    }
}
