package dev.modelaccess.core.resources;

import java.util.Objects;
import java.util.UUID;

/**
 * A resource to store; the store gives it its id and timestamps.
 *
 * @param catalogModelId the {@code model_access} row of {@code config.modelId()}
 */
public record NewResource(
        UUID ownerId, String name, ResourceType type, UUID catalogModelId, OpenRouterInstantConfig config) {

    public NewResource {
        Objects.requireNonNull(ownerId, "ownerId");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(catalogModelId, "catalogModelId");
        Objects.requireNonNull(config, "config");
    }
}
