package dev.modelaccess.spring;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import dev.modelaccess.core.StoreException;
import dev.modelaccess.core.port.UserProfile;
import dev.modelaccess.core.port.UserProfiles;
import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps each profile read for a short while, so that a user's requests cost at most one profile query per {@code
 * ttl}. Setting a default model through this instance is visible at once; changes made elsewhere (another instance,
 * plain SQL, a tier change) show within {@code ttl}.
 *
 * <p>Stale if error: when the database fails ({@link StoreException}), a profile read less than {@code maxStale} ago
 * is answered from memory, so that a user seen shortly before keeps their dropdown through a database outage. While
 * the database keeps failing, such users are answered from memory at once (requests do not queue for the pool) and
 * their profile is read again in the background, at most once per {@code ttl}. A user with no profile in memory gets
 * the {@link StoreException}.
 */
public final class CachingUserProfiles implements UserProfiles {

    private static final Logger LOG = LoggerFactory.getLogger(CachingUserProfiles.class);

    private final UserProfiles delegate;
    private final Ticker ticker;
    private final long ttlNanos;
    private final Cache<UUID, Read> cache;
    private final Executor background;
    private final Set<UUID> refreshing = ConcurrentHashMap.newKeySet();
    private volatile long failingUntilNanos;
    private volatile boolean failing;

    /** A cache without stale-if-error: a profile is forgotten {@code ttl} after it was read. */
    public CachingUserProfiles(UserProfiles delegate, Duration ttl, long maximumSize) {
        this(delegate, ttl, ttl, maximumSize);
    }

    /**
     * @param ttl how long a profile read is used before it is read again
     * @param maxStale how long after it was read a profile may still be answered while the database fails (at least
     *     {@code ttl}; equal to {@code ttl} turns stale-if-error off)
     */
    public CachingUserProfiles(UserProfiles delegate, Duration ttl, Duration maxStale, long maximumSize) {
        this(
                delegate,
                ttl,
                maxStale,
                maximumSize,
                Ticker.systemTicker(),
                task -> Thread.ofVirtual().name("modelaccess-profile-refresh").start(task));
    }

    CachingUserProfiles(
            UserProfiles delegate,
            Duration ttl,
            Duration maxStale,
            long maximumSize,
            Ticker ticker,
            Executor background) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
        this.background = Objects.requireNonNull(background, "background");
        this.ticker = Objects.requireNonNull(ticker, "ticker");
        if (ttl.isNegative() || maxStale.compareTo(ttl) < 0) {
            throw new IllegalArgumentException("modelaccess.profiles.max-stale (" + maxStale
                    + ") must be at least modelaccess.profiles.cache-ttl (" + ttl + "), which must not be negative");
        }
        this.ttlNanos = ttl.toNanos();
        this.cache = Caffeine.newBuilder()
                .expireAfterWrite(maxStale)
                .maximumSize(maximumSize)
                .ticker(ticker)
                .build();
    }

    @Override
    public Optional<UserProfile> find(UUID userId) {
        long now = ticker.read();
        Read known = cache.getIfPresent(userId);
        if (known != null && now - known.atNanos() < ttlNanos) {
            return known.profile();
        }
        if (known != null && failing) {
            if (now - failingUntilNanos >= 0) {
                refreshInBackground(userId);
            }
            return known.profile();
        }
        return load(userId, known);
    }

    private void refreshInBackground(UUID userId) {
        if (!refreshing.add(userId)) {
            return;
        }
        background.execute(() -> {
            try {
                load(userId, null);
            } catch (RuntimeException e) {
                LOG.debug("Could not refresh the profile of user {} in the background", userId, e);
            } finally {
                refreshing.remove(userId);
            }
        });
    }

    private Optional<UserProfile> load(UUID userId, @Nullable Read known) {
        try {
            Optional<UserProfile> profile = delegate.find(userId);
            cache.put(userId, new Read(profile, ticker.read()));
            if (failing) {
                failing = false;
                LOG.info("Profiles are read from the database again");
            }
            return profile;
        } catch (StoreException e) {
            failingUntilNanos = ticker.read() + ttlNanos;
            if (!failing) {
                failing = true;
                LOG.warn(
                        "Could not read profiles ({}); answering profiles read recently from memory until the"
                                + " database answers again",
                        e.getMessage());
            }
            if (known == null) {
                throw e;
            }
            return known.profile();
        }
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

    /** A profile as read (empty: the user has no row) and when. */
    private record Read(Optional<UserProfile> profile, long atNanos) {}
}
