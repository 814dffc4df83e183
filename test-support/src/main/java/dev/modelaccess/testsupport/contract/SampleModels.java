package dev.modelaccess.testsupport.contract;

import dev.modelaccess.core.catalog.Architecture;
import dev.modelaccess.core.catalog.Pricing;
import dev.modelaccess.core.catalog.TopProvider;
import dev.modelaccess.core.catalog.UpstreamModel;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * Upstream models for tests, built from typed fields. The raw JSON is written from those fields in the canonical
 * form the source adapter uses (keys sorted, no white space), so that changing any field changes the fingerprint.
 *
 * <pre>{@code
 * UpstreamModel model = SampleModels.model("openai/gpt-4o").name("GPT-4o").price("prompt", "0.0000025").build();
 * }</pre>
 */
public final class SampleModels {

    private SampleModels() {}

    /** A builder of a plausible text model with the given id; change what the test is about. */
    public static Builder model(String id) {
        return new Builder(id);
    }

    /** The same model with every optional field missing upstream ({@code null}, empty lists, no price). */
    public static UpstreamModel bare(String id) {
        return bareModel(id).build();
    }

    /** A builder that starts from {@link #bare}: nothing but the id, for tests that set every field they need. */
    public static Builder bareModel(String id) {
        return new Builder(id)
                .canonicalSlug(null)
                .name(null)
                .description(null)
                .created(null)
                .contextLength(null)
                .architecture(Architecture.UNKNOWN)
                .topProvider(TopProvider.UNKNOWN)
                .supportedParameters()
                .noPrice("prompt")
                .noPrice("completion");
    }

    /**
     * A builder holding every typed field of {@code model}, to change one of them. Fields only the raw JSON had
     * are not carried over.
     */
    public static Builder from(UpstreamModel model) {
        Builder builder = new Builder(model.id())
                .canonicalSlug(model.canonicalSlug())
                .name(model.name())
                .description(model.description())
                .created(model.created())
                .contextLength(model.contextLength())
                .architecture(model.architecture())
                .topProvider(model.topProvider())
                .supportedParameters(model.supportedParameters())
                .huggingFaceId(model.huggingFaceId())
                .expirationDate(model.expirationDate())
                .knowledgeCutoff(model.knowledgeCutoff());
        builder.prices.clear();
        builder.prices.putAll(model.pricing().components());
        builder.overrides.addAll(model.pricing().overrides());
        return builder;
    }

    /** A mutable builder; every setter returns {@code this}. */
    public static final class Builder {
        private String id;
        private @Nullable String canonicalSlug;
        private @Nullable String name;
        private @Nullable String description = "A model for tests";
        private @Nullable Instant created = Instant.parse("2024-05-13T00:00:00Z");
        private @Nullable Long contextLength = 128_000L;
        private Architecture architecture =
                new Architecture("text->text", List.of("text"), List.of("text"), "GPT", null);
        private TopProvider topProvider = new TopProvider(128_000L, 16_384L, true);
        private List<String> supportedParameters = List.of("max_tokens", "temperature");
        private @Nullable String huggingFaceId;
        private @Nullable String expirationDate;
        private @Nullable String knowledgeCutoff;
        private final SortedMap<String, BigDecimal> prices = new TreeMap<>();
        private final List<SortedMap<String, BigDecimal>> overrides = new ArrayList<>();
        private final SortedMap<String, String> extraJson = new TreeMap<>();

        Builder(String id) {
            this.id = id;
            this.canonicalSlug = id;
            this.name = "Model " + id;
            prices.put("prompt", new BigDecimal("0.000001"));
            prices.put("completion", new BigDecimal("0.000002"));
        }

        public Builder id(String value) {
            this.id = value;
            return this;
        }

        public Builder canonicalSlug(@Nullable String value) {
            this.canonicalSlug = value;
            return this;
        }

        public Builder name(@Nullable String value) {
            this.name = value;
            return this;
        }

        public Builder description(@Nullable String value) {
            this.description = value;
            return this;
        }

        public Builder created(@Nullable Instant value) {
            this.created = value;
            return this;
        }

        public Builder contextLength(@Nullable Long value) {
            this.contextLength = value;
            return this;
        }

        public Builder architecture(Architecture value) {
            this.architecture = value;
            return this;
        }

        public Builder topProvider(TopProvider value) {
            this.topProvider = value;
            return this;
        }

        public Builder supportedParameters(List<String> values) {
            this.supportedParameters = List.copyOf(values);
            return this;
        }

        public Builder supportedParameters(String... values) {
            this.supportedParameters = List.of(values);
            return this;
        }

