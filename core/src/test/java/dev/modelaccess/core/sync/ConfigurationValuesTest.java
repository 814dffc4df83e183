package dev.modelaccess.core.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modelaccess.core.port.CatalogQuery;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ConfigurationValuesTest {

    @Test
    void theDefaultGuardsAreTheDocumentedOnes() {
        assertThat(SyncGuards.DEFAULTS).isEqualTo(new SyncGuards(0.5, 0.10));
    }

    @ParameterizedTest
    @ValueSource(doubles = {-0.01, 1.01, Double.NaN, Double.POSITIVE_INFINITY})
    void aGuardRatioOutsideZeroToOneIsRefused(double ratio) {
        assertThatThrownBy(() -> new SyncGuards(ratio, 0.1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("minUpstreamRatio");
        assertThatThrownBy(() -> new SyncGuards(0.5, ratio))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("maxDeactivationRatio");
    }

    @Test
    void guardRatiosOfZeroAndOneAreAllowed() {
        assertThat(new SyncGuards(0, 1)).isNotNull();
        assertThat(new SyncGuards(1, 0)).isNotNull();
    }

    @ParameterizedTest
    @ValueSource(ints = {0, -1, CatalogQuery.MAX_LIMIT + 1})
    void aQueryLimitOutsideOneToTheMaximumIsRefused(int limit) {
        assertThatThrownBy(() -> new CatalogQuery(null, null, limit, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("limit");
    }

    @Test
    void aNegativeQueryOffsetIsRefused() {
        assertThatThrownBy(() -> new CatalogQuery(null, null, 10, -1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("offset");
    }

    @Test
    void aBlankQueryTextMeansNoTextFilter() {
        assertThat(new CatalogQuery(null, "   ", 10, 0).text()).isNull();
        assertThat(new CatalogQuery(null, " gpt ", 10, 0).text()).isEqualTo(" gpt ");
    }

    @Test
    void aPlanCountsWhatItWrites() {
        SyncCounts counts = new SyncCounts(1, 2, 3, 4, 100, 6);

        assertThat(counts.writes()).isEqualTo(10);
        assertThat(SyncCounts.ZERO.writes()).isZero();
    }
}
