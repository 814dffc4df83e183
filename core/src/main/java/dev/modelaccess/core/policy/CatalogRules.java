package dev.modelaccess.core.policy;

/**
 * Where the admin's catalog rules are kept (PostgreSQL: {@code catalog_rules}), as one ordered list replaced as a
 * whole. A replace is seen by every instance through the {@link dev.modelaccess.core.port.CatalogChangeFeed} (see
 * {@link CatalogRuleCache}).
 */
public interface CatalogRules {

    /** The rules in their order; empty when none were saved. */
    RuleSet load();

    /** Replaces every rule with {@code rules}, in their order, atomically. */
    void replace(RuleSet rules);
}
