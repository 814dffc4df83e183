package dev.modelaccess.spring;

import dev.modelaccess.core.port.CatalogChangeFeed;
import dev.modelaccess.core.succession.Succession;
import dev.modelaccess.core.succession.SuccessionCache;
import dev.modelaccess.core.sync.ModelEvent;
import dev.modelaccess.core.sync.SyncRunStatus;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationListener;
import org.springframework.context.SmartLifecycle;

/**
 * Keeps the successors and tier defaults fresh like {@link CatalogCacheRefresher} keeps the access rules: loads them
 * on start-up, reloads them on every signal of the {@link CatalogChangeFeed} (both tables notify the catalog's
 * channel) and periodically.
 *
 * <p>It also runs the carry-overs ({@link Succession#carryOverPending}): after every successful sync on this instance
 * (actor {@value ModelEvent#SYNC_ACTOR}), and on every change signal, so that a model an admin (or plain SQL, or
 * another instance's sync) retired is carried over within moments (actor {@value #CHANGE_ACTOR}). Instances may
 * race for one move: each re-checks the model under its row lock, so only the first moves anything.
 */
public final class SuccessionRefresher implements SmartLifecycle, ApplicationListener<CatalogSyncFinishedEvent> {

    /** The actor of carry-overs started by a change signal rather than a sync. */
    public static final String CHANGE_ACTOR = "successor";

    private static final Logger LOG = LoggerFactory.getLogger(SuccessionRefresher.class);

    private final SuccessionCache cache;
    private final Succession succession;
    private final @Nullable CatalogChangeFeed feed;
    private final ModelAccessTaskScheduler scheduler;
    private final Duration reloadInterval;
    private final Clock clock;
    private @Nullable RefreshSchedule schedule;
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
        schedule = RefreshSchedule.start(feed, this::onChange, cache::reloadQuietly, scheduler, reloadInterval, clock);
        running = true;
    }

    @Override
    public synchronized void stop() {
        running = false;
        if (schedule != null) {
            schedule.close();
            schedule = null;
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private void onChange() {
        cache.reloadQuietly();
        carryOver(CHANGE_ACTOR);
    }

    /** Runs the pending carry-overs; a failure is logged, the next signal or sync tries again. */
    private void carryOver(String actor) {
        try {
            if (!succession.carryOverPending(actor).isEmpty()) {
                cache.reloadQuietly();
            }
        } catch (RuntimeException e) {
            LOG.warn("Could not look for models to carry over to their successors: {}", e.getMessage());
        }
    }

    /** Carries over what a successful sync retired; each model's move fails alone and is retried next time. */
    @Override
    public void onApplicationEvent(CatalogSyncFinishedEvent event) {
        if (event.run().status() == SyncRunStatus.SUCCEEDED) {
            carryOver(ModelEvent.SYNC_ACTOR);
        }
    }
}
