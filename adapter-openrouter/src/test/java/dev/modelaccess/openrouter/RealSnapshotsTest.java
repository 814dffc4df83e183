package dev.modelaccess.openrouter;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modelaccess.core.catalog.ModelIds;
import dev.modelaccess.core.catalog.UpstreamModel;
import dev.modelaccess.testsupport.data.SharedData;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;

/**
 * Replays OpenRouter's real answers from {@code shared/data/openrouter}, read in place (see {@link SharedData}).
 */
class RealSnapshotsTest {

    private static ModelsPage read(String file) throws IOException {
        return ModelsPageReader.read(Files.readAllBytes(SharedData.openRouterFile(file)), 200);
    }

    private static Map<String, UpstreamModel> byId(ModelsPage page) {
        return page.models().stream().collect(Collectors.toMap(UpstreamModel::id, Function.identity()));
    }

    @ParameterizedTest
    @CsvSource({
        "models-2025-05-23.json, 321",
        "models-2026-02-27.json, 344",
        "models-2026-08-14.json, 414",
        "models-2026-08-14-all-modalities.json, 549"
    })
    void everyRealSnapshotIsReadCompletelyWithoutAnInvalidEntry(String file, int entries) throws IOException {
        ModelsPage page = read(file);

        assertThat(page.invalidEntries()).isEmpty();
        assertThat(page.models()).hasSize(entries);
        JsonNode data = Json.MAPPER
                .readTree(Files.readAllBytes(SharedData.openRouterFile(file)))
                .get("data");
        assertThat(data.size()).isEqualTo(entries);
        assertThat(page.models()).extracting(UpstreamModel::id).doesNotHaveDuplicates();
        assertThat(page.next()).isNull();
    }

    @Test
    void everyIdInEveryRealModelsFileIsASafeAuthorSlashSlugAndIsRead() throws IOException {
        List<Path> files;
        try (Stream<Path> listed = Files.list(SharedData.openRouterFolder())) {
            files = listed.filter(file -> file.getFileName().toString().matches("models-.*\\.json"))
                    .sorted()
                    .toList();
        }
        assertThat(files).hasSizeGreaterThanOrEqualTo(4);
        int ids = 0;
        for (Path file : files) {
            JsonNode data = Json.MAPPER.readTree(Files.readAllBytes(file)).get("data");
            ModelsPage page = ModelsPageReader.read(Files.readAllBytes(file), 200);
            assertThat(page.invalidEntries()).as(file.toString()).isEmpty();
            for (JsonNode entry : data) {
                String id = entry.get("id").asString();
                assertThat(ModelIds.problem(id)).as(id).isEmpty();
                ids++;
            }
        }
        assertThat(ids).isGreaterThan(1000);
    }

    @ParameterizedTest
    @CsvSource({
        "models-2025-05-23.json,",
        "models-2026-02-27.json,",
        "models-2026-08-14.json, 414",
        "models-2026-08-14-all-modalities.json, 549"
    })
    void totalCountIsReadWhereUpstreamSentIt(String file, Long totalCount) throws IOException {
        assertThat(read(file).totalCount()).isEqualTo(totalCount);
    }

    @ParameterizedTest
    @CsvSource({
        "models-2025-05-23.json",
        "models-2026-02-27.json",
        "models-2026-08-14.json",
        "models-2026-08-14-all-modalities.json"
    })
    void theRawJsonOfEveryRealModelIsCanonicalAndStable(String file) throws IOException {
        ModelsPage first = read(file);
        ModelsPage second = read(file);

        assertThat(second.models())
                .extracting(UpstreamModel::rawJson)
                .containsExactlyElementsOf(
                        first.models().stream().map(UpstreamModel::rawJson).toList());
        JsonNode data = Json.MAPPER
                .readTree(Files.readAllBytes(SharedData.openRouterFile(file)))
                .get("data");
        for (int i = 0; i < first.models().size(); i++) {
            String raw = first.models().get(i).rawJson();
            JsonNode reparsed = Json.MAPPER.readTree(raw);
            assertThat(Json.canonical(reparsed))
                    .as("re-serializing %s", first.models().get(i).id())
                    .isEqualTo(raw);
            assertThat(reparsed).as("content of %s", first.models().get(i).id()).isEqualTo(data.get(i));
        }
    }

