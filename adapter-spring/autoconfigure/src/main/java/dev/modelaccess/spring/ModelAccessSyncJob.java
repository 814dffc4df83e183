package dev.modelaccess.spring;

import dev.modelaccess.core.access.AccessRuleCache;
import dev.modelaccess.core.sync.CatalogSync;
import dev.modelaccess.core.sync.SyncOutcome;
import dev.modelaccess.core.sync.SyncPreview;
import dev.modelaccess.core.sync.SyncTrigger;
import java.util.Objects;
import org.springframework.context.ApplicationEventPublisher;

/**
 * Runs the {@link CatalogSync} for the application: scheduled, on start-up, or on demand. After each run it
 * publishes a {@link CatalogSyncFinishedEvent} (metrics listen to it) and, when the run changed the catalog, reloads
 * this instance's access rules at once rather than waiting for the change notification.
 */
public class ModelAccessSyncJob {

    private final CatalogSync sync;
    private final AccessRuleCache rules;
    private final ApplicationEventPublisher events;

    public ModelAccessSyncJob(CatalogSync sync, AccessRuleCache rules, ApplicationEventPublisher events) {
        this.sync = Objects.requireNonNull(sync, "sync");
        this.rules = Objects.requireNonNull(rules, "rules");
        this.events = Objects.requireNonNull(events, "events");
    }

    /**
     * Runs a sync now, on the calling thread. A run that fails, is aborted or is skipped is not an exception: it is
     * recorded and answered like a successful one.
     *
     * @param force let the run past the ratio guards
     */
    public SyncOutcome run(SyncTrigger trigger, boolean force) {
        SyncOutcome outcome = sync.run(trigger, force);
        if (outcome instanceof SyncOutcome.Succeeded succeeded
                && succeeded.run().counts().writes() > 0) {
            rules.reloadQuietly();
        }
        events.publishEvent(new CatalogSyncFinishedEvent(this, outcome.run()));
        return outcome;
    }

    /** What a run would do now; writes nothing. */
    public SyncPreview dryRun(boolean force) {
        return sync.dryRun(force);
    }
}
