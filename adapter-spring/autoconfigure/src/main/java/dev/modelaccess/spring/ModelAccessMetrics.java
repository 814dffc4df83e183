package dev.modelaccess.spring;

import dev.modelaccess.core.access.AccessRuleCache;
import dev.modelaccess.core.access.RulesSnapshot;
import dev.modelaccess.core.catalog.ModelStatus;
import dev.modelaccess.core.sync.SyncRun;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.TimeGauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.springframework.context.ApplicationListener;

/**
 * Micrometer meters of model-access:
 *
 * <ul>
 *   <li>{@code modelaccess.sync} (timer; tags {@code trigger}, {@code status}): how long each sync run took and how
 *       it ended ({@code succeeded}, {@code failed}, {@code aborted}, {@code skipped}); its count is the number of
 *       runs.
 *   <li>{@code modelaccess.models} (gauge; tag {@code status}): catalog models per status, as this instance's
 *       access rules know them.
 *   <li>{@code modelaccess.catalog.live.age} (time gauge, seconds): the age of the live model list in use; absent
 *       (NaN) while the stored catalog stands in for it.
 *   <li>{@code modelaccess.rules.age} (time gauge, seconds): how long ago the access rules were last loaded.
 * </ul>
 */
public final class ModelAccessMetrics implements MeterBinder, ApplicationListener<CatalogSyncFinishedEvent> {

    private final AccessRuleCache rules;
    private final Supplier<Optional<Instant>> liveFetchedAt;
    private final Clock clock;
    private final List<MeterRegistry> registries = new CopyOnWriteArrayList<>();

    public ModelAccessMetrics(AccessRuleCache rules, Supplier<Optional<Instant>> liveFetchedAt, Clock clock) {
        this.rules = Objects.requireNonNull(rules, "rules");
        this.liveFetchedAt = Objects.requireNonNull(liveFetchedAt, "liveFetchedAt");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        registries.add(registry);
        for (ModelStatus status : ModelStatus.values()) {
            Gauge.builder("modelaccess.models", rules, cache -> count(cache, status))
                    .description("Catalog models per status")
                    .tag("status", status.dbValue())
                    .register(registry);
        }
        TimeGauge.builder("modelaccess.catalog.live.age", this, TimeUnit.SECONDS, ModelAccessMetrics::liveAgeSeconds)
                .description("Age of the live OpenRouter model list in use (NaN while the stored catalog stands in)")
                .register(registry);
        TimeGauge.builder("modelaccess.rules.age", this, TimeUnit.SECONDS, ModelAccessMetrics::rulesAgeSeconds)
                .description("Time since the access rules were last loaded")
                .register(registry);
    }

    @Override
    public void onApplicationEvent(CatalogSyncFinishedEvent event) {
        SyncRun run = event.run();
        Duration took = event.duration();
        for (MeterRegistry registry : registries) {
            Timer.builder("modelaccess.sync")
                    .description("Catalog sync runs: duration and outcome")
                    .tag("trigger", run.trigger().dbValue())
                    .tag("status", run.status().dbValue())
                    .register(registry)
                    .record(took);
        }
    }

    private static double count(AccessRuleCache cache, ModelStatus status) {
        return cache.loaded()
                .map(RulesSnapshot::countsByStatus)
                .map(counts -> (double) counts.getOrDefault(status, 0L))
                .orElse(Double.NaN);
    }

    private double liveAgeSeconds() {
        return liveFetchedAt.get().map(this::secondsSince).orElse(Double.NaN);
    }

    private double rulesAgeSeconds() {
        return rules.loaded().map(snapshot -> secondsSince(snapshot.loadedAt())).orElse(Double.NaN);
    }

    private double secondsSince(Instant then) {
        return Duration.between(then, clock.instant()).toMillis() / 1000.0;
    }
}
