package dev.modelaccess.testsupport.policy;

import dev.modelaccess.core.policy.CatalogRules;
import dev.modelaccess.core.policy.RuleSet;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;

/** {@link CatalogRules} in memory; passes {@link CatalogRulesContract}. Counts its loads, for cache tests. */
public final class InMemoryCatalogRules implements CatalogRules {

    private volatile RuleSet rules = RuleSet.EMPTY;
    private final AtomicInteger loads = new AtomicInteger();

    @Override
    public RuleSet load() {
        loads.incrementAndGet();
        return rules;
    }

    @Override
    public void replace(RuleSet replacement) {
        rules = Objects.requireNonNull(replacement, "replacement");
    }

    /** How many times {@link #load()} was called. */
    public int loads() {
        return loads.get();
    }
}
