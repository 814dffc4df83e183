package dev.modelaccess.core.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PricingTest {

    static Pricing prices(String... nameValuePairs) {
        Map<String, BigDecimal> components = new TreeMap<>();
        for (int i = 0; i < nameValuePairs.length; i += 2) {
            components.put(nameValuePairs[i], new BigDecimal(nameValuePairs[i + 1]));
        }
        return Pricing.of(components);
    }

    static SortedMap<String, BigDecimal> override(String minPromptTokens, String prompt) {
        return new TreeMap<>(
                Map.of("min_prompt_tokens", new BigDecimal(minPromptTokens), "prompt", new BigDecimal(prompt)));
    }

    @Test
    void pricesThatDifferOnlyInScaleAreTheSame() {
        assertThat(prices("prompt", "0.0000010", "completion", "0.000002")
                        .samePriceAs(prices("prompt", "0.000001", "completion", "0.00000200000")))
                .isTrue();
    }

    @Test
    void aDifferentValueIsADifferentPrice() {
        assertThat(prices("prompt", "0.000001").samePriceAs(prices("prompt", "0.0000011")))
                .isFalse();
    }

    @Test
    void pricesWithMoreThanTwentyDecimalsAreComparedExactly() {
        assertThat(prices("prompt", "0.000000000000000000000123")
                        .samePriceAs(prices("prompt", "0.000000000000000000000124")))
                .isFalse();
        assertThat(prices("prompt", "0.000000000000000000000123")
                        .samePriceAs(prices("prompt", "0.0000000000000000000001230")))
                .isTrue();
    }

    @Test
    void aVariablePriceIsKeptAndComparedAsSuch() {
        Pricing router = prices("prompt", "-1", "completion", "-1");

        assertThat(router.prompt()).isEqualByComparingTo("-1");
        assertThat(router.samePriceAs(prices("prompt", "-1", "completion", "-1.0")))
                .isTrue();
        assertThat(router.samePriceAs(prices("prompt", "0", "completion", "0"))).isFalse();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            an explicit zero and an absent component charge the same  | prompt 0                 | prompt 0 request 0       | true
            an absent component and an explicit zero charge the same  | prompt 0 request 0.000   | prompt 0                 | true
            a charged component that appears is a change              | prompt 0                 | prompt 0 web_search 0.004 | false
            a charged component that disappears is a change           | prompt 0 web_search 0.004 | prompt 0                | false
            -1 is a variable price, not zero                          | prompt 0 request -1      | prompt 0                 | false
            """)
    void aComponentOnlyOneSideListsChangesThePriceOnlyWhenItCharges(
            String why, String these, String those, boolean same) {
        assertThat(prices(these.split(" ")).samePriceAs(prices(those.split(" "))))
                .isEqualTo(same);
    }

    @Test
    void anAbsentComponentIsNotCharged() {
        Pricing free = prices("prompt", "0");

        assertThat(free.completion()).isNull();
        assertThat(free.components()).doesNotContainKey("completion");
        assertThat(Pricing.NONE.components()).isEmpty();
    }

    @Test
    void overridesAreComparedByValueAndInOrder() {
        Pricing base = new Pricing(
                new TreeMap<>(Map.of("prompt", BigDecimal.ONE)),
                List.of(override("200000", "0.000004"), override("1000000", "0.000006")));
        Pricing rescaled = new Pricing(
                new TreeMap<>(Map.of("prompt", new BigDecimal("1.00"))),
                List.of(override("200000", "0.0000040"), override("1000000", "0.000006")));
        Pricing changed = new Pricing(
                new TreeMap<>(Map.of("prompt", BigDecimal.ONE)),
                List.of(override("200000", "0.000005"), override("1000000", "0.000006")));
        Pricing reordered = new Pricing(
                new TreeMap<>(Map.of("prompt", BigDecimal.ONE)),
                List.of(override("1000000", "0.000006"), override("200000", "0.000004")));
        Pricing fewer =
                new Pricing(new TreeMap<>(Map.of("prompt", BigDecimal.ONE)), List.of(override("200000", "0.000004")));

        assertThat(base.samePriceAs(rescaled)).isTrue();
        assertThat(base.samePriceAs(changed)).isFalse();
        assertThat(base.samePriceAs(reordered)).isFalse();
        assertThat(base.samePriceAs(fewer)).isFalse();
        assertThat(fewer.samePriceAs(base)).isFalse();
    }

    @Test
    void componentsAndOverridesCannotBeChangedAfterwards() {
        TreeMap<String, BigDecimal> source = new TreeMap<>(Map.of("prompt", BigDecimal.ONE));
        Pricing pricing = new Pricing(source, List.of(override("1", "2")));
        source.put("completion", BigDecimal.TEN);

        assertThat(pricing.components()).containsOnlyKeys("prompt");
        assertThatThrownBy(() -> pricing.components().put("x", BigDecimal.ONE))
                .isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> pricing.overrides().get(0).put("x", BigDecimal.ONE))
                .isInstanceOf(UnsupportedOperationException.class);
    }
}
