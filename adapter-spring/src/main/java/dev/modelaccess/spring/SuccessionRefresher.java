package dev.modelaccess.spring;

import dev.modelaccess.core.port.CatalogChangeFeed;
import dev.modelaccess.core.succession.Succession;
import dev.modelaccess.core.succession.SuccessionCache;
import dev.modelaccess.core.sync.ModelEvent;
import dev.modelaccess.core.sync.SyncRunStatus;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ScheduledFuture;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationListener;
import org.springframework.context.SmartLifecycle;

/**
 * Keeps the successors and tier defaults fresh like {@link CatalogCacheRefresher} keeps the access rules: loads them
 * on start-up, reloads them on every signal of the {@link CatalogChangeFeed} (both tables notify the catalog's
 * channel) and periodically. After every successful sync on this instance it carries over the models the sync
 * retired ({@link Succession#carryOverPending}), as actor {@value ModelEvent#SYNC_ACTOR}.
 */
public final class SuccessionRefresher implements SmartLifecycle, ApplicationListener<CatalogSyncFinishedEvent> {

    private final SuccessionCache cache;
    private final Succession succession;
    private final @Nullable CatalogChangeFeed feed;
    private final ModelAccessTaskScheduler scheduler;
    private final Duration reloadInterval;
    private final Clock clock;
    private CatalogChangeFeed.@Nullable Subscription subscription;
    private @Nullable ScheduledFuture<?> periodicReload;
    private volatile boolean running;

    public SuccessionRefresher(
            SuccessionCache cache,
            Succession succession,
            @Nullable CatalogChangeFeed feed,
            ModelAccessTaskScheduler scheduler,
            Duration reloadInterval,
            Clock clock) {
        this.cache = Objects.requireNonNull(cache, "cache");
        this.succession = Objects.requireNonNull(succession, "succession");
        this.feed = feed;
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
        this.reloadInterval = Objects.requireNonNull(reloadInterval, "reloadInterval");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public synchronized void start() {
        cache.reloadQuietly();
        if (feed != null) {
            subscription = feed.subscribe(cache::reloadQuietly);
        }
        if (reloadInterval.isPositive()) {
            periodicReload = scheduler
                    .scheduler()
                    .scheduleWithFixedDelay(
                            cache::reloadQuietly, clock.instant().plus(reloadInterval), reloadInterval);
        }
        running = true;
    }

    @Override
    public synchronized void stop() {
        running = false;
        if (periodicReload != null) {
            periodicReload.cancel(false);
            periodicReload = null;
        }
        if (subscription != null) {
            subscription.close();
            subscription = null;
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Carries over what a successful sync retired; each model's move fails alone and is retried next time. */
    @Override
    public void onApplicationEvent(CatalogSyncFinishedEvent event) {
        if (event.run().status() == SyncRunStatus.SUCCEEDED
                && !succession.carryOverPending(ModelEvent.SYNC_ACTOR).isEmpty()) {
            cache.reloadQuietly();
        }
    }
}
