package dev.modelaccess.core.sync;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** One recorded run of the catalog sync ({@code sync_runs}). */
public record SyncRun(
        UUID id,
        SyncTrigger trigger,
        SyncRunStatus status,
        Instant startedAt,
        Instant finishedAt,
        SyncCounts counts,
        @Nullable String error) {

    public SyncRun {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(trigger, "trigger");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(counts, "counts");
    }
}