    @Test
    void routerModelsKeepTheirVariablePriceOfMinusOne() throws IOException {
        Map<String, UpstreamModel> models = byId(read("models-2026-08-14-all-modalities.json"));

        for (String router : new String[] {"openrouter/auto", "openrouter/bodybuilder", "openrouter/fusion"}) {
            assertThat(models.get(router).pricing().prompt()).as(router).isEqualTo(new BigDecimal("-1"));
            assertThat(models.get(router).pricing().completion()).as(router).isEqualTo(new BigDecimal("-1"));
        }
    }

    @Test
    void pricesWithTwentyOrMoreDecimalsSurviveExactly() throws IOException {
        Map<String, UpstreamModel> older = byId(read("models-2026-02-27.json"));
        Map<String, UpstreamModel> newer = byId(read("models-2026-08-14-all-modalities.json"));

        BigDecimal cacheWrite = older.get("google/gemini-3-flash-preview")
                .pricing()
                .components()
                .get("input_cache_write");
        assertThat(cacheWrite).isEqualTo(new BigDecimal("0.00000008333333333333334"));
        assertThat(cacheWrite.toPlainString()).isEqualTo("0.00000008333333333333334");
        assertThat(newer.get("bytedance-seed/seedream-5-0-lite")
                        .pricing()
                        .components()
                        .get("image_output"))
                .isEqualTo(new BigDecimal("0.00000838323353293413"));
        assertThat(newer.get("google/gemini-3.7-flash").pricing().components().get("input_cache_write"))
                .isEqualTo(new BigDecimal("0.0000000208333333333333"));
        assertThat(newer.get("google/gemini-3.7-flash").rawJson())
                .contains("\"input_cache_write\":\"0.0000000208333333333333\"");
    }

    @Test
    void huggingFaceIdEmptyAndNullStayDifferent() throws IOException {
        ModelsPage page = read("models-2025-05-23.json");

        assertThat(page.models()).filteredOn(m -> "".equals(m.huggingFaceId())).hasSize(68);
        assertThat(page.models()).filteredOn(m -> m.huggingFaceId() == null).hasSize(69);
    }

    @Test
    void instructTypeNoneAndNullStayDifferent() throws IOException {
        ModelsPage page = read("models-2025-05-23.json");

        assertThat(page.models())
                .filteredOn(m -> "none".equals(m.architecture().instructType()))
                .hasSize(4);
        assertThat(page.models())
                .filteredOn(m -> m.architecture().instructType() == null)
                .hasSize(188);
    }

    @Test
    void aliasAndFreeVariantIdsAreRead() throws IOException {
        Map<String, UpstreamModel> models = byId(read("models-2026-08-14-all-modalities.json"));

        assertThat(models).containsKeys("~openai/gpt-mini-latest", "~anthropic/claude-haiku-latest");
        assertThat(models.get("~openai/gpt-mini-latest").provider()).isEqualTo("openai");
        assertThat(models.keySet().stream().filter(id -> id.endsWith(":free"))).hasSize(22);
        assertThat(models.get("~openai/gpt-mini-latest").rawJson()).contains("\"alias_target\":{");
    }

    @Test
    void overridesAndNewerFieldsAreKept() throws IOException {
        ModelsPage page = read("models-2026-08-14-all-modalities.json");

        assertThat(page.models())
                .filteredOn(m -> !m.pricing().overrides().isEmpty())
                .hasSize(61);
        assertThat(page.models())
                .filteredOn(m -> m.rawJson().contains("\"reasoning\":{"))
                .hasSize(286);
        assertThat(page.models())
                .filteredOn(m -> m.architecture().outputModalities().contains("image"))
                .isNotEmpty();
    }
}
