package dev.modelaccess.spring;

import com.github.benmanes.caffeine.cache.AsyncCacheLoader;
import com.github.benmanes.caffeine.cache.AsyncLoadingCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import dev.modelaccess.core.access.LiveCatalog;
import dev.modelaccess.core.access.LiveModels;
import dev.modelaccess.core.port.ModelCatalogSource;
import dev.modelaccess.core.sync.SyncGuards;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The live upstream model list, cached with Caffeine.
 *
 * <ul>
 *   <li>Readers never wait for upstream: {@link #current()} answers what is in memory, and is empty until a fetch
 *       succeeded (the dropdown then serves the models stored in the database).
 *   <li>The list is fetched in the background: first when the application starts ({@link #warmUp()}), then again
 *       on the first read after {@code cacheTtl}. Caffeine runs one fetch at a time.
 *   <li>When a fetch fails, the last good list stays in use until the next attempt, one {@code cacheTtl} later.
 *       While no fetch ever succeeded, a read tries again at most once per {@code failureBackoff}.
 *   <li>The sync's shrink guards apply to the live list too, since the dropdown and {@code isAllowed} both read
 *       it: a list with no readable model, or with fewer readable models than {@code minUpstreamRatio} of the last
 *       good list, is refused (logged with the reason) like a failed fetch, and the last good list stays in use.
 * </ul>
 */
public final class CaffeineLiveCatalog implements LiveCatalog {

    private static final Logger LOG = LoggerFactory.getLogger(CaffeineLiveCatalog.class);
    private static final String KEY = "models";

    private final ModelCatalogSource source;
    private final Clock clock;
    private final Duration failureBackoff;
    private final double minUpstreamRatio;
    private final AsyncLoadingCache<String, Attempt> cache;

    /** A live list guarded with the default {@link SyncGuards#DEFAULTS min-upstream-ratio}. */
    public CaffeineLiveCatalog(ModelCatalogSource source, Duration cacheTtl, Duration failureBackoff, Clock clock) {
        this(source, cacheTtl, failureBackoff, SyncGuards.DEFAULTS.minUpstreamRatio(), clock);
    }

    /**
     * @param minUpstreamRatio refuse a new list with fewer readable models than this share of the last good list
     *     (the sync's {@code modelaccess.sync.guard.min-upstream-ratio})
     */
    public CaffeineLiveCatalog(
            ModelCatalogSource source,
            Duration cacheTtl,
            Duration failureBackoff,
            double minUpstreamRatio,
            Clock clock) {
        this(
                source,
                cacheTtl,
                failureBackoff,
                minUpstreamRatio,
                clock,
                Ticker.systemTicker(),
                CaffeineLiveCatalog::fetchInBackground);
    }

    CaffeineLiveCatalog(
            ModelCatalogSource source,
            Duration cacheTtl,
            Duration failureBackoff,
            Clock clock,
            Ticker ticker,
            Executor executor) {
        this(source, cacheTtl, failureBackoff, SyncGuards.DEFAULTS.minUpstreamRatio(), clock, ticker, executor);
    }

    CaffeineLiveCatalog(
            ModelCatalogSource source,
            Duration cacheTtl,
            Duration failureBackoff,
            double minUpstreamRatio,
            Clock clock,
            Ticker ticker,
            Executor executor) {
        this.minUpstreamRatio = new SyncGuards(minUpstreamRatio, 0).minUpstreamRatio();
        this.source = Objects.requireNonNull(source, "source");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.failureBackoff = Objects.requireNonNull(failureBackoff, "failureBackoff");
        if (!cacheTtl.isPositive()) {
            throw new IllegalArgumentException("modelaccess.catalog.cache-ttl must be positive, was " + cacheTtl);
        }
        this.cache = Caffeine.newBuilder()
                .refreshAfterWrite(cacheTtl)
                .ticker(ticker)
                .executor(executor)
                .buildAsync(new Loader());
    }

    @Override
    public Optional<LiveModels> current() {
        CompletableFuture<Attempt> pending = cache.get(KEY);
        if (!pending.isDone()) {
            return Optional.empty();
        }
        Attempt attempt = pending.join();
        if (attempt.models() == null && !clock.instant().isBefore(attempt.at().plus(failureBackoff))) {
            cache.synchronous().refresh(KEY);
        }
        return Optional.ofNullable(attempt.models());
    }

    /** Starts the first fetch in the background, unless one ran or runs already. */
    public void warmUp() {
        cache.get(KEY);
    }

    /** When the list in use was fetched; empty before the first successful fetch. Never starts a fetch. */
    public Optional<Instant> fetchedAt() {
        CompletableFuture<Attempt> present = cache.asMap().get(KEY);
        if (present == null || !present.isDone()) {
            return Optional.empty();
        }
        LiveModels models = present.join().models();
        return models == null ? Optional.empty() : Optional.of(models.fetchedAt());
    }

    private Attempt fetch(@Nullable Attempt previous) {
        try {
            LiveModels models = new LiveModels(source.fetchCatalog().models(), clock.instant());
            LiveModels lastGood = previous == null ? null : previous.models();
            String refusal = refusal(models, lastGood);
            if (refusal != null) {
                if (lastGood != null) {
                    LOG.warn(
                            "Refused the live model list: {}; keeping the list fetched at {}",
                            refusal,
                            lastGood.fetchedAt());
                    return previous;
                }
                LOG.warn(
                        "Refused the live model list: {}; serving the models stored in the database until a fetch"
                                + " succeeds",
                        refusal);
                return new Attempt(null, clock.instant());
            }
            if (previous == null || previous.models() == null) {
                LOG.info(
                        "Fetched the live model list: {} models",
                        models.models().size());
            }
            return new Attempt(models, models.fetchedAt());
        } catch (RuntimeException e) {
            if (previous != null && previous.models() != null) {
                LOG.warn(
                        "Could not refresh the live model list ({}); keeping the list fetched at {}",
                        e.toString(),
                        previous.models().fetchedAt());
                return previous;
            }
            LOG.warn(
                    "Could not fetch the live model list ({}); serving the models stored in the database until a"
                            + " fetch succeeds",
                    e.toString());
            return new Attempt(null, clock.instant());
        }
    }

    /** Why {@code fetched} must not replace {@code lastGood} (the sync's shrink guards), or null when it may. */
    private @Nullable String refusal(LiveModels fetched, @Nullable LiveModels lastGood) {
        int readable = fetched.models().size();
        if (readable == 0) {
            return "upstream listed no readable model";
        }
        if (lastGood != null) {
            int before = lastGood.models().size();
            BigDecimal minimum = BigDecimal.valueOf(minUpstreamRatio).multiply(BigDecimal.valueOf(before));
            if (BigDecimal.valueOf(readable).compareTo(minimum) < 0) {
                return "upstream listed " + readable + " readable models against " + before
                        + " in the last good list, below the minimum ratio " + minUpstreamRatio
                        + " (modelaccess.sync.guard.min-upstream-ratio)";
            }
        }
        return null;
    }

    private static void fetchInBackground(Runnable task) {
        Thread.ofVirtual().name("modelaccess-live-catalog").start(task);
    }

    /** One fetch: the list it brought (or kept), or none when no fetch ever succeeded. */
    private record Attempt(@Nullable LiveModels models, Instant at) {}

    private final class Loader implements AsyncCacheLoader<String, Attempt> {

        @Override
        public CompletableFuture<Attempt> asyncLoad(String key, Executor executor) {
            return CompletableFuture.supplyAsync(() -> fetch(null), executor);
        }

        @Override
        public CompletableFuture<Attempt> asyncReload(String key, Attempt previous, Executor executor) {
            return CompletableFuture.supplyAsync(() -> fetch(previous), executor);
        }
    }
}
