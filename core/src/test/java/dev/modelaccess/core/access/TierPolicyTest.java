package dev.modelaccess.core.access;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modelaccess.core.catalog.AccessRule;
import dev.modelaccess.core.catalog.ModelStatus;
import dev.modelaccess.core.catalog.Tier;
import dev.modelaccess.core.catalog.TierFlags;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class TierPolicyTest {

    final TierPolicy policy = TierPolicy.flags();

    @ParameterizedTest
    @EnumSource(Tier.class)
    void anActiveModelIsUsableByExactlyTheTiersWhoseFlagIsSet(Tier tier) {
        AccessRule onlyThisTier = new AccessRule("a/b", ModelStatus.ACTIVE, TierFlags.NONE.with(tier, true));

        for (Tier other : Tier.values()) {
            assertThat(policy.allows(onlyThisTier, other))
                    .as("tier %s on a model flagged for %s", other, tier)
                    .isEqualTo(other == tier);
        }
    }

    @ParameterizedTest
    @EnumSource(
            value = ModelStatus.class,
            names = {"NEW", "INACTIVE", "DISABLED"})
    void aModelThatIsNotActiveIsUsableByNobodyWhateverItsFlags(ModelStatus status) {
        AccessRule everyFlag = new AccessRule("a/b", status, new TierFlags(true, true, true));

        for (Tier tier : Tier.values()) {
            assertThat(policy.allows(everyFlag, tier)).as("tier %s", tier).isFalse();
        }
    }

    @Test
    void anActiveModelWithNoFlagIsUsableByNobody() {
        AccessRule noFlag = new AccessRule("a/b", ModelStatus.ACTIVE, TierFlags.NONE);

        for (Tier tier : Tier.values()) {
            assertThat(policy.allows(noFlag, tier)).isFalse();
        }
    }

    @Test
    void anIntegratorCanPlugAnotherPolicy() {
        TierPolicy enterpriseInheritsPro = (rule, tier) -> TierPolicy.flags().allows(rule, tier)
                || (tier == Tier.ENTERPRISE && TierPolicy.flags().allows(rule, Tier.PRO));
        AccessRule proOnly = new AccessRule("a/b", ModelStatus.ACTIVE, new TierFlags(false, true, false));

        assertThat(enterpriseInheritsPro.allows(proOnly, Tier.ENTERPRISE)).isTrue();
        assertThat(enterpriseInheritsPro.allows(proOnly, Tier.FREE)).isFalse();
    }
}
