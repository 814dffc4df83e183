package dev.modelaccess.spring;

import dev.modelaccess.core.port.UserProfile;
import dev.modelaccess.core.port.UserProfiles;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;

/** User profiles in a map, counting reads. */
final class MapUserProfiles implements UserProfiles {

    final Map<UUID, UserProfile> profiles = new ConcurrentHashMap<>();
    final AtomicInteger reads = new AtomicInteger();
    /** When set, every read counts and then throws this (the database is down). */
    volatile @Nullable RuntimeException failure;

    @Override
    public Optional<UserProfile> find(UUID userId) {
        reads.incrementAndGet();
        RuntimeException failing = failure;
        if (failing != null) {
            throw failing;
        }
        return Optional.ofNullable(profiles.get(userId));
    }

    @Override
    public void setDefaultModel(UUID userId, String modelId) {
        UserProfile current = profiles.getOrDefault(userId, UserProfile.unknown(userId));
        profiles.put(userId, new UserProfile(userId, current.tier(), modelId));
    }
}
