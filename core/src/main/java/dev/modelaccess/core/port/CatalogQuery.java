package dev.modelaccess.core.port;

import dev.modelaccess.core.catalog.ModelStatus;
import org.jspecify.annotations.Nullable;

/**
 * A page of the admin's catalog list, ordered by model id.
 *
 * @param status only models in this status, or all
 * @param text only models whose id or name contains this text (case-insensitive, taken literally), or all; at most
 *     {@value #MAX_STORE_TEXT_LENGTH} characters
 * @param limit 1 to {@value #MAX_LIMIT}
 * @param offset 0 or more
 */
public record CatalogQuery(
        @Nullable ModelStatus status, @Nullable String text, int limit, long offset) {

    public static final int MAX_LIMIT = 1000;

    /**
     * The longest search text the HTTP API takes (it answers longer ones with an error): longer than any model id or
     * name worth typing, short enough that a search is never slow because of its text.
     */
    public static final int MAX_TEXT_LENGTH = 200;

    /**
     * The longest search text (and, in a {@link CatalogFilter}, provider or modality) a query takes at all: longer
     * ones are refused here, whoever builds the query, so that no store is ever handed one (defence in depth behind
     * the HTTP API's {@link #MAX_TEXT_LENGTH}). Above it because a store can be asked for a whole model id, and
     * upstream ids have no length limit of their own.
     */
    public static final int MAX_STORE_TEXT_LENGTH = 8_192;

    public CatalogQuery {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be between 1 and " + MAX_LIMIT + ", was " + limit);
        }
        if (offset < 0) {
            throw new IllegalArgumentException("offset must not be negative, was " + offset);
        }
        if (text != null && text.isBlank()) {
            text = null;
        }
        requireBounded("text", text);
    }

    /** Refuses a value longer than {@link #MAX_STORE_TEXT_LENGTH}, naming it. */
    static void requireBounded(String name, @Nullable String value) {
        if (value != null && value.length() > MAX_STORE_TEXT_LENGTH) {
            throw new IllegalArgumentException(
                    name + " must be at most " + MAX_STORE_TEXT_LENGTH + " characters, was " + value.length());
        }
    }
}
