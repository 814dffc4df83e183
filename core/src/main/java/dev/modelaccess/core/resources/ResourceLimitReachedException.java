package dev.modelaccess.core.resources;

import dev.modelaccess.core.ModelAccessException;
import java.util.UUID;

/**
 * The owner already holds as many resources as one user may ({@link #limit()}); nothing was stored (HTTP: 422). Delete
 * one to make room.
 */
public final class ResourceLimitReachedException extends ModelAccessException {

    private final UUID ownerId;
    private final int limit;

    public ResourceLimitReachedException(UUID ownerId, int limit) {
        super("A user may hold at most " + limit + " resources; delete one to create another");
        this.ownerId = ownerId;
        this.limit = limit;
    }

    public UUID ownerId() {
        return ownerId;
    }

    /** The most resources one user may hold. */
    public int limit() {
        return limit;
    }
}
