package dev.modelaccess.jooq;

import dev.modelaccess.core.catalog.Architecture;
import dev.modelaccess.core.catalog.Pricing;
import dev.modelaccess.core.catalog.TopProvider;
import dev.modelaccess.core.catalog.UpstreamModel;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * Upstream models for tests, with a canonical raw JSON (keys sorted, no white space) built from the typed fields, so
 * that changing any field changes the fingerprint, as it does with the real source adapter.
 */
final class TestModels {

    private TestModels() {}

    static Builder model(String id) {
        return new Builder(id);
    }

    /** {@code count} plain models {@code prefix-00001}, …, each with a price. */
    static List<UpstreamModel> synthetic(String prefix, int count) {
        List<UpstreamModel> models = new ArrayList<>(count);
        for (int i = 1; i <= count; i++) {
            models.add(model("%s/model-%05d".formatted(prefix, i))
                    .name("Model " + i)
                    .description("A synthetic model number " + i + " for tests and benchmarks.")
                    .contextLength(8192L + i)
                    .price("prompt", "0.00000" + (i % 10))
                    .price("completion", "0.0000" + (i % 10))
                    .build());
        }
        return models;
    }

    /**
     * The typed fields only: the raw JSON is blanked, because the store keeps it as {@code jsonb}, which gives back
     * the same JSON but not the same text.
     */
    static UpstreamModel typed(UpstreamModel model) {
        return new UpstreamModel(
                model.id(),
                model.canonicalSlug(),
                model.name(),
                model.description(),
                model.created(),
                model.contextLength(),
                model.architecture(),
                model.topProvider(),
                model.supportedParameters(),
                model.huggingFaceId(),
                model.expirationDate(),
                model.knowledgeCutoff(),
                model.pricing(),
                "{}");
    }

    /** A copy of {@code model} with its name changed (a metadata change). */
    static UpstreamModel renamed(UpstreamModel model, String name) {
        return Builder.from(model).name(name).build();
    }

    /** A copy of {@code model} with its prompt price changed. */
    static UpstreamModel repriced(UpstreamModel model, String prompt) {
        return Builder.from(model).price("prompt", prompt).build();
    }

    /** Canonical JSON (keys sorted, no white space), as the source adapter writes {@code rawJson}. */
    static String canonical(@Nullable Object value) {
        StringBuilder json = new StringBuilder();
        write(json, value);
        return json.toString();
    }

    private static void write(StringBuilder json, @Nullable Object value) {
        if (value == null || value instanceof Number || value instanceof Boolean) {
            json.append(value);
        } else if (value instanceof Map<?, ?> map) {
            json.append('{');
            new TreeMap<>(map).forEach((k, v) -> {
                if (json.charAt(json.length() - 1) != '{') {
                    json.append(',');
                }
                write(json, String.valueOf(k));
                json.append(':');
                write(json, v);
            });
            json.append('}');
        } else if (value instanceof List<?> list) {
            json.append('[');
            for (int i = 0; i < list.size(); i++) {
                if (i > 0) {
                    json.append(',');
                }
                write(json, list.get(i));
            }
            json.append(']');
        } else {
            json.append('"');
            value.toString().chars().forEach(c -> {
                switch (c) {
                    case '"' -> json.append("\\\"");
                    case '\\' -> json.append("\\\\");
                    default -> {
                        if (c < 0x20) {
                            json.append(String.format("\\u%04x", c));
                        } else {
                            json.append((char) c);
                        }
                    }
                }
            });
            json.append('"');
        }
    }

    static final class Builder {
        private final String id;
        private @Nullable String canonicalSlug;
        private @Nullable String name;
        private @Nullable String description;
        private @Nullable Instant created;
        private @Nullable Long contextLength;
        private Architecture architecture = Architecture.UNKNOWN;
        private TopProvider topProvider = TopProvider.UNKNOWN;
        private List<String> supportedParameters = List.of();
        private @Nullable String huggingFaceId;
        private @Nullable String expirationDate;
        private @Nullable String knowledgeCutoff;
        private final SortedMap<String, BigDecimal> prices = new TreeMap<>();
        private final List<SortedMap<String, BigDecimal>> overrides = new ArrayList<>();
        private final Map<String, Object> extra = new TreeMap<>();

