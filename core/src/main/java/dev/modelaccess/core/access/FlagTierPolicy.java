package dev.modelaccess.core.access;

import dev.modelaccess.core.catalog.AccessRule;
import dev.modelaccess.core.catalog.ModelStatus;
import dev.modelaccess.core.catalog.Tier;

/** The default {@link TierPolicy}: {@code active} and the tier's flag set. */
enum FlagTierPolicy implements TierPolicy {
    INSTANCE;

    @Override
    public boolean allows(AccessRule rule, Tier tier) {
        return rule.status() == ModelStatus.ACTIVE && rule.tiers().allows(tier);
    }
}
