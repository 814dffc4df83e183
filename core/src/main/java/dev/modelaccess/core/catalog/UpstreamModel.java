package dev.modelaccess.core.catalog;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One model as the catalog source (OpenRouter) describes it. Every field but {@link #id()} and {@link #rawJson()}
 * may be missing upstream.
 *
 * @param id the routable id, e.g. {@code openai/gpt-4o}, {@code meta-llama/llama-3.3-70b-instruct:free}, {@code
 *     ~openai/gpt-mini-latest}
 * @param rawJson the whole upstream JSON object of this model, so that fields added upstream later are not lost.
 *     {@code core} never parses it; the source adapter writes it in a canonical form (keys sorted, no
 *     insignificant white space) so that equal content gives equal text.
 */
public record UpstreamModel(
        String id,
        @Nullable String canonicalSlug,
        @Nullable String name,
        @Nullable String description,
        @Nullable Instant created,
        @Nullable Long contextLength,
        Architecture architecture,
        TopProvider topProvider,
        List<String> supportedParameters,
        @Nullable String huggingFaceId,
        @Nullable String expirationDate,
        @Nullable String knowledgeCutoff,
        Pricing pricing,
        String rawJson) {

    public UpstreamModel {
        Objects.requireNonNull(id, "id");
        if (id.isBlank()) {
            throw new IllegalArgumentException("A model id must not be blank");
        }
        supportedParameters = List.copyOf(supportedParameters);
    }

    /** The author part of the id: {@code openai} for {@code openai/gpt-4o} and for {@code ~openai/gpt-mini-latest}. */
    public String provider() {
        return providerOf(id);
    }

    public static String providerOf(String modelId) {
        String bare = modelId.startsWith("~") ? modelId.substring(1) : modelId;
        int slash = bare.indexOf('/');
        return slash > 0 ? bare.substring(0, slash) : bare;
    }

    /**
     * Whether the typed metadata other than price differs (name, description, context length, architecture, …).
     */
    public boolean sameMetadataAs(UpstreamModel other) {
        return id.equals(other.id)
                && Objects.equals(canonicalSlug, other.canonicalSlug)
                && Objects.equals(name, other.name)
                && Objects.equals(description, other.description)
                && Objects.equals(created, other.created)
                && Objects.equals(contextLength, other.contextLength)
                && architecture.equals(other.architecture)
                && topProvider.equals(other.topProvider)
                && supportedParameters.equals(other.supportedParameters)
                && Objects.equals(huggingFaceId, other.huggingFaceId)
                && Objects.equals(expirationDate, other.expirationDate)
                && Objects.equals(knowledgeCutoff, other.knowledgeCutoff);
    }
}