        private Builder(String id) {
            this.id = id;
        }

        static Builder from(UpstreamModel model) {
            Builder builder = new Builder(model.id());
            builder.canonicalSlug = model.canonicalSlug();
            builder.name = model.name();
            builder.description = model.description();
            builder.created = model.created();
            builder.contextLength = model.contextLength();
            builder.architecture = model.architecture();
            builder.topProvider = model.topProvider();
            builder.supportedParameters = model.supportedParameters();
            builder.huggingFaceId = model.huggingFaceId();
            builder.expirationDate = model.expirationDate();
            builder.knowledgeCutoff = model.knowledgeCutoff();
            builder.prices.putAll(model.pricing().components());
            builder.overrides.addAll(model.pricing().overrides());
            return builder;
        }

        Builder canonicalSlug(@Nullable String value) {
            canonicalSlug = value;
            return this;
        }

        Builder name(@Nullable String value) {
            name = value;
            return this;
        }

        Builder description(@Nullable String value) {
            description = value;
            return this;
        }

        Builder created(@Nullable Instant value) {
            created = value;
            return this;
        }

        Builder contextLength(@Nullable Long value) {
            contextLength = value;
            return this;
        }

        Builder architecture(Architecture value) {
            architecture = value;
            return this;
        }

        Builder topProvider(TopProvider value) {
            topProvider = value;
            return this;
        }

        Builder supportedParameters(List<String> value) {
            supportedParameters = value;
            return this;
        }

        Builder huggingFaceId(@Nullable String value) {
            huggingFaceId = value;
            return this;
        }

        Builder expirationDate(@Nullable String value) {
            expirationDate = value;
            return this;
        }

        Builder knowledgeCutoff(@Nullable String value) {
            knowledgeCutoff = value;
            return this;
        }

        Builder price(String component, String value) {
            prices.put(component, new BigDecimal(value));
            return this;
        }

        Builder override(Map<String, String> values) {
            SortedMap<String, BigDecimal> override = new TreeMap<>();
            values.forEach((k, v) -> override.put(k, new BigDecimal(v)));
            overrides.add(override);
            return this;
        }

        /** A field this library does not map (it changes only the raw JSON and so the fingerprint). */
        Builder extra(String field, Object value) {
            extra.put(field, value);
            return this;
        }

        UpstreamModel build() {
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
                    rawJson(pricing));
        }

        private String rawJson(Pricing pricing) {
            Map<String, Object> json = new TreeMap<>(extra);
            json.put("id", id);
            json.put("canonical_slug", canonicalSlug);
            json.put("name", name);
            json.put("description", description);
            json.put("created", created == null ? null : created.getEpochSecond());
            json.put("context_length", contextLength);
            Map<String, Object> arch = new TreeMap<>();
            arch.put("modality", architecture.modality());
            arch.put("input_modalities", architecture.inputModalities());
            arch.put("output_modalities", architecture.outputModalities());
            arch.put("tokenizer", architecture.tokenizer());
            arch.put("instruct_type", architecture.instructType());
            json.put("architecture", arch);
            Map<String, Object> top = new TreeMap<>();
            top.put("context_length", topProvider.contextLength());
            top.put("max_completion_tokens", topProvider.maxCompletionTokens());
            top.put("is_moderated", topProvider.moderated());
            json.put("top_provider", top);
            json.put("supported_parameters", supportedParameters);
            json.put("hugging_face_id", huggingFaceId);
            json.put("expiration_date", expirationDate);
            json.put("knowledge_cutoff", knowledgeCutoff);
            Map<String, Object> price = new LinkedHashMap<>();
            pricing.components().forEach((k, v) -> price.put(k, v.toPlainString()));
            if (!pricing.overrides().isEmpty()) {
                List<Object> list = new ArrayList<>();
                for (SortedMap<String, BigDecimal> override : pricing.overrides()) {
                    Map<String, Object> o = new TreeMap<>();
                    override.forEach((k, v) -> o.put(k, v.toPlainString()));
                    list.add(o);
                }
                price.put("overrides", list);
            }
            json.put("pricing", new TreeMap<>(price));
            return canonical(json);
        }
    }
}
