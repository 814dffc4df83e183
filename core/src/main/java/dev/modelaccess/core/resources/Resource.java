package dev.modelaccess.core.resources;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * One stored resource, as its owner sees it.
 *
 * @param catalogModelId the {@code model_access} row the resource is bound to; {@code null} once that row was
 *     deleted ({@code ON DELETE SET NULL}), after which the resource no longer runs
 * @param config what it runs; {@link OpenRouterInstantConfig#modelId()} names the model
 */
public record Resource(
        UUID id,
        UUID ownerId,
        String name,
        ResourceType type,
        @Nullable UUID catalogModelId,
        OpenRouterInstantConfig config,
        Instant createdAt,
        Instant updatedAt) {

    public static final int MAX_NAME_LENGTH = 200;

    public Resource {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(ownerId, "ownerId");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
    }

    /** The OpenRouter id of the resource's model. */
    public String modelId() {
        return config.modelId();
    }

    /** The catalog row the resource is bound to, unless it was deleted. */
    public Optional<UUID> catalogModel() {
        return Optional.ofNullable(catalogModelId);
    }
}
