package dev.modelaccess.testsupport.contract;

import static dev.modelaccess.testsupport.contract.SampleModels.model;
import static org.assertj.core.api.Assertions.assertThat;

import dev.modelaccess.core.catalog.Architecture;
import dev.modelaccess.core.catalog.CatalogModel;
import dev.modelaccess.core.catalog.TopProvider;
import dev.modelaccess.core.catalog.UpstreamModel;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** What a store reads back is what was written, field for field, and lookups find exactly the given id. */
public abstract class CatalogRoundTripContract extends StoreContract {

    @Test
    void aStoredModelLoadsBackWithEveryUpstreamFieldAndItsFingerprint() {
        UpstreamModel rich = model("openai/gpt-4o-2024-11-20")
                .canonicalSlug("openai/gpt-4o-2024-11-20")
                .name("OpenAI: GPT-4o (2024-11-20)")
                .description("Line one\nline \"two\" with a back\\slash, a tab\t and 'quotes'")
                .created(Instant.parse("2024-11-20T00:00:00Z"))
                .contextLength(3_000_000_000L)
                .architecture(new Architecture(
                        "text+image->text", List.of("text", "image", "file"), List.of("text"), "GPT", "none"))
                .topProvider(new TopProvider(128_000L, 16_384L, true))
                .supportedParameters("tools", "tool_choice", "max_tokens", "temperature", "response_format")
                .huggingFaceId("openai/gpt-4o")
                .expirationDate("2026-03-01")
                .knowledgeCutoff("2023-10")
                .price("prompt", "0.0000025")
                .price("completion", "0.00001")
                .price("image", "0.003613")
                .price("input_cache_read", "0.00000125")
                .price("web_search", "0.01")
                .price("request", "0")
                .price("discount", "0.25")
                .price("some_future_component", "0.000000000000000000000123456789")
                .override(Map.of("min_prompt_tokens", "200000", "prompt", "0.000005", "completion", "0.00002"))
                .override(Map.of("min_prompt_tokens", "1000000", "prompt", "0.0000100"))
                .extraField("per_request_limits", "null")
                .build();

        sync(T1, rich);

        assertRoundTrips(rich);
    }

    @Test
    void aModelMissingEveryOptionalFieldLoadsBackWithNullsNotEmptyValues() {
        UpstreamModel bare = SampleModels.bare("mystery/model");

        sync(T1, bare);

        assertRoundTrips(bare);
        UpstreamModel stored = row("mystery/model").upstream();
        assertThat(stored.name()).isNull();
        assertThat(stored.huggingFaceId()).isNull();
        assertThat(stored.contextLength()).isNull();
        assertThat(stored.topProvider()).isEqualTo(TopProvider.UNKNOWN);
        assertThat(stored.pricing().components()).isEmpty();
    }

    @Test
    void emptyStringsStayEmptyStringsAndNeverBecomeNull() {
        UpstreamModel empty = model("empty/strings")
                .name("")
                .description("")
                .huggingFaceId("")
                .expirationDate("")
                .knowledgeCutoff("")
                .architecture(new Architecture("", List.of(), List.of(), "", ""))
                .build();

        sync(T1, empty);

        assertRoundTrips(empty);
        assertThat(row("empty/strings").upstream().huggingFaceId()).isEmpty();
    }

    @Test
    void variablePricesAndPricesWithManyDecimalsKeepTheirExactValueAndScale() {
        UpstreamModel router = model("openrouter/auto")
                .price("prompt", "-1")
                .price("completion", "-1")
                .price("request", "0.0000010")
                .price("image", "0.000000000000000000000000000001")
                .price("audio", "123456789012345678901234567890.5")
                .build();

        sync(T1, router);

        assertRoundTrips(router);
        assertThat(row("openrouter/auto").upstream().pricing().prompt()).isEqualTo(new java.math.BigDecimal("-1"));
        assertThat(row("openrouter/auto").upstream().pricing().components().get("request"))
                .isEqualTo(new java.math.BigDecimal("0.0000010"));
    }

    @Test
    void nonAsciiTextRoundTrips() {
        UpstreamModel unicode = model("~mistralai/modèle-ünïcode:free")
                .name("Mistral: Modèle ünïcode 模型 🚀 Ελληνικά")
                .description("Zażółć gęślą jaźń — العربية — 日本語 — emoji 👩‍💻")
                .build();

        sync(T1, unicode);

        assertRoundTrips(unicode);
    }

    @Test
    void everyModelOfALargeCatalogLoadsBack() {
        List<UpstreamModel> models = IntStream.range(0, 600)
                .mapToObj(i -> model("author-" + (i % 37) + "/model-" + i + (i % 3 == 0 ? ":free" : ""))
                        .canonicalSlug("shared-slug-" + (i % 50))
                        .price("prompt", "0.00000" + i)
                        .build())
                .toList();

        sync(T1, models);

        List<CatalogModel> loaded = store.loadCatalog();
        assertThat(loaded).hasSize(600);
        assertThat(loaded)
                .extracting(CatalogModel::upstream)
                .extracting(UpstreamModel::id, UpstreamModel::canonicalSlug, UpstreamModel::pricing)
                .containsExactlyInAnyOrderElementsOf(models.stream()
                        .map(m -> org.assertj.core.groups.Tuple.tuple(m.id(), m.canonicalSlug(), m.pricing()))
                        .toList());
        assertThat(loaded).extracting(CatalogModel::id).doesNotHaveDuplicates();
    }

    // --------------------------------------------------------------------------------------- lookups

    @Test
    void findModelFindsExactlyTheGivenId() {
        sync(T1, model("openai/gpt-4o").build(), model("openai/gpt-4o:free").build());

        assertThat(store.findModel("openai/gpt-4o")).contains(row("openai/gpt-4o"));
        assertThat(store.findModel("openai/gpt-4o").orElseThrow().modelId()).isEqualTo("openai/gpt-4o");
        assertThat(store.findModel("OPENAI/GPT-4O")).isEmpty();
        assertThat(store.findModel("openai/gpt-4")).isEmpty();
        assertThat(store.findModel("openai/gpt-4o ")).isEmpty();
    }

    @Test
    void findModelOfAnUnknownOrHostileIdIsEmptyAndHarmless() {
        sync(T1, model("openai/gpt-4o").build());
        List<String> hostile = List.of(
                "",
                "no/such-model",
                "'; drop table model_access; --",
                "openai/gpt-4o' or '1'='1",
                "../../../etc/passwd",
                "%",
                "_",
                "openai/%",
                "\\",
                "модель/🚀",
                "a/" + "x".repeat(10_000));

        for (String id : hostile) {
            assertThat(store.findModel(id)).as("findModel(%s)", id).isEmpty();
        }
        assertThat(store.loadCatalog()).extracting(CatalogModel::modelId).containsExactly("openai/gpt-4o");
    }

    @Test
    void anEmptyStoreHasNoCatalog() {
        assertThat(store.loadCatalog()).isEmpty();
        assertThat(store.findModel("openai/gpt-4o")).isEmpty();
    }
}
