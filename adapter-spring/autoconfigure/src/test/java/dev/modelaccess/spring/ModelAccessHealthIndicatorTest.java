package dev.modelaccess.spring;

import static dev.modelaccess.spring.Catalogs.run;
import static org.assertj.core.api.Assertions.assertThat;

import dev.modelaccess.core.sync.SyncRunStatus;
import dev.modelaccess.testsupport.memory.InMemoryModelAccessStore;
import dev.modelaccess.testsupport.time.MutableClock;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

class ModelAccessHealthIndicatorTest {

    private final MutableClock clock = new MutableClock(Catalogs.T0);
    private final InMemoryModelAccessStore store = new InMemoryModelAccessStore();

    private Health health(String staleStatus) {
        return new ModelAccessHealthIndicator(
                        store, new ModelAccessProperties.Health(Duration.ofHours(36), staleStatus), clock)
                .health(true);
    }

    @Test
    void theDetailsSayHowOtherInstancesChangesArriveAndNothingWhenThereIsNoRefresher() {
        store.recordRun(run(SyncRunStatus.SUCCEEDED, Catalogs.T0));
        ModelAccessProperties.Health settings = new ModelAccessProperties.Health(Duration.ofHours(36), "UP");

        assertThat(new ModelAccessHealthIndicator(store, settings, clock, () -> "poll")
                        .health(true)
                        .getDetails())
                .containsEntry("catalog_changes", "poll");
        assertThat(new ModelAccessHealthIndicator(store, settings, clock)
                        .health(true)
                        .getDetails())
                .doesNotContainKey("catalog_changes");
    }

    @Test
    void aRecentSuccessfulSyncIsUp() {
        store.recordRun(run(SyncRunStatus.SUCCEEDED, Catalogs.T0));
        clock.advance(Duration.ofHours(30));

        Health health = health("DOWN");

        assertThat(health.getStatus()).isEqualTo(Status.UP);
        assertThat(health.getDetails())
                .containsEntry("last_successful_sync", Catalogs.T0.toString())
                .containsEntry("last_successful_sync_age", "PT30H")
                .containsEntry("last_run_status", "succeeded");
    }

    @Test
    void byDefaultAnOpenRouterOutageOf36HoursKeepsTheApplicationUpAndSaysStaleInTheDetails() {
        ModelAccessProperties.Health defaults = new Binder(new MapConfigurationPropertySource())
                .bindOrCreate("modelaccess", ModelAccessProperties.class)
                .health();
        store.recordRun(run(SyncRunStatus.SUCCEEDED, Catalogs.T0));
        store.recordRun(run(SyncRunStatus.FAILED, Catalogs.T0.plus(Duration.ofHours(24))));
        clock.advance(Duration.ofHours(37));

        Health health = new ModelAccessHealthIndicator(store, defaults, clock).health(true);

        assertThat(health.getStatus()).isEqualTo(Status.UP);
        assertThat(health.getDetails()).containsEntry("stale", true).containsEntry("last_run_status", "failed");
        assertThat(health("UP").getDetails()).containsEntry("stale", true);
        clock.advance(Duration.ofHours(-10));
        assertThat(health("DOWN").getDetails()).containsEntry("stale", false);
    }

    @Test
    void aSuccessOlderThanTheThresholdIsTheStaleStatus() {
        store.recordRun(run(SyncRunStatus.SUCCEEDED, Catalogs.T0));
        clock.advance(Duration.ofHours(37));

        assertThat(health("DOWN").getStatus()).isEqualTo(Status.DOWN);
        assertThat(health("OUT_OF_SERVICE").getStatus()).isEqualTo(Status.OUT_OF_SERVICE);
    }

    @Test
    void failedAndSkippedRunsAfterTheLastSuccessDoNotCountAsSuccess() {
        store.recordRun(run(SyncRunStatus.SUCCEEDED, Catalogs.T0));
        store.recordRun(run(SyncRunStatus.FAILED, Catalogs.T0.plus(Duration.ofHours(24))));
        store.recordRun(run(SyncRunStatus.ABORTED, Catalogs.T0.plus(Duration.ofHours(36))));
        clock.advance(Duration.ofHours(40));

        Health health = health("DOWN");

        assertThat(health.getStatus()).isEqualTo(Status.DOWN);
        assertThat(health.getDetails())
                .containsEntry("last_run_status", "aborted")
                .containsEntry("last_successful_sync", Catalogs.T0.toString());
    }

    @Test
    void noSuccessfulSyncAtAllIsTheStaleStatus() {
        store.recordRun(run(SyncRunStatus.FAILED, Catalogs.T0));

        Health health = health("OUT_OF_SERVICE");

        assertThat(health.getStatus()).isEqualTo(Status.OUT_OF_SERVICE);
        assertThat(health.getDetails()).containsEntry("last_successful_sync", "none");
    }

    @Test
    void aFailingStoreIsDownWithTheError() {
        UnreachableStore broken = new UnreachableStore();
        Health health = new ModelAccessHealthIndicator(
                        broken, new ModelAccessProperties.Health(Duration.ofHours(1), "OUT_OF_SERVICE"), clock)
                .health(true);

        assertThat(health.getStatus()).isEqualTo(Status.DOWN);
    }
}
