package dev.modelaccess.testsupport.contract;

import static dev.modelaccess.testsupport.contract.SampleModels.model;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.modelaccess.core.catalog.Architecture;
import dev.modelaccess.core.catalog.CatalogModel;
import dev.modelaccess.core.catalog.ModelStatus;
import dev.modelaccess.core.catalog.TierFlags;
import dev.modelaccess.core.catalog.UpstreamModel;
import dev.modelaccess.core.port.CatalogFilter;
import dev.modelaccess.core.port.CatalogPage;
import dev.modelaccess.core.port.CatalogQuery;
import dev.modelaccess.core.port.CatalogSort;
import dev.modelaccess.core.port.ExpiringModel;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The searches: the dropdown's paged search, the admin console's list, its counts and the expiring models. */
public abstract class CatalogSearchContract extends StoreContract {

    private void fillForSearch() {
        sync(
                T1,
                model("anthropic/claude").name("Anthropic: Claude").build(),
                model("google/gemini").name("Google: Gemini").build(),
                model("meta/llama").name("Meta: Llama 3.3 70B").build(),
                model("mistral/large").name("Mistral Large").build(),
                model("openai/gpt").name("OpenAI: GPT-4o").build(),
                model("qwen/qwen").name("Qwen 100% open").build(),
                model("xai/grok_beta").name("xAI: Grok").build());
        approve(T1, "google/gemini", ModelStatus.ACTIVE, TierFlags.NONE);
        approve(T1, "openai/gpt", ModelStatus.ACTIVE, TierFlags.NONE);
        approve(T1, "mistral/large", ModelStatus.DISABLED, TierFlags.NONE);
    }

    private static List<String> ids(CatalogPage page) {
        return page.models().stream().map(CatalogModel::modelId).toList();
    }

    @Test
    void searchWithoutFiltersPagesThroughEveryModelInIdOrder() {
        fillForSearch();

        CatalogPage first = store.searchModels(new CatalogQuery(null, null, 3, 0));
        CatalogPage second = store.searchModels(new CatalogQuery(null, null, 3, 3));
        CatalogPage last = store.searchModels(new CatalogQuery(null, null, 3, 6));

        assertThat(ids(first)).containsExactly("anthropic/claude", "google/gemini", "meta/llama");
        assertThat(ids(second)).containsExactly("mistral/large", "openai/gpt", "qwen/qwen");
        assertThat(ids(last)).containsExactly("xai/grok_beta");
        assertThat(List.of(first.total(), second.total(), last.total())).containsOnly(7L);
    }

    @Test
    void aPageBeyondTheEndIsEmptyButStillCountsEveryMatch() {
        fillForSearch();

        CatalogPage page = store.searchModels(new CatalogQuery(null, null, 10, 100));

        assertThat(page.models()).isEmpty();
        assertThat(page.total()).isEqualTo(7);
    }

    @Test
    void searchFiltersByStatus() {
        fillForSearch();

        CatalogPage active = store.searchModels(new CatalogQuery(ModelStatus.ACTIVE, null, 10, 0));
        CatalogPage fresh = store.searchModels(new CatalogQuery(ModelStatus.NEW, null, 2, 0));
        CatalogPage inactive = store.searchModels(new CatalogQuery(ModelStatus.INACTIVE, null, 10, 0));

        assertThat(ids(active)).containsExactly("google/gemini", "openai/gpt");
        assertThat(active.total()).isEqualTo(2);
        assertThat(ids(fresh)).containsExactly("anthropic/claude", "meta/llama");
        assertThat(fresh.total()).isEqualTo(4);
        assertThat(inactive.models()).isEmpty();
        assertThat(inactive.total()).isZero();
    }

