package dev.modelaccess.jooq;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modelaccess.core.catalog.Pricing;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class JsonTextTest {

    @Test
    void pricingIsWrittenAsDecimalStringsThatKeepTheirScaleAndReadBackEqual() {
        SortedMap<String, BigDecimal> override = new TreeMap<>(
                Map.of("min_prompt_tokens", new BigDecimal("200000"), "prompt", new BigDecimal("0.0000050")));
        Pricing pricing = new Pricing(
                new TreeMap<>(Map.of(
                        "prompt", new BigDecimal("0.0000010"),
                        "request", new BigDecimal("-1"),
                        "tiny", new BigDecimal("1E-25"))),
                List.of(override));

        String json = JsonText.pricing(pricing);

        assertThat(json)
                .isEqualTo("{\"prompt\":\"0.0000010\",\"request\":\"-1\",\"tiny\":\"0.0000000000000000000000001\","
                        + "\"overrides\":[{\"min_prompt_tokens\":\"200000\",\"prompt\":\"0.0000050\"}]}");
        assertThat(JsonText.pricing(json)).isEqualTo(pricing);
        assertThat(JsonText.pricing(Pricing.NONE)).isEqualTo("{}");
    }

    @Test
    void pricesWrittenAsNumbersByHandAreReadToo() {
        assertThat(JsonText.pricing("{\"prompt\": 0.5, \"completion\": 2, \"note\": null}")
                        .components())
                .containsExactly(
                        Map.entry("completion", new BigDecimal("2")), Map.entry("prompt", new BigDecimal("0.5")));
    }

    @Test
    void textsSurviveQuotesBackslashesControlCharactersAndAnyUnicode() {
        Map<String, String> values = Map.of(
                "description", "say \"hi\" \\ then\nnew line\ttab\u0001\u001f",
                "name", "ünïcödé 🚀 \u2028",
                "empty", "");

        String json = JsonText.texts(values);

        assertThat(json).doesNotContain("\n").contains("\\u0001").contains("\\u001f");
        assertThat(JsonText.texts(json)).isEqualTo(values);
    }

    @Test
    void aTextArrayLiteralQuotesEveryElement() {
        assertThat(JsonText.textArray(List.of("text", "a\"b", "c\\d", "{,}", "NULL", "")))
                .isEqualTo("{\"text\",\"a\\\"b\",\"c\\\\d\",\"{,}\",\"NULL\",\"\"}");
        assertThat(JsonText.textArray(List.of())).isEqualTo("{}");
    }

    @Test
    void somethingThatIsNotAJsonObjectIsAClearError() {
        assertThatThrownBy(() -> JsonText.pricing("[1]")).hasMessageContaining("Not a JSON object");
        assertThatThrownBy(() -> JsonText.pricing("{\"a\": \"1\"} trailing")).hasMessageContaining("Not a JSON object");
        for (String broken : List.of(
                "{oops",
                "{\"a\" 1}",
                "{\"a\": }",
                "{\"a\": \"x",
                "{\"a\": \"\\q\"}",
                "{\"a\": tru}",
                "{\"a\": [1,}",
                "")) {
            assertThatThrownBy(() -> JsonText.texts(broken)).as(broken).hasMessageContaining("Not JSON");
        }
    }

    @Test
    void whatPostgresWritesForJsonbIsReadBack() {
        assertThat(
                        JsonText.texts(
                                "{\"a\": \"x \\u00e9\\n\\\"q\\\"\", \"b\": 1.50, \"c\": true, \"d\": null, \"e\": [1, 2], \"f\": {}}"))
                .containsEntry("a", "x é\n\"q\"")
                .containsEntry("b", "1.50")
                .containsEntry("c", "true")
                .containsEntry("d", "null")
                .containsEntry("e", "[1, 2]")
                .containsEntry("f", "{}");
    }
}
