package dev.modelaccess.testsupport.contract;

import static dev.modelaccess.testsupport.contract.SampleModels.model;
import static org.assertj.core.api.Assertions.assertThat;

import dev.modelaccess.core.sync.EventKind;
import dev.modelaccess.core.sync.ModelEvent;
import dev.modelaccess.core.sync.SyncCounts;
import dev.modelaccess.core.sync.SyncPlan;
import dev.modelaccess.core.sync.SyncRun;
import dev.modelaccess.core.sync.SyncRunStatus;
import dev.modelaccess.core.sync.SyncTrigger;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The history: model events and sync runs, newest first. */
public abstract class RunsAndEventsContract extends StoreContract {

    @Test
    void eventsRoundTripNewestFirstAndOnlyForTheirModel() {
        ModelEvent added = ModelEvent.of("a/b", EventKind.ADDED, Map.of(), Map.of("status", "new"), "sync", T1);
        ModelEvent repriced = ModelEvent.of(
                "a/b",
                EventKind.PRICE_CHANGED,
                Map.of("prompt", "0.000001", "overrides[0].prompt", "0.000004"),
                Map.of("prompt", "0.0000015", "overrides[0].prompt", "0.000005"),
                "sync",
                T2);
        ModelEvent reviewed = ModelEvent.of(
                "a/b",
                EventKind.TIERS_CHANGED,
                Map.of("is_free", "false", "is_pro", "false", "is_enterprise", "false"),
                Map.of("is_free", "true", "is_pro", "false", "is_enterprise", "false"),
                ADMIN,
                T3);
        ModelEvent other = ModelEvent.of("c/d", EventKind.ADDED, Map.of(), Map.of("status", "new"), "sync", T2);
        store.inTransaction(tx -> {
            tx.appendEvents(List.of(repriced, other));
            tx.appendEvents(List.of(added));
            return null;
        });
        store.inTransaction(tx -> {
            tx.appendEvents(List.of(reviewed));
            return null;
        });

        assertThat(store.eventsOf("a/b", 10)).containsExactly(reviewed, repriced, added);
        assertThat(store.eventsOf("a/b", 2)).containsExactly(reviewed, repriced);
        assertThat(store.eventsOf("c/d", 10)).containsExactly(other);
        assertThat(store.eventsOf("e/f", 10)).isEmpty();
    }

    @Test
    void eventsKeepNonAsciiAndHostileText() {
        ModelEvent event = ModelEvent.of(
                "~x/модель:free",
                EventKind.METADATA_CHANGED,
                Map.of("name", "'; drop table model_access_events; --"),
                Map.of("name", "Nouveau nom — 新しい名前 🚀", "description", "line\nbreak \"quoted\" \\"),
                ADMIN,
                T1);

        store.inTransaction(tx -> {
            tx.appendEvents(List.of(event));
            return null;
        });

        assertThat(store.eventsOf("~x/модель:free", 10)).containsExactly(event);
    }

    @Test
    void theEventsOfASyncAreStoredWithIt() {
        SyncPlan plan = sync(T1, model("a/b").build(), model("c/d").build());

        assertThat(store.eventsOf("a/b", 10)).containsExactly(plan.events().get(0));
        assertThat(store.eventsOf("c/d", 10)).containsExactly(plan.events().get(1));
    }

    @Test
    void runsRoundTripNewestFirst() {
        SyncRun succeeded = run(T1, SyncRunStatus.SUCCEEDED, null);
        SyncRun aborted = new SyncRun(
                UUID.randomUUID(),
                SyncTrigger.MANUAL,
                SyncRunStatus.ABORTED,
                T2,
                T2,
                SyncCounts.ZERO,
                "too_many_deactivations: The run would make 60 of 549 present models inactive — «ratio» 0.1");
        SyncRun skipped = new SyncRun(
                UUID.randomUUID(),
                SyncTrigger.STARTUP,
                SyncRunStatus.SKIPPED,
                T3,
                T3,
                SyncCounts.ZERO,
                "Another catalog sync is running");
        SyncRun failed = run(T3.plusSeconds(60), SyncRunStatus.FAILED, "'; drop table sync_runs; --");

        store.recordRun(aborted);
        store.inTransaction(tx -> {
            tx.recordRun(succeeded);
            return null;
        });
        store.recordRun(failed);
        store.recordRun(skipped);

        assertThat(store.recentRuns(10)).containsExactly(failed, skipped, aborted, succeeded);
        assertThat(store.recentRuns(2)).containsExactly(failed, skipped);
    }

    @Test
    void noRunsMeansAnEmptyHistory() {
        assertThat(store.recentRuns(10)).isEmpty();
    }
}
