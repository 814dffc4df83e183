package dev.modelaccess.spring;

import dev.modelaccess.core.port.ModelAccessStore;
import dev.modelaccess.core.sync.SyncRun;
import dev.modelaccess.core.sync.SyncRunStatus;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

/**
 * Reports how old the last successful catalog sync is. The catalog is stale past {@code
 * modelaccess.health.max-sync-age}, or while no sync ever succeeded: the details then say {@code stale: true}, and the
 * status is {@code modelaccess.health.stale-status}, {@code UP} by default, because an OpenRouter outage leaves the
 * application able to serve (from the stored catalog) and must not take it out of its load balancer. A host that
 * wants to be alerted sets {@code DOWN} or {@code OUT_OF_SERVICE} and keeps {@code modelAccess} in a health group of
 * its own, out of liveness and readiness. The details name the last run and the last successful one. A store that
 * cannot be read is {@code DOWN} whatever the setting: that is this instance's database, not upstream. The detail
 * {@code catalog_changes} says how other instances' changes reach this one ({@code listen}, {@code poll}, …; see
 * {@link CatalogCacheRefresher#changePath()}).
 */
public final class ModelAccessHealthIndicator extends AbstractHealthIndicator {

    static final int RUNS_LOOKED_AT = 100;

    private final ModelAccessStore store;
    private final Duration maxSyncAge;
    private final Status staleStatus;
    private final Clock clock;
    private final Supplier<@Nullable String> changePath;

    public ModelAccessHealthIndicator(ModelAccessStore store, ModelAccessProperties.Health settings, Clock clock) {
        this(store, settings, clock, () -> null);
    }

    /**
     * @param changePath how changes reach this instance, reported as the detail {@code catalog_changes} (none: no
     *     detail)
     */
    public ModelAccessHealthIndicator(
            ModelAccessStore store,
            ModelAccessProperties.Health settings,
            Clock clock,
            Supplier<@Nullable String> changePath) {
        super("The model-access catalog sync health check failed");
        this.store = Objects.requireNonNull(store, "store");
        this.maxSyncAge = settings.maxSyncAge();
        this.staleStatus = staleStatus(settings.staleStatus());
        this.clock = Objects.requireNonNull(clock, "clock");
        this.changePath = Objects.requireNonNull(changePath, "changePath");
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        List<SyncRun> runs = store.recentRuns(RUNS_LOOKED_AT);
        Instant now = clock.instant();
        builder.withDetail("max_sync_age", maxSyncAge.toString());
        String path = changePath.get();
        if (path != null) {
            builder.withDetail("catalog_changes", path);
        }
        if (!runs.isEmpty()) {
            SyncRun last = runs.get(0);
            builder.withDetail("last_run_status", last.status().dbValue())
                    .withDetail("last_run_finished_at", last.finishedAt().toString());
        }
        Optional<SyncRun> lastSuccess = runs.stream()
                .filter(run -> run.status() == SyncRunStatus.SUCCEEDED)
                .findFirst();
        if (lastSuccess.isEmpty()) {
            builder.status(staleStatus)
                    .withDetail("last_successful_sync", "none")
                    .withDetail("stale", true);
            return;
        }
        Instant at = lastSuccess.get().finishedAt();
        Duration age = Duration.between(at, now);
        boolean stale = age.compareTo(maxSyncAge) > 0;
        builder.withDetail("last_successful_sync", at.toString())
                .withDetail("last_successful_sync_age", age.toString())
                .withDetail("stale", stale);
        builder.status(stale ? staleStatus : Status.UP);
    }

    private static Status staleStatus(String configured) {
        return switch (configured.strip().toUpperCase(java.util.Locale.ROOT).replace('-', '_')) {
            case "UP" -> Status.UP;
            case "DOWN" -> Status.DOWN;
            case "OUT_OF_SERVICE" -> Status.OUT_OF_SERVICE;
            default ->
                throw new IllegalArgumentException(
                        "modelaccess.health.stale-status must be DOWN or OUT_OF_SERVICE (or UP, the default), was '"
                                + configured + "'");
        };
    }
}
