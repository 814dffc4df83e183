package dev.modelaccess.core.port;

import dev.modelaccess.core.catalog.ModelStatus;
import org.jspecify.annotations.Nullable;

/**
 * A page of the admin's catalog list, ordered by model id.
 *
 * @param status only models in this status, or all
 * @param text only models whose id or name contains this text (case-insensitive, taken literally), or all
 * @param limit 1 to {@value #MAX_LIMIT}
 * @param offset 0 or more
 */
public record CatalogQuery(
        @Nullable ModelStatus status, @Nullable String text, int limit, long offset) {

    public static final int MAX_LIMIT = 1000;

    /**
     * The longest search text the HTTP API takes (it answers longer ones with an error): longer than any model id or
     * name worth typing, short enough that a search is never slow because of its text. The store itself takes any.
     */
    public static final int MAX_TEXT_LENGTH = 200;

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
    }
}