    @Test
    void searchTextMatchesTheIdOrTheNameIgnoringCase() {
        fillForSearch();

        assertThat(ids(store.searchModels(new CatalogQuery(null, "GEMINI", 10, 0))))
                .containsExactly("google/gemini");
        assertThat(ids(store.searchModels(new CatalogQuery(null, "llama 3.3", 10, 0))))
                .containsExactly("meta/llama");
        assertThat(ids(store.searchModels(new CatalogQuery(null, "openai", 10, 0))))
                .containsExactly("openai/gpt");
        assertThat(ids(store.searchModels(new CatalogQuery(null, "OPENAI/GPT", 10, 0))))
                .containsExactly("openai/gpt");
        assertThat(ids(store.searchModels(new CatalogQuery(null, "g", 10, 0))))
                .containsExactly("google/gemini", "mistral/large", "openai/gpt", "xai/grok_beta");
    }

    @Test
    void searchTextAndStatusCombine() {
        fillForSearch();

        CatalogPage page = store.searchModels(new CatalogQuery(ModelStatus.NEW, "a", 10, 0));

        assertThat(ids(page)).containsExactly("anthropic/claude", "meta/llama", "xai/grok_beta");
        assertThat(page.total()).isEqualTo(3);
    }

    @Test
    void searchTextIsTakenLiterallyNotAsAPattern() {
        fillForSearch();

        assertThat(ids(store.searchModels(new CatalogQuery(null, "%", 10, 0)))).containsExactly("qwen/qwen");
        assertThat(ids(store.searchModels(new CatalogQuery(null, "_", 10, 0)))).containsExactly("xai/grok_beta");
        assertThat(store.searchModels(new CatalogQuery(null, "gr_k", 10, 0)).total())
                .isZero();
        assertThat(store.searchModels(new CatalogQuery(null, "100%", 10, 0)).total())
                .isEqualTo(1);
        assertThat(store.searchModels(new CatalogQuery(null, "\\", 10, 0)).total())
                .isZero();
        assertThat(store.searchModels(new CatalogQuery(null, "'; drop table model_access; --", 10, 0))
                        .total())
                .isZero();
        assertThat(store.loadCatalog()).hasSize(7);
    }

    @Test
    void searchOfAnEmptyCatalogFindsNothing() {
        CatalogPage page = store.searchModels(new CatalogQuery(null, null, CatalogQuery.MAX_LIMIT, 0));

        assertThat(page.models()).isEmpty();
        assertThat(page.total()).isZero();
    }

    // ------------------------------------------------------------------------------ the admin console's list

    /** Three models seen first at T1, three more at T2 (two of them with an expiration date, one unreadable). */
    private void fillForConsole() {
        List<UpstreamModel> first = List.of(
                model("openai/cheap")
                        .contextLength(8_000L)
                        .price("prompt", "0.0000001")
                        .build(),
                model("openai/router").contextLength(null).price("prompt", "-1").build(),
                model("google/vision")
                        .architecture(new Architecture(
                                "text+image->text", List.of("text", "image"), List.of("text"), "Gemini", null))
                        .contextLength(1_000_000L)
                        .price("prompt", "0.000002")
                        .build());
        sync(T1, first);
        List<UpstreamModel> both = new ArrayList<>(first);
        both.addAll(List.of(
                model("meta/free")
                        .contextLength(32_000L)
                        .noPrice("prompt")
                        .expirationDate("2025-06-10")
                        .build(),
                model("meta/later").expirationDate("2025-09-01").build(),
                model("meta/odd").expirationDate("soon").build()));
        sync(T2, both);
        approve(T2, "openai/cheap", ModelStatus.ACTIVE, new TierFlags(true, true, true));
        approve(T2, "google/vision", ModelStatus.DISABLED, new TierFlags(false, false, false));
    }

    private static CatalogFilter filter(CatalogSort sort) {
        return new CatalogFilter(null, null, null, null, sort, 100, 0);
    }

