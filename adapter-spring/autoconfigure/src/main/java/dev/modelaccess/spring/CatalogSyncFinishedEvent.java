package dev.modelaccess.spring;

import dev.modelaccess.core.sync.SyncRun;
import java.time.Duration;
import org.springframework.context.ApplicationEvent;

/** Published after every catalog sync run on this instance, whatever its outcome. */
public final class CatalogSyncFinishedEvent extends ApplicationEvent {

    private static final long serialVersionUID = 1L;

    private final transient SyncRun run;

    public CatalogSyncFinishedEvent(Object source, SyncRun run) {
        super(source);
        this.run = run;
    }

    /** The run as recorded in {@code sync_runs}. */
    public SyncRun run() {
        return run;
    }

    /** How long the run took. */
    public Duration duration() {
        Duration took = Duration.between(run.startedAt(), run.finishedAt());
        return took.isNegative() ? Duration.ZERO : took;
    }
}
