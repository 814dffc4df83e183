package dev.modelaccess.spring;

import dev.modelaccess.core.access.AccessRuleCache;
import dev.modelaccess.core.port.CatalogChangeFeed;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Keeps the in-memory lists fresh while the application runs: loads the access rules and starts the first live
 * list fetch on start-up, reloads the rules on every signal of the {@link CatalogChangeFeed} (and after each of its
 * (re)connects), and reloads them periodically as a safety net.
 */
public final class CatalogCacheRefresher implements SmartLifecycle {

    private static final Logger LOG = LoggerFactory.getLogger(CatalogCacheRefresher.class);

    private final AccessRuleCache rules;
    private final @Nullable CatalogChangeFeed feed;
    private final @Nullable CaffeineLiveCatalog liveCatalog;
    private final ModelAccessTaskScheduler scheduler;
    private final Duration reloadInterval;
    private final Clock clock;
    private volatile @Nullable RefreshSchedule schedule;
    private volatile boolean running;
    private final Runnable alsoReload;

    public CatalogCacheRefresher(
            AccessRuleCache rules,
            @Nullable CatalogChangeFeed feed,
            @Nullable CaffeineLiveCatalog liveCatalog,
            ModelAccessTaskScheduler scheduler,
            Duration reloadInterval,
            Clock clock) {
        this(rules, feed, liveCatalog, scheduler, reloadInterval, clock, () -> {});
    }

    /**
     * @param alsoReload reloaded with the access rules, on every signal and every period (e.g. the catalog rules'
     *     {@link dev.modelaccess.core.policy.CatalogRuleCache#reloadQuietly}); must not throw
     */
    public CatalogCacheRefresher(
            AccessRuleCache rules,
            @Nullable CatalogChangeFeed feed,
            @Nullable CaffeineLiveCatalog liveCatalog,
            ModelAccessTaskScheduler scheduler,
            Duration reloadInterval,
            Clock clock,
            Runnable alsoReload) {
        this.alsoReload = Objects.requireNonNull(alsoReload, "alsoReload");
        this.rules = Objects.requireNonNull(rules, "rules");
        this.feed = feed;
        this.liveCatalog = liveCatalog;
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
        this.reloadInterval = Objects.requireNonNull(reloadInterval, "reloadInterval");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public synchronized void start() {
        reloadAll();
        if (liveCatalog != null) {
            liveCatalog.warmUp();
        }
        if (feed == null) {
            LOG.info("No catalog change feed: access rules are refreshed only every {}", reloadInterval);
        }
        schedule = RefreshSchedule.start(feed, this::reloadAll, this::reloadAll, scheduler, reloadInterval, clock);
        running = true;
    }

    private void reloadAll() {
        rules.reloadQuietly();
        alsoReload.run();
    }

    @Override
    public synchronized void stop() {
        running = false;
        RefreshSchedule current = schedule;
        if (current != null) {
            current.close();
            schedule = null;
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /**
     * How other instances' changes reach this one: {@code listen} (notifications, within a second), {@code poll}
     * (the catalog version, every few seconds: LISTEN does not work here, or is switched off), {@code starting}, or
     * {@code periodic-reload} (no change feed at all).
     */
    public String changePath() {
        RefreshSchedule started = schedule;
        CatalogChangeFeed.Subscription current = started == null ? null : started.subscription();
        if (current == null) {
            return running || feed == null ? "periodic-reload" : "starting";
        }
        return switch (current.path()) {
            case STARTING -> "starting";
            case LISTEN -> "listen";
            case POLL -> "poll";
            case NONE -> "periodic-reload";
        };
    }
}
