package dev.modelaccess.core.catalog;

import org.jspecify.annotations.Nullable;

/** The limits of the provider OpenRouter routes to first. Every part may be missing upstream. */
public record TopProvider(
        @Nullable Long contextLength,
        @Nullable Long maxCompletionTokens,
        @Nullable Boolean moderated) {

    public static final TopProvider UNKNOWN = new TopProvider(null, null, null);
}
