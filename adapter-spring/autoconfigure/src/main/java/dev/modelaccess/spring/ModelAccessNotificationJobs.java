package dev.modelaccess.spring;

import dev.modelaccess.core.notify.ExpiryNotices;
import dev.modelaccess.core.notify.OutboxDispatcher;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ScheduledFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.SmartLifecycle;

/**
 * Runs the outbox dispatcher every {@code modelaccess.notifications.dispatch-interval} and the expiry check every
 * {@code modelaccess.notifications.expiry-check-interval}, on the library's scheduler, while at least one channel
 * is enabled. Every instance runs both: claims keep each notice to one dispatcher, dedupe keys each expiry notice to
 * one row. A failure (the database down) is logged and the next run tries again.
 */
public final class ModelAccessNotificationJobs implements SmartLifecycle {

    private static final Logger LOG = LoggerFactory.getLogger(ModelAccessNotificationJobs.class);
    private static final int MAX_PASSES = 100;

    private final OutboxDispatcher dispatcher;
    private final ExpiryNotices expiry;
    private final ObjectProvider<ModelAccessTaskScheduler> scheduler;
    private final ModelAccessNotificationProperties properties;
    private final List<ScheduledFuture<?>> scheduled = new ArrayList<>();
    private boolean running;

    public ModelAccessNotificationJobs(
            OutboxDispatcher dispatcher,
            ExpiryNotices expiry,
            ObjectProvider<ModelAccessTaskScheduler> scheduler,
            ModelAccessNotificationProperties properties) {
        this.dispatcher = Objects.requireNonNull(dispatcher, "dispatcher");
        this.expiry = Objects.requireNonNull(expiry, "expiry");
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
        this.properties = Objects.requireNonNull(properties, "properties");
    }

    /** One dispatcher pass until nothing is due; never throws. */
    public void dispatch() {
        try {
            OutboxDispatcher.Pass pass = dispatcher.drain(MAX_PASSES);
            if (pass.claimed() > 0) {
                LOG.debug(
                        "Notification outbox: {} delivered, {} to retry, {} dead",
                        pass.delivered(),
                        pass.failed(),
                        pass.dead());
            }
        } catch (RuntimeException e) {
            LOG.warn("The notification outbox could not be dispatched: {}", e.getMessage(), e);
        }
    }

    /** One expiry check; never throws. */
    public void checkExpiry() {
        try {
            expiry.check();
        } catch (RuntimeException e) {
            LOG.warn("The expiry check could not run: {}", e.getMessage(), e);
        }
    }

    @Override
    public synchronized void start() {
        running = true;
        ModelAccessTaskScheduler tasks = scheduler.getIfUnique();
        if (!properties.anyChannel() || tasks == null) {
            return;
        }
        scheduled.add(tasks.scheduler().scheduleWithFixedDelay(this::dispatch, properties.dispatchInterval()));
        scheduled.add(tasks.scheduler().scheduleWithFixedDelay(this::checkExpiry, properties.expiryCheckInterval()));
        LOG.info(
                "Notification outbox dispatched every {}, expiry checked every {}",
                properties.dispatchInterval(),
                properties.expiryCheckInterval());
    }

    @Override
    public synchronized void stop() {
        scheduled.forEach(future -> future.cancel(false));
        scheduled.clear();
        running = false;
    }

    @Override
    public synchronized boolean isRunning() {
        return running;
    }
}
