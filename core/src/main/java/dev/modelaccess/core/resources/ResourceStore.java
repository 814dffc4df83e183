package dev.modelaccess.core.resources;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Where resources live (the example app's {@code resources} table). Every read and delete is scoped to an owner:
 * another user's resource is never returned nor deleted, whatever its id. The store only loads and saves; {@link
 * ModelResources} decides.
 */
public interface ResourceStore {

    /**
     * Stores a new resource unless its owner already holds {@code maxPerOwner} or more: the stored row, with its
     * generated id and the database's timestamps, or empty (nothing stored) at the limit. Atomic per owner: inserts
     * for one owner running at the same time never take the owner past {@code maxPerOwner} together.
     */
    Optional<Resource> insert(NewResource resource, int maxPerOwner);

    /** The owner's resource with this id; empty when there is none or it is another user's. */
    Optional<Resource> find(UUID ownerId, UUID resourceId);

    /** The owner's resources, newest first, at most {@code limit} after skipping {@code offset}. */
    List<Resource> listByOwner(UUID ownerId, int limit, int offset);

    /** Deletes the owner's resource; whether there was one (another user's is left alone: {@code false}). */
    boolean delete(UUID ownerId, UUID resourceId);
}
