package dev.modelaccess.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modelaccess.core.MalformedUpstreamResponseException;
import dev.modelaccess.core.access.AccessRuleCache;
import dev.modelaccess.core.catalog.ModelStatus;
import dev.modelaccess.core.catalog.TierFlags;
import dev.modelaccess.core.port.ModelCatalogSource;
import dev.modelaccess.core.sync.CatalogSync;
import dev.modelaccess.core.sync.SyncGuards;
import dev.modelaccess.core.sync.SyncPreview;
import dev.modelaccess.core.sync.SyncRun;
import dev.modelaccess.core.sync.SyncRunStatus;
import dev.modelaccess.core.sync.SyncTrigger;
import dev.modelaccess.core.sync.UpstreamSnapshot;
import dev.modelaccess.testsupport.memory.InMemoryModelAccessStore;
import dev.modelaccess.testsupport.time.MutableClock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.support.StaticApplicationContext;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.scheduling.Trigger;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;
import org.springframework.scheduling.support.CronTrigger;

@ExtendWith(OutputCaptureExtension.class)
class ModelAccessSyncSchedulerTest {

    private final MutableClock clock = new MutableClock(Catalogs.T0);
    private final InMemoryModelAccessStore store = new InMemoryModelAccessStore();
    private final AccessRuleCache rules = new AccessRuleCache(store, clock);
    private final List<Object> published = new CopyOnWriteArrayList<>();
    private volatile UpstreamSnapshot upstream = UpstreamSnapshot.of(List.of(Catalogs.upstream("a/one")));
    private final ModelCatalogSource source = () -> {
        if (upstream == null) {
            throw MalformedUpstreamResponseException.of("not JSON", 200);
        }
        return upstream;
    };
    private final ModelAccessSyncJob job =
            new ModelAccessSyncJob(new CatalogSync(source, store, SyncGuards.DEFAULTS, clock), rules, published::add);

    private static ModelAccessProperties.Sync sync(boolean scheduled, ModelAccessProperties.RunOnStartup startup) {
        return new ModelAccessProperties.Sync(
                new ModelAccessProperties.Schedule(scheduled),
                "0 0 3 * * *",
                ZoneId.of("UTC"),
                startup,
                new ModelAccessProperties.Guard(0.5, 0.1),
                new ModelAccessProperties.PriceHold(java.math.BigDecimal.valueOf(2)),
                Duration.ofMinutes(2));
    }

    private ModelAccessSyncScheduler scheduler(
            TaskScheduler host, boolean scheduled, ModelAccessProperties.RunOnStartup startup) {
        return new ModelAccessSyncScheduler(job, store, new ModelAccessTaskScheduler(host), sync(scheduled, startup));
    }

    @Test
    void theCronScheduleIsRegisteredOnTheSchedulerWhenEnabledAndCancelledOnStop() {
        RecordingScheduler recording = new RecordingScheduler();
        ModelAccessSyncScheduler scheduler = scheduler(recording, true, ModelAccessProperties.RunOnStartup.NEVER);

        scheduler.start();

        assertThat(recording.triggers).singleElement().isInstanceOfSatisfying(CronTrigger.class, trigger -> {
            assertThat(trigger.getExpression()).isEqualTo("0 0 3 * * *");
        });
        scheduler.stop();
        assertThat(recording.cancelled).isTrue();
        recording.shutdown();
    }

    @Test
    void aDisabledScheduleRegistersNothingButManualRunsStillWork() {
        RecordingScheduler recording = new RecordingScheduler();
        ModelAccessSyncScheduler scheduler = scheduler(recording, false, ModelAccessProperties.RunOnStartup.NEVER);

        scheduler.start();
        SyncRun manual = job.run(SyncTrigger.MANUAL, false).run();

        assertThat(recording.triggers).isEmpty();
        assertThat(manual.trigger()).isEqualTo(SyncTrigger.MANUAL);
        recording.shutdown();
    }

    @Test
    void whenEmptyRunsOnStartupOnlyWhileTheCatalogIsEmpty() throws Exception {
        assertThat(startup(ModelAccessProperties.RunOnStartup.WHEN_EMPTY))
                .hasValueSatisfying(run -> assertThat(run.trigger()).isEqualTo(SyncTrigger.STARTUP));
        assertThat(store.findModel("a/one")).isPresent();

        assertThat(startup(ModelAccessProperties.RunOnStartup.WHEN_EMPTY)).isEmpty();
        assertThat(store.recentRuns(10)).hasSize(1);
    }

