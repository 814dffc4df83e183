package dev.modelaccess.openrouter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modelaccess.core.MalformedUpstreamResponseException;
import dev.modelaccess.core.catalog.UpstreamModel;
import dev.modelaccess.core.sync.InvalidEntry;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ModelsPageReaderTest {

    static byte[] resource(String name) {
        try (InputStream in = ModelsPageReaderTest.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("No test resource " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Reads a JSON text answered with status 200. */
    private static ModelsPage read(String json) {
        return ModelsPageReader.read(json.getBytes(StandardCharsets.UTF_8), 200);
    }

    private static Map<String, UpstreamModel> byId(ModelsPage page) {
        return page.models().stream().collect(Collectors.toMap(UpstreamModel::id, Function.identity()));
    }

    private final ModelsPage oddities = ModelsPageReader.read(resource("models-oddities.json"), 200);
    private final Map<String, UpstreamModel> models = byId(oddities);

    @Test
    void everyEntryOfTheOdditiesFixtureIsReadable() {
        assertThat(oddities.invalidEntries()).isEmpty();
        assertThat(oddities.models()).hasSize(6);
        assertThat(oddities.totalCount()).isEqualTo(6);
        assertThat(oddities.next()).isNull();
    }

    @Test
    void aVariablePriceOfMinusOneSurvivesAsMinusOne() {
        UpstreamModel router = models.get("example/router");
        assertThat(router.pricing().prompt()).isEqualByComparingTo("-1");
        assertThat(router.pricing().completion()).isEqualTo(new BigDecimal("-1"));
    }

    @Test
    void aPriceWithMoreThanTwentyDecimalsSurvivesExactly() {
        assertThat(models.get("example/flash-cache").pricing().components().get("input_cache_write"))
                .isEqualTo(new BigDecimal("0.00000008333333333333334"));
        assertThat(models.get("example/painter").pricing().components().get("image_output"))
                .hasToString("0.00000838323353293413");
    }

    @Test
    void everyPriceComponentIsKeptIncludingDiscountUnknownComponentsAndOverrides() {
        var pricing = models.get("example/flash-cache").pricing();
        assertThat(pricing.components())
                .containsOnlyKeys(
                        "prompt",
                        "completion",
                        "input_cache_read",
                        "input_cache_write",
                        "web_search",
                        "discount",
                        "future_component")
                .containsEntry("discount", new BigDecimal("0.25"))
                .containsEntry("future_component", new BigDecimal("0.00000042"));
        assertThat(pricing.overrides()).hasSize(2);
        assertThat(pricing.overrides().get(0))
                .containsEntry("min_prompt_tokens", new BigDecimal("200000"))
                .containsEntry("prompt", new BigDecimal("0.0000006"))
                .containsEntry("completion", new BigDecimal("0.000005"));
        assertThat(pricing.overrides().get(1))
                .containsOnlyKeys("utc_start", "utc_end", "prompt")
                .containsEntry("utc_end", new BigDecimal("100"));
    }

    @Test
    void anUnknownPricingFieldThatIsNotANumberStaysOnlyInTheRawJson() {
        UpstreamModel model = models.get("example/flash-cache");
        assertThat(model.pricing().components()).doesNotContainKey("future_flag");
        assertThat(model.rawJson()).contains("\"future_flag\":true");
    }

    @Test
    void aPriceSentAsAJsonNumberIsReadByItsTextNotThroughDouble() {
        assertThat(models.get("~example/chat-latest").pricing().prompt()).isEqualTo(new BigDecimal("0.000001"));
    }

    @Test
    void explicitZeroPricesAreKeptAndAbsentComponentsAreNotInvented() {
        var free = models.get("example/tiny-chat:free").pricing();
        assertThat(free.components())
                .containsOnlyKeys("prompt", "completion", "request", "image")
                .allSatisfy((name, price) -> assertThat(price).isZero());
        assertThat(models.get("example/tiny-chat").pricing().components()).containsOnlyKeys("prompt", "completion");
    }

    @Test
    void emptyAndNullHuggingFaceIdsStayDifferent() {
        assertThat(models.get("example/flash-cache").huggingFaceId()).isEmpty();
        assertThat(models.get("example/router").huggingFaceId()).isNull();
        assertThat(models.get("example/tiny-chat").huggingFaceId()).isNull();
        assertThat(models.get("example/tiny-chat:free").huggingFaceId()).isEqualTo("example/tiny-chat-1b");
    }

    @Test
    void instructTypeNoneAndNullStayDifferent() {
        assertThat(models.get("example/flash-cache").architecture().instructType())
                .isEqualTo("none");
        assertThat(models.get("example/router").architecture().instructType()).isNull();
    }

    @Test
    void aliasAndVariantIdsAreKeptVerbatimWithTheirProvider() {
        assertThat(models).containsKeys("~example/chat-latest", "example/tiny-chat:free", "example/tiny-chat");
        assertThat(models.get("~example/chat-latest").provider()).isEqualTo("example");
        assertThat(models.get("example/tiny-chat:free").canonicalSlug())
                .isEqualTo(models.get("example/tiny-chat").canonicalSlug());
    }

    @Test
    void theTypedFieldsAreMappedFromTheDocumentedSchema() {
        UpstreamModel model = models.get("example/flash-cache");
        assertThat(model.canonicalSlug()).isEqualTo("example/flash-cache-20260101");
        assertThat(model.name()).isEqualTo("Example: Flash “Cache” ⚡");
        assertThat(model.description()).startsWith("Cache writes");
        assertThat(model.created()).isEqualTo(Instant.parse("2026-01-01T00:00:00Z"));
        assertThat(model.contextLength()).isEqualTo(1_048_576L);
        assertThat(model.architecture().modality()).isEqualTo("text->text");
        assertThat(model.architecture().inputModalities()).containsExactly("text");
        assertThat(model.architecture().outputModalities()).containsExactly("text");
        assertThat(model.architecture().tokenizer()).isEqualTo("Other");
        assertThat(model.topProvider().contextLength()).isEqualTo(1_048_576L);
        assertThat(model.topProvider().maxCompletionTokens()).isEqualTo(65_536L);
        assertThat(model.topProvider().moderated()).isTrue();
        assertThat(model.supportedParameters()).containsExactly("max_tokens", "reasoning", "tools");
        assertThat(model.expirationDate()).isEqualTo("2027-01-31");
        assertThat(model.knowledgeCutoff()).isEqualTo("2025-06-30");

        UpstreamModel sparse = models.get("example/tiny-chat");
        assertThat(sparse.description()).isNull();
        assertThat(sparse.expirationDate()).isNull();
        assertThat(sparse.topProvider().maxCompletionTokens()).isNull();
        assertThat(models.get("example/tiny-chat:free").contextLength()).isZero();
        assertThat(models.get("~example/chat-latest").contextLength()).isEqualTo(10_000_000L);
    }

    @Test
    void theRawJsonIsCanonicalSortedCompactAndKeepsUnknownFields() {
        String raw = models.get("example/flash-cache").rawJson();
        assertThat(raw.replaceAll("\"(\\\\.|[^\"\\\\])*\"", "\"\""))
                .as("the raw JSON outside its strings")
                .doesNotContainAnyWhitespaces();
        assertThat(raw)
                .startsWith("{\"architecture\":{\"input_modalities\":[\"text\"],\"instruct_type\":\"none\",")
                .contains("\"some_new_field\":{\"a\":[3,2,1],\"z\":1}")
                .contains(
                        "\"benchmarks\":{\"artificial_analysis\":{\"coding_index\":null,\"intelligence_index\":45.30}}")
                .contains("\"discount\":0.25")
                .contains("\"input_cache_write\":\"0.00000008333333333333334\"")
                .contains("\"name\":\"Example: Flash “Cache” ⚡\"");
        assertThat(Json.canonical(Json.MAPPER.readTree(raw))).isEqualTo(raw);
    }

    @Test
    void theSameContentWrittenDifferentlyGivesTheSameRawJson() {
        String compact = "{\"data\":[{\"id\":\"a/b\",\"pricing\":{\"prompt\":\"1\",\"completion\":\"2\"},"
                + "\"x\":{\"n\":1.50,\"m\":[1,{\"q\":null,\"p\":true}]}}]}";
        String reordered =
                "{ \"data\" : [ {\n  \"x\" : { \"m\" : [ 1 , { \"p\" : true , \"q\" : null } ], \"n\" : 1.50 },"
                        + "\n  \"pricing\" : { \"completion\" : \"2\", \"prompt\" : \"1\" },\n  \"id\" : \"a/b\"\n} ] }";
        String first = read(compact).models().getFirst().rawJson();
        String second = read(reordered).models().getFirst().rawJson();
        assertThat(first)
                .isEqualTo(second)
                .isEqualTo("{\"id\":\"a/b\",\"pricing\":{\"completion\":\"2\",\"prompt\":\"1\"},"
                        + "\"x\":{\"m\":[1,{\"p\":true,\"q\":null}],\"n\":1.50}}");
    }

    @Test
    void readingTheSameBodyTwiceGivesIdenticalModels() {
        ModelsPage again = ModelsPageReader.read(resource("models-oddities.json"), 200);
        assertThat(again).isEqualTo(oddities);
    }

    @Test
    void malformedEntriesBecomeInvalidEntriesAndTheRestIsStillRead() {
        ModelsPage page = ModelsPageReader.read(resource("models-invalid-entries.json"), 200);

        assertThat(page.models()).extracting(UpstreamModel::id).containsExactly("example/fine");
        assertThat(page.entryCount()).isEqualTo(15);
        List<InvalidEntry> invalid = page.invalidEntries();
        assertThat(invalid).hasSize(14);
        assertThat(invalid.get(0)).isEqualTo(new InvalidEntry(null, "entry #0 has no id"));
        assertThat(invalid.get(1).modelId()).isNull();
        assertThat(invalid.get(1).reason()).contains("not a string");
        assertThat(invalid.get(2).modelId()).isNull();
        assertThat(invalid.get(2).reason()).contains("blank id");
        Map<String, String> reasonById = Map.of(
                "example/bad-price", "pricing.prompt is not a decimal: \"about a dollar\"",
                "example/price-object", "pricing.prompt is an object",
                "example/no-pricing", "no pricing",
                "example/no-completion", "no completion price",
                "example/context-text", "context_length is a string",
                "example/modalities-string", "architecture.input_modalities is a string",
                "example/moderated-string", "top_provider.is_moderated",
                "example/created-fraction", "created is not a whole number",
                "example/nul-name", "name holds a NUL character",
                "example/bad-override", "pricing.overrides[0].prompt is not a decimal");
        reasonById.forEach((id, reason) -> assertThat(reasonFor(invalid, id)).contains(reason));
        assertThat(invalid.get(13)).isEqualTo(new InvalidEntry(null, "entry #13 is a string, not an object"));
    }

    private static String reasonFor(List<InvalidEntry> invalid, String id) {
        return invalid.stream()
                .filter(entry -> id.equals(entry.modelId()))
                .findFirst()
                .orElseThrow(() -> new AssertionError("No invalid entry for " + id))
                .reason();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "{\"id\":\"a/b\",\"pricing\":{\"prompt\":\"NaN\",\"completion\":\"0\"}}",
                "{\"id\":\"a/b\",\"pricing\":{\"prompt\":\"Infinity\",\"completion\":\"0\"}}",
                "{\"id\":\"a/b\",\"pricing\":{\"prompt\":\"\",\"completion\":\"0\"}}",
                "{\"id\":\"a/b\",\"pricing\":{\"prompt\":\" 1\",\"completion\":\"0\"}}",
                "{\"id\":\"a/b\",\"pricing\":{\"prompt\":\"1,5\",\"completion\":\"0\"}}",
                "{\"id\":\"a/b\",\"pricing\":{\"prompt\":\"0x10\",\"completion\":\"0\"}}",
                "{\"id\":\"a/b\",\"pricing\":{\"prompt\":\"1e999999999\",\"completion\":\"0\"}}",
                "{\"id\":\"a/b\",\"pricing\":{\"prompt\":\"0\",\"completion\":\"1E3333333334\"}}",
                "{\"id\":\"a/b\",\"pricing\":{\"prompt\":true,\"completion\":\"0\"}}",
                "{\"id\":\"a/b\",\"pricing\":{\"prompt\":null,\"completion\":\"0\"}}",
                "{\"id\":\"a/b\",\"pricing\":[]}",
                "{\"id\":\"a/b\",\"pricing\":{\"prompt\":\"0\",\"completion\":\"0\",\"overrides\":{}}}",
                "{\"id\":\"a/b c\",\"pricing\":{\"prompt\":\"0\",\"completion\":\"0\"}}",
                "{\"id\":\"a/b\\n\",\"pricing\":{\"prompt\":\"0\",\"completion\":\"0\"}}",
                "{\"id\":\"a/b\",\"name\":\"\\ud800\",\"pricing\":{\"prompt\":\"0\",\"completion\":\"0\"}}",
                "{\"id\":\"a/b\",\"\\u0000\":1,\"pricing\":{\"prompt\":\"0\",\"completion\":\"0\"}}",
                "{\"id\":\"a/b\",\"created\":99999999999999999999,\"pricing\":{\"prompt\":\"0\",\"completion\":\"0\"}}",
                "{\"id\":\"a/b\",\"created\":9223372036854775807,\"pricing\":{\"prompt\":\"0\",\"completion\":\"0\"}}",
                "{\"id\":\"a/b\",\"context_length\":-5,\"pricing\":{\"prompt\":\"0\",\"completion\":\"0\"}}",
                "{\"id\":\"a/b\",\"supported_parameters\":[\"tools\",7],\"pricing\":{\"prompt\":\"0\",\"completion\":\"0\"}}",
                "{\"id\":\"a/b\",\"architecture\":\"text\",\"pricing\":{\"prompt\":\"0\",\"completion\":\"0\"}}",
                "{\"id\":\"a/b\",\"top_provider\":[],\"pricing\":{\"prompt\":\"0\",\"completion\":\"0\"}}",
                "{\"id\":\"a/b\",\"description\":{},\"pricing\":{\"prompt\":\"0\",\"completion\":\"0\"}}",
                "{\"id\":\"a/b\",\"x\":1e999999,\"pricing\":{\"prompt\":\"0\",\"completion\":\"0\"}}"
            })
    void aMalformedEntryIsReportedNotRead(String entry) {
        ModelsPage page = read("{\"data\":[" + entry + "]}");

        assertThat(page.models()).isEmpty();
        assertThat(page.invalidEntries())
                .singleElement()
                .satisfies(invalid -> assertThat(invalid.reason()).isNotBlank());
    }

    /**
     * Ids the admin API could not address unambiguously, or that a browser would resolve to another model's path: each
     * is skipped as unreadable, named (printably) in the entry, and never read as a model.
     */
    @ParameterizedTest
    @ValueSource(
            strings = {
                "evil/../../models/openai/gpt-4o",
                "../openai",
                "openai/..",
                "./gpt-4o",
                "openai/.",
                "openai//gpt-4o",
                "/gpt-4o",
                "openai/",
                "gpt-4o",
                "openai/gpt-4o/events",
                "openai/gpt-4o%2F..",
                "openai/%2e%2e",
                "openai\\gpt-4o",
                "openai/gpt-4o?x=1",
                "openai/gpt-4o#top",
                "openai/gpt-4o;x=1",
                "openai/gpt 4o",
                "openai/gpt-4o\t",
                "openai/gpt-4o\r\nX-Injected: 1",
                "openai/gpt-4o\u0000",
                "openai/gpt-4o\u007f",
                "openai/gpt-4o\u200b",
                "openai/gpt\u20124o",
                "openai/gpt-4o\u2028",
                "openai/gpt-4o\ud800"
            })
    void anIdThatIsNoSafeAuthorSlashSlugIsSkippedAsUnreadable(String id) {
        ModelsPage page = read("{\"data\":[{\"id\":" + Json.MAPPER.writeValueAsString(id)
                + ",\"pricing\":{\"prompt\":\"0\",\"completion\":\"0\"}},"
                + "{\"id\":\"openai/gpt-4o\",\"pricing\":{\"prompt\":\"1\",\"completion\":\"2\"}}]}");

        assertThat(page.models()).extracting(UpstreamModel::id).containsExactly("openai/gpt-4o");
        assertThat(page.invalidEntries()).singleElement().satisfies(invalid -> {
            assertThat(invalid.modelId())
                    .as("never seen, so a row stored under it is deactivated")
                    .isNull();
            assertThat(invalid.reason())
                    .startsWith("entry #0 has an id that ")
                    .contains(": '")
                    .doesNotContain("\n", "\r", "\u0000", "\t", "\u2028");
        });
    }

    @Test
    void aRefusedIdIsNamedWithItsControlCharactersEscaped() {
        ModelsPage page = read(
                "{\"data\":[{\"id\":\"a/b\\r\\nforged line\",\"pricing\":{\"prompt\":\"0\",\"completion\":\"0\"}}]}");

        assertThat(page.invalidEntries())
                .singleElement()
                .satisfies(invalid -> assertThat(invalid.reason()).endsWith(": 'a/b\\u000d\\u000aforged\\u0020line'"));
    }

    @Test
    void anIdLongerThanTheLimitIsReportedAbbreviated() {
        String id = "a/" + "b".repeat(300);
        ModelsPage page =
                read("{\"data\":[{\"id\":\"" + id + "\",\"pricing\":{\"prompt\":\"0\",\"completion\":\"0\"}}]}");

        assertThat(page.invalidEntries()).singleElement().satisfies(invalid -> {
            assertThat(invalid.modelId()).isNull();
            assertThat(invalid.reason()).contains("longer than 256").endsWith(": 'a/" + "b".repeat(198) + "…'");
        });
    }

    @Test
    void decimalsInOtherSpellingsAreAcceptedExactly() {
        ModelsPage page = read(
                "{\"data\":[{\"id\":\"a/b\",\"context_length\":128000.0,\"pricing\":{\"prompt\":\"1E-7\",\"completion\":\"2.50\",\"request\":3}}]}");

        UpstreamModel model = page.models().getFirst();
        assertThat(model.contextLength()).isEqualTo(128_000L);
        assertThat(model.pricing().prompt()).isEqualTo(new BigDecimal("1E-7"));
        assertThat(model.pricing().completion()).isEqualTo(new BigDecimal("2.50"));
        assertThat(model.pricing().components().get("request")).isEqualTo(new BigDecimal("3"));
    }

    @Test
    void anEmptyDataArrayIsAnEmptyPageNotAnError() {
        ModelsPage page = read("{\"data\":[]}");

        assertThat(page.models()).isEmpty();
        assertThat(page.invalidEntries()).isEmpty();
    }

    @Test
    void paginationFieldsAreRead() {
        ModelsPage page = read("{\"data\":[],\"total_count\":120,\"links\":{\"next\":\"/api/v1/models?offset=100\"}}");

        assertThat(page.totalCount()).isEqualTo(120L);
        assertThat(page.next()).isEqualTo("/api/v1/models?offset=100");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "   \n",
                "<!DOCTYPE html><html><body>Bad gateway</body></html>",
                "{\"data\":[{\"id\":\"a/b\"",
                "{\"data\":[]} trailing",
                "[]",
                "null",
                "42",
                "\"data\"",
                "{}",
                "{\"error\":{\"code\":500,\"message\":\"Internal\"}}",
                "{\"data\":{}}",
                "{\"data\":null}",
                "{\"data\":\"[]\"}",
                "{\"data\":[],\"links\":\"next\"}",
                "{\"data\":[],\"links\":{\"next\":5}}",
                "{\"data\":[],\"total_count\":\"3\"}",
                "{\"data\":[],\"total_count\":-1}",
                "{\"data\":[],\"total_count\":1.5}",
                "{\"data\":[{\"id\":\"a/b\",\"pricing\":{\"prompt\":\"0\",\"completion\":1e3333333334}}]}"
            })
    void aBodyThatIsNotJsonWithADataArrayIsMalformed(String body) {
        assertThatThrownBy(() -> read(body))
                .isInstanceOf(MalformedUpstreamResponseException.class)
                .hasMessageStartingWith("OpenRouter's model list is unusable: HTTP 200 with")
                .hasNoCause();
    }

    @Test
    void deeplyNestedJsonIsRejectedAsMalformedNotAStackOverflow() {
        String body = "{\"data\":[" + "[".repeat(100_000) + "]".repeat(100_000) + "]}";

        assertThatThrownBy(() -> read(body)).isInstanceOf(MalformedUpstreamResponseException.class);
    }
}
