package dev.modelaccess.core.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modelaccess.core.sync.EventKind;
import dev.modelaccess.core.sync.SyncRunStatus;
import dev.modelaccess.core.sync.SyncTrigger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

class EnumParsingTest {

    @ParameterizedTest
    @EnumSource(ModelStatus.class)
    void everyModelStatusRoundTripsThroughItsStoredValue(ModelStatus status) {
        assertThat(status.dbValue()).isLowerCase();
        assertThat(ModelStatus.fromDbValue(status.dbValue())).isEqualTo(status);
    }

    @Test
    void modelStatusesAreStoredAsTheSpecNamesThem() {
        assertThat(ModelStatus.values())
                .extracting(ModelStatus::dbValue)
                .containsExactly("new", "active", "inactive", "disabled");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "ACTIVE", "Active", "enabled", " active", "inactive "})
    void anythingElseIsNotAModelStatus(String value) {
        assertThatThrownBy(() -> ModelStatus.fromDbValue(value))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("expected new, active, inactive or disabled");
    }

    @ParameterizedTest
    @ValueSource(strings = {"free", "FREE", "Free", "pro", "PRO", "enterprise", "Enterprise"})
    void tiersParseInAnyCase(String value) {
        assertThat(Tier.parse(value)).isPresent();
        assertThat(Tier.parse(value).orElseThrow().dbValue()).isEqualTo(value.toLowerCase(java.util.Locale.ROOT));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "admin", "premium", " pro", "pro ", "frее"})
    void anythingElseIsNoTier(String value) {
        assertThat(Tier.parse(value)).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(EventKind.class)
    void everyEventKindRoundTrips(EventKind kind) {
        assertThat(EventKind.fromDbValue(kind.dbValue())).isEqualTo(kind);
    }

    @ParameterizedTest
    @EnumSource(SyncRunStatus.class)
    void everyRunStatusRoundTrips(SyncRunStatus status) {
        assertThat(SyncRunStatus.fromDbValue(status.dbValue())).isEqualTo(status);
    }

    @ParameterizedTest
    @EnumSource(SyncTrigger.class)
    void everyTriggerRoundTrips(SyncTrigger trigger) {
        assertThat(SyncTrigger.fromDbValue(trigger.dbValue())).isEqualTo(trigger);
    }

    @Test
    void theRunEnumsReadTheirStoredValuesInAnyCaseAndNameWhatTheyExpectOtherwise() {
        assertThat(EventKind.fromDbValue("PRICE_CHANGED")).isEqualTo(EventKind.PRICE_CHANGED);
        assertThat(SyncRunStatus.fromDbValue("Skipped")).isEqualTo(SyncRunStatus.SKIPPED);
        assertThatThrownBy(() -> SyncTrigger.fromDbValue("cron"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Unknown sync trigger 'cron'; expected schedule, startup or manual");
        assertThatThrownBy(() -> EventKind.fromDbValue("price changed"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("expected added, removed, returned,");
        assertThatThrownBy(() -> SyncRunStatus.fromDbValue(""))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Unknown sync run status ''");
    }

    @Test
    void tierFlagsAnswerPerTier() {
        TierFlags flags = TierFlags.NONE.with(Tier.PRO, true);

        assertThat(flags).isEqualTo(new TierFlags(false, true, false));
        assertThat(flags.allows(Tier.PRO)).isTrue();
        assertThat(flags.allows(Tier.FREE)).isFalse();
        assertThat(flags.with(Tier.PRO, false)).isEqualTo(TierFlags.NONE);
    }
}
