package dev.modelaccess.core.sync;

import java.util.Objects;

/**
 * How one {@link CatalogSync#run catalog sync run} ended. Every outcome carries the {@link SyncRun} that was
 * recorded for it (or that would have been, had recording failed).
 */
public sealed interface SyncOutcome {

    /** The run as recorded in {@code sync_runs}. */
    SyncRun run();

    /** The plan was applied in one transaction. */
    record Succeeded(SyncRun run, SyncPlan plan) implements SyncOutcome {
        public Succeeded {
            Objects.requireNonNull(run, "run");
            Objects.requireNonNull(plan, "plan");
        }
    }

    /** A guard tripped or upstream's answer could not be trusted: nothing was written to the catalog. */
    record Aborted(SyncRun run, AbortReason reason, String detail) implements SyncOutcome {
        public Aborted {
            Objects.requireNonNull(run, "run");
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(detail, "detail");
        }
    }

    /** Upstream or the store failed; nothing was written to the catalog. */
    record Failed(SyncRun run, Throwable cause) implements SyncOutcome {
        public Failed {
            Objects.requireNonNull(run, "run");
            Objects.requireNonNull(cause, "cause");
        }
    }

    /** Another run held the catalog-sync lock; this one did nothing. */
    record Skipped(SyncRun run) implements SyncOutcome {
        public Skipped {
            Objects.requireNonNull(run, "run");
        }
    }
}
