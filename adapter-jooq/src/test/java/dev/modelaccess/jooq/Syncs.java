package dev.modelaccess.jooq;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modelaccess.core.access.AdminChange;
import dev.modelaccess.core.access.AdminLifecycle;
import dev.modelaccess.core.access.AdminUpdate;
import dev.modelaccess.core.catalog.CatalogModel;
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
import java.util.List;
import java.util.UUID;

/**
 * The writes the way core runs them, each in one transaction: a sync (lock, load the fingerprints, reconcile - reading
 * the stored JSON of the changed models only - apply, events, run) and an
 * admin's decision (lock the row, decide, apply, events).
 */
final class Syncs {

    private Syncs() {}

    static SyncPlan sync(ModelAccessStore store, UpstreamSnapshot snapshot, Instant at) {
        return store.inTransaction(transaction -> apply(transaction, snapshot, at));
    }

    static SyncPlan apply(StoreTransaction transaction, UpstreamSnapshot snapshot, Instant at) {
        assertThat(transaction.tryLockCatalogSync()).as("sync lock").isTrue();
        Reconciliation reconciliation = new ModelCatalogReconciler(Clock.fixed(at, ZoneOffset.UTC))
                .reconcile(
                        transaction.loadFingerprints(), transaction::loadUpstream, snapshot, SyncGuards.DEFAULTS, true);
        assertThat(reconciliation).isInstanceOf(Reconciliation.Planned.class);
        SyncPlan plan = ((Reconciliation.Planned) reconciliation).plan();
        if (!plan.writesNothing()) {
            transaction.applySyncPlan(plan, at);
        }
        if (!plan.events().isEmpty()) {
            transaction.appendEvents(plan.events());
        }
        transaction.recordRun(new SyncRun(
                UUID.randomUUID(), SyncTrigger.MANUAL, SyncRunStatus.SUCCEEDED, at, at, plan.counts(), null));
        return plan;
    }

    static void decide(ModelAccessStore store, String modelId, AdminChange change, String admin, Instant at) {
        AdminLifecycle lifecycle = new AdminLifecycle(Clock.fixed(at, ZoneOffset.UTC));
        store.inTransaction(transaction -> {
            CatalogModel current = transaction.lockModel(modelId).orElseThrow();
            AdminUpdate update = lifecycle.decide(current, change, admin);
            transaction.applyAdminUpdates(List.of(update), at);
            transaction.appendEvents(update.events());
            return null;
        });
    }
}
