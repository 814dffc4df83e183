package dev.modelaccess.spring;

import java.time.ZoneId;
import java.util.Objects;
import java.util.concurrent.ScheduledFuture;
import org.jspecify.annotations.Nullable;
import org.springframework.scheduling.support.CronTrigger;

/**
 * One task on the {@link ModelAccessTaskScheduler} at a cron expression, cancelled on stop: the lifecycle the
 * catalog sync's and the key re-verification's schedules share.
 */
final class CronSchedule {

    private final ModelAccessTaskScheduler scheduler;
    private @Nullable ScheduledFuture<?> scheduled;
    private volatile boolean running;

    CronSchedule(ModelAccessTaskScheduler scheduler) {
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
    }

    /**
     * Schedules the task at {@code cron} in {@code zone}.
     *
     * @throws org.springframework.core.task.TaskRejectedException when the scheduler is shutting down
     */
    synchronized void schedule(Runnable task, String cron, ZoneId zone) {
        scheduled = scheduler.scheduler().schedule(task, new CronTrigger(cron, zone));
    }

    /** Marks the owning lifecycle started (whether or not a task was scheduled). */
    void started() {
        running = true;
    }

    /** Cancels the task, if any; a run under way finishes. */
    synchronized void stop() {
        running = false;
        if (scheduled != null) {
            scheduled.cancel(false);
            scheduled = null;
        }
    }

    boolean isRunning() {
        return running;
    }
}
