package dev.modelaccess.core.port;

import dev.modelaccess.core.access.AdminUpdate;
import dev.modelaccess.core.catalog.CatalogModel;
import dev.modelaccess.core.decisions.ModelDecision;
import dev.modelaccess.core.policy.RuleSet;
import java.time.Instant;
import java.util.Collection;
import java.util.List;

/**
 * What can be done inside one {@link DecisionStore} transaction: the succession transaction's reads and writes, and
 * the admin's model decisions and rules beside them.
 */
public interface DecisionTransaction extends SuccessionTransaction {

    /**
     * Every catalog model's decisions (status, tier flags, successor), as this transaction sees them, in no particular
     * order. A store reads only these columns, never the stored upstream descriptions: 50,000 models are one narrow
     * read.
     */
    List<ModelDecision> loadDecisions();

    /**
     * These models' rows (those in the catalog), locked against concurrent writers until the transaction ends, in
     * model id order. The rows are for an admin's decision: a store may leave out their upstream description beyond
     * the id.
     */
    List<CatalogModel> lockModels(Collection<String> modelIds);

    /** Writes admin decisions, as {@link StoreTransaction#applyAdminUpdates} does. */
    void applyAdminUpdates(List<AdminUpdate> updates, Instant at);

    /** The catalog rules, in their order, as this transaction sees them. */
    RuleSet loadRules();

    /** Replaces every catalog rule with {@code rules}, in their order. */
    void replaceRules(RuleSet rules);
}