    @Test
    void theConsoleListFiltersByStatusProviderModalityAndTextTogether() {
        fillForConsole();

        assertThat(ids(store.searchModels(
                        new CatalogFilter(ModelStatus.NEW, "openai", null, null, CatalogSort.MODEL_ID, 10, 0))))
                .containsExactly("openai/router");
        assertThat(ids(store.searchModels(
                        new CatalogFilter(null, null, "text+image->text", null, CatalogSort.MODEL_ID, 10, 0))))
                .containsExactly("google/vision");
        assertThat(ids(store.searchModels(
                        new CatalogFilter(null, "meta", "text->text", "LATER", CatalogSort.MODEL_ID, 10, 0))))
                .containsExactly("meta/later");
        CatalogPage page = store.searchModels(new CatalogFilter(null, "meta", " ", " ", CatalogSort.MODEL_ID, 2, 2));
        assertThat(ids(page)).containsExactly("meta/odd");
        assertThat(page.total()).isEqualTo(3);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("consoleSortOrders")
    void theConsoleListSortsByFirstSeenPriceAndContextThenById(CatalogSort sort, List<String> expected) {
        fillForConsole();

        assertThat(ids(store.searchModels(filter(sort)))).containsExactlyElementsOf(expected);
    }

    static Stream<Arguments> consoleSortOrders() {
        return Stream.of(
                arguments(
                        CatalogSort.FIRST_SEEN_DESC,
                        List.of(
                                "meta/free",
                                "meta/later",
                                "meta/odd",
                                "google/vision",
                                "openai/cheap",
                                "openai/router")),
                arguments(
                        CatalogSort.FIRST_SEEN_ASC,
                        List.of(
                                "google/vision",
                                "openai/cheap",
                                "openai/router",
                                "meta/free",
                                "meta/later",
                                "meta/odd")),
                // absent prompt price is free; -1 (variable) sorts above every real price
                arguments(
                        CatalogSort.PRICE_ASC,
                        List.of(
                                "meta/free",
                                "openai/cheap",
                                "meta/later",
                                "meta/odd",
                                "google/vision",
                                "openai/router")),
                arguments(
                        CatalogSort.PRICE_DESC,
                        List.of(
                                "openai/router",
                                "google/vision",
                                "meta/later",
                                "meta/odd",
                                "openai/cheap",
                                "meta/free")),
                // models without a context length come last both ways
                arguments(
                        CatalogSort.CONTEXT_DESC,
                        List.of(
                                "google/vision",
                                "meta/later",
                                "meta/odd",
                                "meta/free",
                                "openai/cheap",
                                "openai/router")),
                arguments(
                        CatalogSort.CONTEXT_ASC,
                        List.of(
                                "openai/cheap",
                                "meta/free",
                                "meta/later",
                                "meta/odd",
                                "google/vision",
                                "openai/router")));
    }

    @Test
    void theConsoleCountsEveryStatusIncludingEmptyOnes() {
        fillForConsole();

        assertThat(store.countByStatus())
                .containsExactlyInAnyOrderEntriesOf(Map.of(
                        ModelStatus.NEW, 4L,
                        ModelStatus.ACTIVE, 1L,
                        ModelStatus.DISABLED, 1L,
                        ModelStatus.INACTIVE, 0L));
    }

    @Test
    void expiringModelsAreThoseDatedOnOrBeforeTheDaySoonestFirstIgnoringDatesThatAreNotIsoDates() {
        fillForConsole();

        assertThat(store.expiringModels(LocalDate.parse("2025-06-09"))).isEmpty();
        assertThat(store.expiringModels(LocalDate.parse("2025-06-10")))
                .extracting(expiring -> expiring.model().modelId(), ExpiringModel::expiresOn)
                .containsExactly(tuple("meta/free", LocalDate.parse("2025-06-10")));
        assertThat(store.expiringModels(LocalDate.parse("2030-01-01")))
                .extracting(expiring -> expiring.model().modelId())
                .containsExactly("meta/free", "meta/later");
    }
}
