package dev.modelaccess.testsupport.resources;

import dev.modelaccess.core.resources.NewResource;
import dev.modelaccess.core.resources.Resource;
import dev.modelaccess.core.resources.ResourceStore;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * A {@link ResourceStore} in memory, owner-scoped like the database one, for tests and prototypes. Creation times
 * come from the clock, made strictly increasing (like {@code now()} in separate transactions) so the newest-first
 * order is always defined. {@link #catalogRowDeleted(UUID)} plays {@code ON DELETE SET NULL}. Thread-safe.
 */
public final class InMemoryResourceStore implements ResourceStore {

    private static final Comparator<Resource> NEWEST_FIRST = Comparator.comparing(Resource::createdAt)
            .thenComparing(Resource::id)
            .reversed();

    private final Map<UUID, Resource> rows = new LinkedHashMap<>();
    private final Clock clock;
    private Instant last = Instant.MIN;

    public InMemoryResourceStore(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public InMemoryResourceStore() {
        this(Clock.systemUTC());
    }

    @Override
    public synchronized Optional<Resource> insert(NewResource resource, int maxPerOwner) {
        long held = rows.values().stream()
                .filter(row -> row.ownerId().equals(resource.ownerId()))
                .count();
        if (held >= maxPerOwner) {
            return Optional.empty();
        }
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        if (!now.isAfter(last)) {
            now = last.plus(1, ChronoUnit.MICROS);
        }
        last = now;
        Resource row = new Resource(
                UUID.randomUUID(),
                resource.ownerId(),
                resource.name(),
                resource.type(),
                resource.catalogModelId(),
                resource.config(),
                now,
                now);
        rows.put(row.id(), row);
        return Optional.of(row);
    }

    @Override
    public synchronized Optional<Resource> find(UUID ownerId, UUID resourceId) {
        return Optional.ofNullable(rows.get(resourceId))
                .filter(row -> row.ownerId().equals(ownerId));
    }

    @Override
    public synchronized List<Resource> listByOwner(UUID ownerId, int limit, int offset) {
        List<Resource> own = new ArrayList<>();
        for (Resource row : rows.values()) {
            if (row.ownerId().equals(ownerId)) {
                own.add(row);
            }
        }
        own.sort(NEWEST_FIRST);
        return own.stream().skip(offset).limit(limit).toList();
    }

    @Override
    public synchronized boolean delete(UUID ownerId, UUID resourceId) {
        if (find(ownerId, resourceId).isEmpty()) {
            return false;
        }
        rows.remove(resourceId);
        return true;
    }

    /** How many rows the store holds, over every owner. */
    public synchronized int size() {
        return rows.size();
    }

    /** What {@code ON DELETE SET NULL} does when the catalog row {@code catalogModelId} is deleted. */
    public synchronized void catalogRowDeleted(UUID catalogModelId) {
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
}
