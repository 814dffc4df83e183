package dev.modelaccess.core.resources;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** A {@link ResourceStore} in a map, owner-scoped like the real one. */
final class InMemoryResources implements ResourceStore {

    private final Map<UUID, Resource> rows = new LinkedHashMap<>();
    private final Clock clock;

    InMemoryResources(Clock clock) {
        this.clock = clock;
    }

    @Override
    public synchronized Resource insert(NewResource resource) {
        Resource row = new Resource(
                UUID.randomUUID(),
                resource.ownerId(),
                resource.name(),
                resource.type(),
                resource.catalogModelId(),
                resource.config(),
                clock.instant(),
                clock.instant());
        rows.put(row.id(), row);
        return row;
    }

    @Override
    public synchronized Optional<Resource> find(UUID ownerId, UUID resourceId) {
        return Optional.ofNullable(rows.get(resourceId))
                .filter(row -> row.ownerId().equals(ownerId));
    }

    @Override
    public synchronized List<Resource> listByOwner(UUID ownerId, int limit, int offset) {
        List<Resource> own = new ArrayList<>(rows.values().stream()
                .filter(row -> row.ownerId().equals(ownerId))
                .toList());
        own.sort(Comparator.comparing(Resource::createdAt).reversed());
        return own.stream().skip(offset).limit(limit).toList();
    }

    @Override
    public synchronized boolean delete(UUID ownerId, UUID resourceId) {
        return find(ownerId, resourceId)
                .map(row -> rows.remove(row.id()) != null)
                .orElse(false);
    }

    /** What {@code ON DELETE SET NULL} does when the catalog row goes. */
    synchronized void catalogRowDeleted(UUID catalogModelId) {
        rows.replaceAll((id, row) -> catalogModelId.equals(row.catalogModelId())
                ? new Resource(
                        row.id(),
                        row.ownerId(),
                        row.name(),
                        row.type(),
                        null,
                        row.config(),
                        row.createdAt(),
                        row.updatedAt())
                : row);
    }

    synchronized int size() {
        return rows.size();
    }
}
