package dev.modelaccess.spring;

import dev.modelaccess.core.port.CatalogQuery;
import dev.modelaccess.core.port.ModelAccessStore;
import dev.modelaccess.core.sync.SyncRun;
import dev.modelaccess.core.sync.SyncTrigger;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.SmartLifecycle;
import org.springframework.core.task.TaskRejectedException;

/**
 * Schedules the catalog sync on the {@link ModelAccessTaskScheduler} ({@code modelaccess.sync.cron} in {@code
 * modelaccess.sync.zone}, unless {@code modelaccess.sync.schedule.enabled=false}) and runs the start-up sync once
 * the application is ready ({@code modelaccess.sync.run-on-startup}), in the background so start-up never waits
 * for upstream. Several instances may fire at once: the sync's lock lets one apply and records the others as
 * skipped.
 */
public final class ModelAccessSyncScheduler implements SmartLifecycle, ApplicationListener<ApplicationReadyEvent> {

    private static final Logger LOG = LoggerFactory.getLogger(ModelAccessSyncScheduler.class);

    private final ModelAccessSyncJob job;
    private final ModelAccessStore store;
    private final ModelAccessTaskScheduler scheduler;
    private final CronSchedule schedule;
    private final ModelAccessProperties.Sync settings;
    private final CompletableFuture<Optional<SyncRun>> startupRun = new CompletableFuture<>();

    public ModelAccessSyncScheduler(
            ModelAccessSyncJob job,
            ModelAccessStore store,
            ModelAccessTaskScheduler scheduler,
            ModelAccessProperties.Sync settings) {
        this.job = Objects.requireNonNull(job, "job");
        this.store = Objects.requireNonNull(store, "store");
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
        this.schedule = new CronSchedule(scheduler);
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    @Override
    public synchronized void start() {
        if (settings.schedule().enabled()) {
            try {
                schedule.schedule(this::runScheduled, settings.cron(), settings.zone());
            } catch (TaskRejectedException e) {
                LOG.debug("The catalog sync was not scheduled: the scheduler is shutting down", e);
                return;
            }
            LOG.info("Catalog sync scheduled at '{}' ({})", settings.cron(), settings.zone());
        } else {
            LOG.info("Scheduled catalog sync is off (modelaccess.sync.schedule.enabled=false); manual runs work");
        }
        schedule.started();
    }

    @Override
    public synchronized void stop() {
        schedule.stop();
    }

    @Override
    public boolean isRunning() {
        return schedule.isRunning();
    }

    @Override
    public void onApplicationEvent(ApplicationReadyEvent event) {
        if (startupRun.isDone()) {
            return;
        }
        try {
            scheduler.scheduler().schedule(this::runOnStartup, Instant.EPOCH);
        } catch (TaskRejectedException e) {
            // The application is shutting down while it starts (a failed start, a quick stop): nothing to run.
            LOG.debug("The start-up catalog sync was not scheduled: the scheduler is shutting down", e);
            startupRun.complete(Optional.empty());
        }
    }

    /**
     * The start-up run: completes with the run once it finished, or with empty when none was due ({@code
     * run-on-startup=never}, or {@code when-empty} and the catalog has models). Never completes exceptionally.
     */
    public CompletableFuture<Optional<SyncRun>> startupRun() {
        return startupRun;
    }

    void runOnStartup() {
        try {
            startupRun.complete(
                    startupSyncDue()
                            ? Optional.of(job.run(SyncTrigger.STARTUP, false).run())
                            : Optional.empty());
        } catch (RuntimeException e) {
            LOG.warn("The start-up catalog sync could not run", e);
            startupRun.complete(Optional.empty());
        }
    }

    private boolean startupSyncDue() {
        return switch (settings.runOnStartup()) {
            case ALWAYS -> true;
            case NEVER -> false;
            case WHEN_EMPTY ->
                store.searchModels(new CatalogQuery(null, null, 1, 0)).total() == 0;
        };
    }

    private void runScheduled() {
        try {
            job.run(SyncTrigger.SCHEDULE, false);
        } catch (RuntimeException e) {
            LOG.warn("The scheduled catalog sync could not run", e);
        }
    }
}