        public Builder huggingFaceId(@Nullable String value) {
            this.huggingFaceId = value;
            return this;
        }

        public Builder expirationDate(@Nullable String value) {
            this.expirationDate = value;
            return this;
        }

        public Builder knowledgeCutoff(@Nullable String value) {
            this.knowledgeCutoff = value;
            return this;
        }

        /** Sets one price component, e.g. {@code price("prompt", "0.0000025")}. */
        public Builder price(String component, String value) {
            prices.put(component, new BigDecimal(value));
            return this;
        }

        public Builder noPrice(String component) {
            prices.remove(component);
            return this;
        }

        public Builder override(Map<String, String> values) {
            SortedMap<String, BigDecimal> entry = new TreeMap<>();
            values.forEach((key, value) -> entry.put(key, new BigDecimal(value)));
            overrides.add(entry);
            return this;
        }

        /** Adds a field this library does not map, given as raw JSON ({@code "\"x\""}, {@code "1"}, …). */
        public Builder extraField(String key, String rawJsonValue) {
            extraJson.put(key, rawJsonValue);
            return this;
        }

        public UpstreamModel build() {
            Pricing pricing = new Pricing(prices, overrides);
            return new UpstreamModel(
                    id,
                    canonicalSlug,
                    name,
                    description,
                    created,
                    contextLength,
                    architecture,
                    topProvider,
                    supportedParameters,
                    huggingFaceId,
                    expirationDate,
                    knowledgeCutoff,
                    pricing,
                    json(pricing));
        }

        private String json(Pricing pricing) {
            SortedMap<String, String> fields = new TreeMap<>(extraJson);
            SortedMap<String, String> arch = new TreeMap<>();
            arch.put("input_modalities", strings(architecture.inputModalities()));
            arch.put("instruct_type", string(architecture.instructType()));
            arch.put("modality", string(architecture.modality()));
            arch.put("output_modalities", strings(architecture.outputModalities()));
            arch.put("tokenizer", string(architecture.tokenizer()));
            fields.put("architecture", object(arch));
            fields.put("canonical_slug", string(canonicalSlug));
            fields.put("context_length", String.valueOf(contextLength));
            fields.put("created", created == null ? "null" : String.valueOf(created.getEpochSecond()));
            fields.put("description", string(description));
            fields.put("expiration_date", string(expirationDate));
            fields.put("hugging_face_id", string(huggingFaceId));
            fields.put("id", string(id));
            fields.put("knowledge_cutoff", string(knowledgeCutoff));
            fields.put("name", string(name));
            SortedMap<String, String> price = new TreeMap<>();
            pricing.components().forEach((key, value) -> price.put(key, string(value.toPlainString())));
            if (!pricing.overrides().isEmpty()) {
                List<String> entries = new ArrayList<>();
                for (SortedMap<String, BigDecimal> override : pricing.overrides()) {
                    SortedMap<String, String> entry = new TreeMap<>();
                    override.forEach((key, value) -> entry.put(key, value.toPlainString()));
                    entries.add(object(entry));
                }
                price.put("overrides", "[" + String.join(",", entries) + "]");
            }
            fields.put("pricing", object(price));
            fields.put("supported_parameters", strings(supportedParameters));
            SortedMap<String, String> top = new TreeMap<>();
            top.put("context_length", String.valueOf(topProvider.contextLength()));
            top.put("is_moderated", String.valueOf(topProvider.moderated()));
            top.put("max_completion_tokens", String.valueOf(topProvider.maxCompletionTokens()));
            fields.put("top_provider", object(top));
            return object(fields);
        }

        private static String object(SortedMap<String, String> fields) {
            List<String> members = new ArrayList<>();
            fields.forEach((key, value) -> members.add(string(key) + ":" + value));
            return "{" + String.join(",", members) + "}";
        }

        private static String strings(List<String> values) {
            return "[" + String.join(",", values.stream().map(Builder::string).toList()) + "]";
        }

        private static String string(@Nullable String value) {
            if (value == null) {
                return "null";
            }
            StringBuilder out = new StringBuilder("\"");
            for (char c : value.toCharArray()) {
                switch (c) {
                    case '"' -> out.append("\\\"");
                    case '\\' -> out.append("\\\\");
                    case '\n' -> out.append("\\n");
                    default -> {
                        if (c < 0x20) {
                            out.append(String.format("\\u%04x", (int) c));
                        } else {
                            out.append(c);
                        }
                    }
                }
            }
            return out.append('"').toString();
        }
    }
}
