package dev.modelaccess.core.access;

/** Where the service gets the catalog's access rules from; {@link AccessRuleCache} keeps them in memory. */
@FunctionalInterface
public interface AccessRules {

    /** The current rules; must answer from memory on the request path. */
    RulesSnapshot current();
}
