package dev.modelaccess.spring;

import dev.modelaccess.core.port.CatalogChangeFeed;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import org.jspecify.annotations.Nullable;

/**
 * What a refresher holds while it runs: its subscription to the {@link CatalogChangeFeed} (none without a feed) and
 * its periodic reload (none for a period that is not positive). Closing ends both.
 */
final class RefreshSchedule implements AutoCloseable {

    private final CatalogChangeFeed.@Nullable Subscription subscription;
    private final @Nullable ScheduledFuture<?> periodic;

    private RefreshSchedule(
            CatalogChangeFeed.@Nullable Subscription subscription, @Nullable ScheduledFuture<?> periodic) {
        this.subscription = subscription;
        this.periodic = periodic;
    }

    /**
     * Subscribes {@code onChange} to the feed and schedules {@code everyPeriod} every {@code period}, the first time
     * one period from now.
     */
    static RefreshSchedule start(
            @Nullable CatalogChangeFeed feed,
            Runnable onChange,
            Runnable everyPeriod,
            ModelAccessTaskScheduler scheduler,
            Duration period,
            Clock clock) {
        CatalogChangeFeed.Subscription subscription = feed == null ? null : feed.subscribe(onChange);
        ScheduledFuture<?> periodic = period.isPositive()
                ? scheduler
                        .scheduler()
                        .scheduleWithFixedDelay(everyPeriod, clock.instant().plus(period), period)
                : null;
        return new RefreshSchedule(subscription, periodic);
    }

    /** The feed's subscription, or {@code null} without a feed. */
    CatalogChangeFeed.@Nullable Subscription subscription() {
        return subscription;
    }

    @Override
    public void close() {
        if (periodic != null) {
            periodic.cancel(false);
        }
        if (subscription != null) {
            subscription.close();
        }
    }
}
