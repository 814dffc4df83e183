package dev.modelaccess.spring;

import dev.modelaccess.core.access.AccessRuleCache;
import dev.modelaccess.core.sync.SyncRun;
import dev.modelaccess.core.sync.SyncRunStatus;
import dev.modelaccess.core.sync.SyncTrigger;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;

/**
 * Runs the catalog sync for the application: scheduled, on start-up, or on demand. After each run it publishes a
 * {@link CatalogSyncFinishedEvent} (metrics listen to it) and, when the run changed the catalog, reloads this
 * instance's access rules at once rather than waiting for the change notification.
 */
public class ModelAccessSyncJob {

    private static final Logger LOG = LoggerFactory.getLogger(ModelAccessSyncJob.class);

    /** Runs one sync and answers the run as recorded. */
    @FunctionalInterface
    public interface SyncRunner {
        SyncRun run(SyncTrigger trigger, boolean force);
    }

    private final SyncRunner runner;
    private final AccessRuleCache rules;
    private final ApplicationEventPublisher events;

    public ModelAccessSyncJob(SyncRunner runner, AccessRuleCache rules, ApplicationEventPublisher events) {
        this.runner = Objects.requireNonNull(runner, "runner");
        this.rules = Objects.requireNonNull(rules, "rules");
        this.events = Objects.requireNonNull(events, "events");
    }

    /**
     * Runs a sync now, on the calling thread. A run that fails or is aborted or skipped is not an exception: it is
     * recorded and answered like a successful one.
     *
     * @param force let the run past the ratio guards
     */
    public SyncRun run(SyncTrigger trigger, boolean force) {
        SyncRun run = runner.run(trigger, force);
        log(run);
        if (run.status() == SyncRunStatus.SUCCEEDED && run.counts().writes() > 0) {
            rules.reloadQuietly();
        }
        events.publishEvent(new CatalogSyncFinishedEvent(this, run));
        return run;
    }

    private static void log(SyncRun run) {
        switch (run.status()) {
            case SUCCEEDED ->
                LOG.info("Catalog sync ({}) succeeded: {}", run.trigger().dbValue(), run.counts());
            case SKIPPED ->
                LOG.info("Catalog sync ({}) skipped: {}", run.trigger().dbValue(), run.error());
            case ABORTED ->
                LOG.warn(
                        "Catalog sync ({}) aborted, nothing written: {}",
                        run.trigger().dbValue(),
                        run.error());
            case FAILED ->
                LOG.warn("Catalog sync ({}) failed: {}", run.trigger().dbValue(), run.error());
        }
    }
}
