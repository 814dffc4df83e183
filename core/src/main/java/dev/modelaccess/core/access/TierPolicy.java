package dev.modelaccess.core.access;

import dev.modelaccess.core.catalog.AccessRule;
import dev.modelaccess.core.catalog.Tier;

/**
 * Decides whether a tier may use a model. The dropdown and the call-time check both ask this one policy, so
 * listing and enforcement cannot disagree. The default is {@link #flags()}; an integrator may plug another (for
 * example, enterprise inherits pro).
 */
@FunctionalInterface
public interface TierPolicy {

    boolean allows(AccessRule rule, Tier tier);

    /** Usable when the model is {@code active} and its flag for the tier is set. Nothing else is usable. */
    static TierPolicy flags() {
        return FlagTierPolicy.INSTANCE;
    }
}
