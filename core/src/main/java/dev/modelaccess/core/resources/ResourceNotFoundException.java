package dev.modelaccess.core.resources;

import dev.modelaccess.core.ModelAccessException;
import java.util.UUID;

/**
 * No resource with this id belongs to the caller (HTTP: 404). Another user's resource is reported the same way as
 * one that does not exist, so ids cannot be probed.
 */
public final class ResourceNotFoundException extends ModelAccessException {

    private final UUID resourceId;

    public ResourceNotFoundException(UUID resourceId) {
        super("No resource " + resourceId);
        this.resourceId = resourceId;
    }

    public UUID resourceId() {
        return resourceId;
    }
}
