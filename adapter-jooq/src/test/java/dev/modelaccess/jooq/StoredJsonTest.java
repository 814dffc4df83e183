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

class StoredJsonTest {

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

        String json = StoredJson.pricing(pricing);

        assertThat(json)
                .isEqualTo("{\"prompt\":\"0.0000010\",\"request\":\"-1\",\"tiny\":\"0.0000000000000000000000001\","
                        + "\"overrides\":[{\"min_prompt_tokens\":\"200000\",\"prompt\":\"0.0000050\"}]}");
        assertThat(StoredJson.pricing(json)).isEqualTo(pricing);
        assertThat(StoredJson.pricing(Pricing.NONE)).isEqualTo("{}");
    }

    @Test
    void pricesWrittenAsNumbersByHandAreReadToo() {
        assertThat(StoredJson.pricing("{\"prompt\": 0.5, \"completion\": 2, \"note\": null}")
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

        String json = StoredJson.texts(values);

        // JSON's \\u escapes are case-insensitive (Jackson writes upper-case hex digits)
        assertThat(json).doesNotContain("\n").containsIgnoringCase("\\u0001").containsIgnoringCase("\\u001f");
        assertThat(StoredJson.texts(json)).isEqualTo(values);
    }

    @Test
    void aTextArrayLiteralQuotesEveryElement() {
        assertThat(StoredJson.textArray(List.of("text", "a\"b", "c\\d", "{,}", "NULL", "")))
                .isEqualTo("{\"text\",\"a\\\"b\",\"c\\\\d\",\"{,}\",\"NULL\",\"\"}");
        assertThat(StoredJson.textArray(List.of())).isEqualTo("{}");
    }

    @Test
    void somethingThatIsNotAJsonObjectIsAClearError() {
        assertThatThrownBy(() -> StoredJson.pricing("[1]")).hasMessageContaining("Not a JSON object");
        assertThatThrownBy(() -> StoredJson.pricing("{\"a\": \"1\"} trailing"))
                .hasMessageContaining("Not a JSON object");
        for (String broken : List.of(
                "{oops",
                "{\"a\" 1}",
                "{\"a\": }",
                "{\"a\": \"x",
                "{\"a\": \"\\q\"}",
                "{\"a\": tru}",
                "{\"a\": [1,}",
                "")) {
            assertThatThrownBy(() -> StoredJson.texts(broken)).as(broken).hasMessageContaining("Not JSON");
        }
    }

    @Test
    void whatPostgresWritesForJsonbIsReadBack() {
        assertThat(
                        StoredJson.texts(
                                "{\"a\": \"x \\u00e9\\n\\\"q\\\"\", \"b\": 1.50, \"c\": true, \"d\": null, \"e\": [1, 2], \"f\": {}}"))
                .containsEntry("a", "x é\n\"q\"")
                .containsEntry("b", "1.50")
                .containsEntry("c", "true")
                .containsEntry("d", "null")
                .containsEntry("e", "[1, 2]")
                .containsEntry("f", "{}");
    }
}
