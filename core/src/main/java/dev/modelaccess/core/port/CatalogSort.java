package dev.modelaccess.core.port;

import dev.modelaccess.core.internal.WireNames;
import java.util.Optional;

/**
 * The order of an admin's catalog list. Ties (and models without the sorted value, which come last) are ordered
 * by model id, so paging is stable.
 */
public enum CatalogSort {
    /** By model id, A to Z (code-point order). */
    MODEL_ID,
    /** Newest arrivals first. */
    FIRST_SEEN_DESC,
    /** Oldest arrivals first. */
    FIRST_SEEN_ASC,
    /** Cheapest prompt price first ({@code -1}, variable, sorts as the most expensive). */
    PRICE_ASC,
    /** Most expensive prompt price first. */
    PRICE_DESC,
    /** Longest context first. */
    CONTEXT_DESC,
    /** Shortest context first. */
    CONTEXT_ASC;

    /** The wire value: {@code first_seen_desc}, {@code price_asc}, … */
    public String wireValue() {
        return WireNames.of(this);
    }

    public static Optional<CatalogSort> parse(String value) {
        return WireNames.parse(CatalogSort.class, value, false);
    }
}
