package dev.modelaccess.core.sync;

import java.util.Objects;

/** What a {@link CatalogSync#dryRun dry run} found. A dry run writes nothing, not even a run record. */
public sealed interface SyncPreview {

    /** What a real run would write now. */
    record Planned(SyncPlan plan) implements SyncPreview {
        public Planned {
            Objects.requireNonNull(plan, "plan");
        }
    }

    /** A real run would be aborted now, for this reason. */
    record Aborted(AbortReason reason, String detail) implements SyncPreview {
        public Aborted {
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(detail, "detail");
        }
    }

    /** Upstream or the store failed. */
    record Failed(Throwable cause) implements SyncPreview {
        public Failed {
            Objects.requireNonNull(cause, "cause");
        }
    }
}
