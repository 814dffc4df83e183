package dev.modelaccess.core.sync;

import dev.modelaccess.core.catalog.CatalogModel;
import dev.modelaccess.core.port.StoreTransaction;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * Decisions a sync takes once its plan is written, in the same transaction, so that they commit or roll back with
 * it: the admin's catalog rules on the models the run added, price holds on the models whose price moved (see
 * {@code dev.modelaccess.core.policy.CatalogPolicy}).
 */
@FunctionalInterface
public interface SyncPolicy {

    /** Decides nothing. */
    SyncPolicy NONE = (tx, before, plan, at) -> Set.of();

    /**
     * @param before the catalog as the run loaded it, before the plan was written
     * @param plan the plan just written
     * @return the ids of the added models the policy decided (approved or disabled): they no longer wait for an
     *     admin
     */
    Set<String> afterPlan(StoreTransaction tx, List<CatalogModel> before, SyncPlan plan, Instant at);
}
