package dev.modelaccess.jooq;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modelaccess.core.port.ModelAccessStore;
import dev.modelaccess.core.port.StoreTransaction;
import dev.modelaccess.core.sync.ModelCatalogReconciler;
import dev.modelaccess.core.sync.Reconciliation;
import dev.modelaccess.core.sync.SyncGuards;
import dev.modelaccess.core.sync.SyncPlan;
import dev.modelaccess.core.sync.SyncRun;
import dev.modelaccess.core.sync.SyncRunStatus;
import dev.modelaccess.core.sync.SyncTrigger;
import dev.modelaccess.core.sync.UpstreamSnapshot;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;

/** The apply the way core's sync runs it: lock, load, reconcile, apply, events, run — in one transaction. */
final class Syncs {

    private Syncs() {}

    static SyncPlan sync(ModelAccessStore store, UpstreamSnapshot snapshot, Instant at) {
        return store.inTransaction(transaction -> apply(transaction, snapshot, at));
    }

    static SyncPlan apply(StoreTransaction transaction, UpstreamSnapshot snapshot, Instant at) {
        assertThat(transaction.tryLockCatalogSync()).as("sync lock").isTrue();
        Reconciliation reconciliation = new ModelCatalogReconciler(Clock.fixed(at, ZoneOffset.UTC))
                .reconcile(transaction.loadCatalog(), snapshot, SyncGuards.DEFAULTS, true);
        assertThat(reconciliation).isInstanceOf(Reconciliation.Planned.class);
        SyncPlan plan = ((Reconciliation.Planned) reconciliation).plan();
        transaction.applySyncPlan(plan, at);
        transaction.appendEvents(plan.events());
        transaction.recordRun(new SyncRun(
                UUID.randomUUID(), SyncTrigger.MANUAL, SyncRunStatus.SUCCEEDED, at, at, plan.counts(), null));
        return plan;
    }
}
