package dev.modelaccess.benchmarks;

import dev.modelaccess.core.catalog.Architecture;
import dev.modelaccess.core.catalog.CatalogModel;
import dev.modelaccess.core.catalog.ModelFingerprint;
import dev.modelaccess.core.catalog.ModelStatus;
import dev.modelaccess.core.catalog.Pricing;
import dev.modelaccess.core.catalog.TierFlags;
import dev.modelaccess.core.catalog.TopProvider;
import dev.modelaccess.core.catalog.UpstreamModel;
import dev.modelaccess.core.sync.UpstreamSnapshot;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * A synthetic catalog shaped like OpenRouter's: ids with {@code :free} variants and {@code ~} aliases, a few
 * hundred characters of description, eight price components with up to 20 decimals, and a raw JSON object of
 * about 1.5 KB per model (what the fingerprint hashes).
 */
final class SyntheticCatalog {

    static final Instant SEEN = Instant.parse("2025-05-01T03:00:00Z");

    private static final String DESCRIPTION = "A synthetic model for benchmarks. It reads text and images, writes"
            + " text, supports tools and structured outputs, and has a context window large enough for long"
            + " documents. Its description is as long as a typical OpenRouter description, so that hashing"
            + " the raw JSON costs what it costs with the real catalog. Pricing is per token in USD; some"
            + " components are charged per request or per image; router models have variable prices (-1).";

    private SyntheticCatalog() {}

    static String id(int i) {
        String id = "author-" + (i % 211) + "/model-" + i;
        return switch (i % 20) {
            case 0 -> id + ":free";
            case 1 -> "~" + id;
            default -> id;
        };
    }

    /** Model {@code i} in its {@code version}: 0 as stored, 1 re-priced, 2 renamed. */
    static UpstreamModel model(int i, int version) {
        String id = id(i);
        String name = (version == 2 ? "Renamed " : "Author " + (i % 211) + ": ") + "Model " + i;
        String prompt = version == 1 ? "0.00000" + (i % 97 + 3) : "0.00000" + (i % 97 + 1);
        Map<String, BigDecimal> prices = new TreeMap<>();
        prices.put("prompt", new BigDecimal(prompt));
        prices.put("completion", new BigDecimal("0.0000" + (i % 89 + 10)));
        prices.put("request", BigDecimal.ZERO);
        prices.put("image", new BigDecimal("0.003613"));
        prices.put("web_search", new BigDecimal("0.01"));
        prices.put("internal_reasoning", new BigDecimal("0.00000000000000000001"));
        prices.put("input_cache_read", new BigDecimal("0.00000025"));
        prices.put("input_cache_write", new BigDecimal("0.0000003125"));
        Architecture architecture =
                new Architecture("text+image->text", List.of("text", "image"), List.of("text"), "Other", null);
        TopProvider top = new TopProvider(131_072L, 16_384L, i % 2 == 0);
        List<String> parameters = List.of(
                "max_tokens", "temperature", "top_p", "tools", "tool_choice", "response_format", "seed", "stop");
        String raw = "{\"architecture\":{\"input_modalities\":[\"text\",\"image\"],\"instruct_type\":null,"
                + "\"modality\":\"text+image->text\",\"output_modalities\":[\"text\"],\"tokenizer\":\"Other\"},"
                + "\"canonical_slug\":\"" + id.replace("~", "").replace(":free", "") + "-20250101\","
                + "\"context_length\":131072,\"created\":" + (1_735_689_600L + i) + ","
                + "\"default_parameters\":{\"temperature\":null,\"top_p\":null},"
                + "\"description\":\"" + DESCRIPTION + "\",\"expiration_date\":null,"
                + "\"hugging_face_id\":\"\",\"id\":\"" + id + "\",\"knowledge_cutoff\":null,"
                + "\"name\":\"" + name + "\",\"per_request_limits\":null,"
                + "\"pricing\":{\"completion\":\"0.0000" + (i % 89 + 10) + "\",\"image\":\"0.003613\","
                + "\"input_cache_read\":\"0.00000025\",\"input_cache_write\":\"0.0000003125\","
                + "\"internal_reasoning\":\"0.00000000000000000001\",\"prompt\":\"" + prompt + "\","
                + "\"request\":\"0\",\"web_search\":\"0.01\"},"
                + "\"supported_parameters\":[\"max_tokens\",\"temperature\",\"top_p\",\"tools\",\"tool_choice\","
                + "\"response_format\",\"seed\",\"stop\"],"
                + "\"top_provider\":{\"context_length\":131072,\"is_moderated\":" + (i % 2 == 0)
                + ",\"max_completion_tokens\":16384}}";
        return new UpstreamModel(
                id,
                id + "-20250101",
                name,
                DESCRIPTION,
                Instant.ofEpochSecond(1_735_689_600L + i),
                131_072L,
                architecture,
                top,
                parameters,
                "",
                null,
                null,
                Pricing.of(prices),
                raw);
    }

    static CatalogModel row(UpstreamModel upstream, ModelStatus status) {
        boolean inactive = status == ModelStatus.INACTIVE;
        return new CatalogModel(
                UUID.nameUUIDFromBytes(upstream.id().getBytes(java.nio.charset.StandardCharsets.UTF_8)),
                upstream,
                ModelFingerprint.of(upstream),
                status,
                inactive ? ModelStatus.ACTIVE : null,
                new TierFlags(status == ModelStatus.ACTIVE, true, true),
                SEEN,
                SEEN,
                inactive ? SEEN : null,
                SEEN,
                null,
                null,
                SEEN,
                SEEN);
    }

    /** A catalog of {@code size} rows: mostly active, some new and disabled, 1% inactive. */
    static List<CatalogModel> catalog(int size) {
        List<CatalogModel> rows = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            ModelStatus status = switch (i % 100) {
                case 0 -> ModelStatus.INACTIVE;
                case 1, 2, 3 -> ModelStatus.NEW;
                case 4, 5 -> ModelStatus.DISABLED;
                default -> ModelStatus.ACTIVE;
            };
            rows.add(row(model(i, 0), status));
        }
        return rows;
    }

    /** What upstream lists when nothing changed: every model but the inactive ones, as stored. */
    static UpstreamSnapshot unchanged(int size) {
        List<UpstreamModel> models = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            if (i % 100 != 0) {
                models.add(model(i, 0));
            }
        }
        return UpstreamSnapshot.of(models);
    }

    /**
     * About 10% of the catalog changes: 4% re-priced, 3% renamed, 1% gone, 1% back from inactive, and 1% more
     * new models.
     */
    static UpstreamSnapshot tenPercentChanged(int size) {
        List<UpstreamModel> models = new ArrayList<>(size + size / 100);
        for (int i = 0; i < size; i++) {
            int slot = i % 100;
            if (slot == 99) {
                continue; // gone upstream
            }
            int version = switch (slot) {
                case 10, 11, 12, 13 -> 1;
                case 20, 21, 22 -> 2;
                default -> 0;
            };
            models.add(model(i, version)); // slot 0: an inactive row back upstream
        }
        for (int i = size; i < size + Math.max(1, size / 100); i++) {
            models.add(model(i, 0));
        }
        return UpstreamSnapshot.of(models);
    }
}