    @Test
    void alwaysRunsOnStartupAndNeverDoesNot() throws Exception {
        store.seed(Catalogs.row("a/b", ModelStatus.NEW, TierFlags.NONE));

        assertThat(startup(ModelAccessProperties.RunOnStartup.ALWAYS))
                .hasValueSatisfying(run -> assertThat(run.trigger()).isEqualTo(SyncTrigger.STARTUP));
        assertThat(startup(ModelAccessProperties.RunOnStartup.NEVER)).isEmpty();
        assertThat(store.recentRuns(10)).hasSize(1);
    }

    @Test
    void aRunThatDidNotSucceedIsAnsweredAndPublishedLikeAnyOther() {
        upstream = null;

        SyncRun run = job.run(SyncTrigger.MANUAL, true).run();

        assertThat(run.status()).isEqualTo(SyncRunStatus.ABORTED);
        assertThat(published)
                .singleElement()
                .isInstanceOfSatisfying(
                        CatalogSyncFinishedEvent.class,
                        event -> assertThat(event.run()).isSameAs(run));
    }

    @Test
    void aSuccessfulRunThatWroteReloadsTheRulesAtOnce() {
        rules.current();

        job.run(SyncTrigger.MANUAL, false);

        assertThat(rules.current().model("a/one")).isPresent();
    }

    @Test
    void aDryRunAnswersThePlanAndWritesNothing() {
        SyncPreview preview = job.dryRun(false);

        assertThat(preview)
                .isInstanceOfSatisfying(
                        SyncPreview.Planned.class,
                        planned -> assertThat(planned.plan().added()).hasSize(1));
        assertThat(store.loadCatalog()).isEmpty();
        assertThat(store.recentRuns(10)).isEmpty();
        assertThat(published).isEmpty();
    }

    @Test
    void aSchedulerThatIsShuttingDownIsNotAnErrorTheStartupRunIsSimplyNotDue(CapturedOutput output) throws Exception {
        ThreadPoolTaskScheduler host = new ThreadPoolTaskScheduler();
        host.initialize();
        host.shutdown();
        ModelAccessSyncScheduler scheduler = scheduler(host, true, ModelAccessProperties.RunOnStartup.ALWAYS);

        scheduler.start();
        scheduler.onApplicationEvent(new ApplicationReadyEvent(
                new SpringApplication(), new String[0], new StaticApplicationContext(), Duration.ZERO));

        assertThat(scheduler.startupRun().get(1, TimeUnit.SECONDS)).isEmpty();
        assertThat(store.recentRuns(10)).isEmpty();
        assertThat(output.getAll()).doesNotContain("TaskRejectedException");
        assertThat(output.getAll().lines().filter(line -> line.contains("ModelAccessSyncScheduler")))
                .noneMatch(line -> line.contains("WARN") || line.contains("ERROR"));
    }

    private Optional<SyncRun> startup(ModelAccessProperties.RunOnStartup mode) throws Exception {
        ModelAccessTaskScheduler own = new ModelAccessTaskScheduler(null);
        try {
            ModelAccessSyncScheduler scheduler = new ModelAccessSyncScheduler(job, store, own, sync(false, mode));
            scheduler.onApplicationEvent(new ApplicationReadyEvent(
                    new SpringApplication(), new String[0], new StaticApplicationContext(), Duration.ZERO));
            return scheduler.startupRun().get(10, TimeUnit.SECONDS);
        } finally {
            own.destroy();
        }
    }

    /** A real scheduler that also records what was scheduled with a trigger. */
    private static final class RecordingScheduler extends ThreadPoolTaskScheduler {
        final List<Trigger> triggers = new ArrayList<>();
        volatile boolean cancelled;

        RecordingScheduler() {
            initialize();
        }

        @Override
        public ScheduledFuture<?> schedule(Runnable task, Trigger trigger) {
            triggers.add(trigger);
            ScheduledFuture<?> future = super.schedule(task, trigger);
            return new ForwardingFuture(future, this);
        }

        private record ForwardingFuture(ScheduledFuture<?> delegate, RecordingScheduler owner)
                implements ScheduledFuture<Object> {
            @Override
            public long getDelay(TimeUnit unit) {
                return delegate.getDelay(unit);
            }

            @Override
            public int compareTo(java.util.concurrent.Delayed other) {
                return delegate.compareTo(other);
            }

            @Override
            public boolean cancel(boolean mayInterruptIfRunning) {
                owner.cancelled = true;
                return delegate.cancel(mayInterruptIfRunning);
            }

            @Override
            public boolean isCancelled() {
                return delegate.isCancelled();
            }

            @Override
            public boolean isDone() {
                return delegate.isDone();
            }

            @Override
            public Object get() throws InterruptedException, java.util.concurrent.ExecutionException {
                return delegate.get();
            }

            @Override
            public Object get(long timeout, TimeUnit unit)
                    throws InterruptedException, java.util.concurrent.ExecutionException,
                            java.util.concurrent.TimeoutException {
                return delegate.get(timeout, unit);
            }
        }
    }
}
