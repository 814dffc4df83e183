package dev.modelaccess.spring;

import static dev.modelaccess.spring.Catalogs.row;
import static org.assertj.core.api.Assertions.assertThat;

import dev.modelaccess.core.access.AccessRuleCache;
import dev.modelaccess.core.catalog.ModelStatus;
import dev.modelaccess.core.catalog.TierFlags;
import dev.modelaccess.core.sync.SyncRunStatus;
import dev.modelaccess.testsupport.memory.InMemoryModelAccessStore;
import dev.modelaccess.testsupport.time.MutableClock;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class ModelAccessMetricsTest {

    private final MutableClock clock = new MutableClock(Catalogs.T0);
    private final InMemoryModelAccessStore store = new InMemoryModelAccessStore();
    private final AccessRuleCache rules = new AccessRuleCache(store, clock);
    private final AtomicReference<Optional<Instant>> liveFetchedAt = new AtomicReference<>(Optional.empty());
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final ModelAccessMetrics metrics = new ModelAccessMetrics(rules, liveFetchedAt::get, clock);

    @Test
    void eachSyncRunIsTimedByTriggerAndStatus() {
        metrics.bindTo(registry);

        metrics.onApplicationEvent(
                new CatalogSyncFinishedEvent(this, Catalogs.run(SyncRunStatus.SUCCEEDED, Catalogs.T0)));
        metrics.onApplicationEvent(
                new CatalogSyncFinishedEvent(this, Catalogs.run(SyncRunStatus.SUCCEEDED, Catalogs.T0)));
        metrics.onApplicationEvent(
                new CatalogSyncFinishedEvent(this, Catalogs.run(SyncRunStatus.ABORTED, Catalogs.T0)));

        var succeeded = registry.get("modelaccess.sync")
                .tags("trigger", "schedule", "status", "succeeded")
                .timer();
        assertThat(succeeded.count()).isEqualTo(2);
        assertThat(succeeded.totalTime(TimeUnit.SECONDS)).isEqualTo(6.0);
        assertThat(registry.get("modelaccess.sync")
                        .tags("status", "aborted")
                        .timer()
                        .count())
                .isEqualTo(1);
    }

    @Test
    void modelsAreCountedByStatusOnceTheRulesAreLoaded() {
        store.seed(row("a/one", ModelStatus.ACTIVE, TierFlags.NONE));
        store.seed(row("a/two", ModelStatus.ACTIVE, TierFlags.NONE));
        store.seed(row("a/three", ModelStatus.NEW, TierFlags.NONE));
        metrics.bindTo(registry);

        assertThat(gauge("active")).isNaN();

        rules.reload();

        assertThat(gauge("active")).isEqualTo(2);
        assertThat(gauge("new")).isEqualTo(1);
        assertThat(gauge("inactive")).isZero();
        assertThat(gauge("disabled")).isZero();
    }

    @Test
    void theLiveListAgeIsMeasuredFromItsFetch() {
        metrics.bindTo(registry);
        assertThat(registry.get("modelaccess.catalog.live.age").timeGauge().value(TimeUnit.SECONDS))
                .isNaN();

        liveFetchedAt.set(Optional.of(Catalogs.T0));
        clock.advance(Duration.ofSeconds(90));

        assertThat(registry.get("modelaccess.catalog.live.age").timeGauge().value(TimeUnit.SECONDS))
                .isEqualTo(90);
    }

    @Test
    void theRulesAgeIsMeasuredFromTheirLastLoad() {
        metrics.bindTo(registry);
        rules.reload();
        clock.advance(Duration.ofSeconds(12));

        assertThat(registry.get("modelaccess.rules.age").timeGauge().value(TimeUnit.SECONDS))
                .isEqualTo(12);
    }

    private double gauge(String status) {
        return registry.get("modelaccess.models").tag("status", status).gauge().value();
    }
}
