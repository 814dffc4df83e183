package dev.modelaccess.example.demo;

import dev.modelaccess.core.catalog.Architecture;
import dev.modelaccess.core.catalog.Pricing;
import dev.modelaccess.core.catalog.TopProvider;
import dev.modelaccess.core.catalog.UpstreamModel;
import dev.modelaccess.core.sync.UpstreamSnapshot;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import tools.jackson.databind.json.JsonMapper;

/**
 * A small catalog written for the demo, used when OpenRouter cannot be reached on the first start. The ids are real
 * OpenRouter ids; names, prices and limits are illustrative and are replaced by OpenRouter's own as soon as a sync
 * reaches it.
 */
final class DemoCatalog {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Instant CREATED = Instant.parse("2025-01-01T00:00:00Z");

    private record Entry(String id, String name, long context, String prompt, String completion, String modality) {}

    private static final List<Entry> ENTRIES = List.of(
            new Entry(
                    "meta-llama/llama-3.3-70b-instruct:free",
                    "Meta: Llama 3.3 70B Instruct (free)",
                    131072,
                    "0",
                    "0",
                    "text->text"),
            new Entry(
                    "mistralai/mistral-small-3.1-24b-instruct:free",
                    "Mistral: Mistral Small 3.1 24B (free)",
                    128000,
                    "0",
                    "0",
                    "text+image->text"),
            new Entry(
                    "deepseek/deepseek-chat-v3-0324:free",
                    "DeepSeek: DeepSeek V3 0324 (free)",
                    163840,
                    "0",
                    "0",
                    "text->text"),
            new Entry(
                    "openai/gpt-4o-mini", "OpenAI: GPT-4o-mini", 128000, "0.00000015", "0.0000006", "text+image->text"),
            new Entry(
                    "google/gemini-2.0-flash-001",
                    "Google: Gemini 2.0 Flash",
                    1048576,
                    "0.0000001",
                    "0.0000004",
                    "text+image->text"),
            new Entry(
                    "qwen/qwen-2.5-72b-instruct",
                    "Qwen2.5 72B Instruct",
                    32768,
                    "0.00000012",
                    "0.00000039",
                    "text->text"),
            new Entry("openai/gpt-4o", "OpenAI: GPT-4o", 128000, "0.0000025", "0.00001", "text+image->text"),
            new Entry(
                    "anthropic/claude-3.5-sonnet",
                    "Anthropic: Claude 3.5 Sonnet",
                    200000,
                    "0.000003",
                    "0.000015",
                    "text+image->text"),
            new Entry("openrouter/auto", "Auto Router", 2000000, "-1", "-1", "text->text"),
            new Entry(
                    "~openai/gpt-mini-latest",
                    "OpenAI: GPT Mini (latest)",
                    400000,
                    "0.00000025",
                    "0.000002",
                    "text+image->text"),
            new Entry("x-ai/grok-3-mini:beta", "xAI: Grok 3 Mini Beta", 131072, "0.0000003", "0.0000005", "text->text"),
            new Entry(
                    "openai/text-embedding-3-small",
                    "OpenAI: Text Embedding 3 Small",
                    8192,
                    "0.00000002",
                    "0",
                    "text->embeddings"));

    /** Free-tier picks, then what pro adds, then what enterprise adds. */
    static final List<String> FREE = List.of(
            "meta-llama/llama-3.3-70b-instruct:free",
            "mistralai/mistral-small-3.1-24b-instruct:free",
            "deepseek/deepseek-chat-v3-0324:free");

    static final List<String> PRO =
            List.of("openai/gpt-4o-mini", "google/gemini-2.0-flash-001", "qwen/qwen-2.5-72b-instruct");

    static final List<String> ENTERPRISE = List.of("openai/gpt-4o", "anthropic/claude-3.5-sonnet", "openrouter/auto");

    private DemoCatalog() {}

    static UpstreamSnapshot snapshot() {
        return UpstreamSnapshot.of(ENTRIES.stream().map(DemoCatalog::model).toList());
    }

    private static UpstreamModel model(Entry entry) {
        String[] sides = entry.modality().split("->");
        List<String> input = List.of(sides[0].split("\\+"));
        List<String> output = List.of(sides[1]);
        Map<String, Object> raw = new TreeMap<>();
        raw.put("id", entry.id());
        raw.put("canonical_slug", entry.id().replace("~", "").replaceAll(":.*", ""));
        raw.put("name", entry.name());
        raw.put(
                "description",
                "Demo catalog entry written for model-access; OpenRouter's own details replace it at"
                        + " the first successful sync.");
        raw.put("created", CREATED.getEpochSecond());
        raw.put("context_length", entry.context());
        raw.put(
                "architecture",
                new TreeMap<>(Map.of(
                        "modality",
                        entry.modality(),
                        "input_modalities",
                        input,
                        "output_modalities",
                        output,
                        "tokenizer",
                        "Other")));
        raw.put("pricing", new TreeMap<>(Map.of("prompt", entry.prompt(), "completion", entry.completion())));
        raw.put("top_provider", new TreeMap<>(Map.of("context_length", entry.context(), "is_moderated", false)));
        raw.put("supported_parameters", List.of("max_tokens", "temperature", "top_p"));
        return new UpstreamModel(
                entry.id(),
                (String) raw.get("canonical_slug"),
                entry.name(),
                (String) raw.get("description"),
                CREATED,
                entry.context(),
                new Architecture(entry.modality(), input, output, "Other", null),
                new TopProvider(entry.context(), null, false),
                List.of("max_tokens", "temperature", "top_p"),
                null,
                null,
                null,
                Pricing.of(Map.of(
                        "prompt", new BigDecimal(entry.prompt()), "completion", new BigDecimal(entry.completion()))),
                JSON.writeValueAsString(raw));
    }
}
