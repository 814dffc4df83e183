package dev.modelaccess.core.sync;

/** What {@link ModelCatalogReconciler} decided: a plan to apply, or why nothing may be written. */
public sealed interface Reconciliation {

    /** The catalog may be brought in line with upstream by applying {@link #plan()}. */
    record Planned(SyncPlan plan) implements Reconciliation {}

    /** A guard tripped; nothing may be written. */
    record Aborted(AbortReason reason, String detail) implements Reconciliation {}
}
