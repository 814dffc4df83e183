package dev.modelaccess.spring;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.modelaccess.core.port.UserProfile;
import dev.modelaccess.core.port.UserProfiles;
import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * Keeps each profile read for a short while, so that a user's requests cost at most one profile query per {@code
 * ttl}. Setting a default model through this instance is visible at once; changes made elsewhere (another instance,
 * plain SQL, a tier change) show within {@code ttl}.
 */
public final class CachingUserProfiles implements UserProfiles {

    private final UserProfiles delegate;
    private final Cache<UUID, Optional<UserProfile>> cache;

    public CachingUserProfiles(UserProfiles delegate, Duration ttl, long maximumSize) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
        this.cache = Caffeine.newBuilder()
                .expireAfterWrite(ttl)
                .maximumSize(maximumSize)
                .build();
    }

    @Override
    public Optional<UserProfile> find(UUID userId) {
        return cache.get(userId, delegate::find);
    }

    /** Not cached: the admin console asks for it rarely and wants it current. */
    @Override
    public Map<String, Long> countDefaultUsers(Collection<String> modelIds) {
        return delegate.countDefaultUsers(modelIds);
    }

    @Override
    public void setDefaultModel(UUID userId, String modelId) {
        try {
            delegate.setDefaultModel(userId, modelId);
        } finally {
            cache.invalidate(userId);
        }
    }

    /** Forgets every cached profile. */
    public void invalidateAll() {
        cache.invalidateAll();
    }
}
