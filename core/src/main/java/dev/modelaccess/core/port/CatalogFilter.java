package dev.modelaccess.core.port;

import dev.modelaccess.core.catalog.CatalogModel;
import dev.modelaccess.core.catalog.ModelStatus;
import java.math.BigDecimal;
import java.util.Comparator;
import java.util.Locale;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A page of the admin console's catalog list: filters, order and paging, answered on the server so that a catalog of
 * 50,000 models shows its first page at once.
 *
 * @param status only models in this status, or all
 * @param provider only models of this provider (the author part of the id, exact), or all
 * @param modality only models whose upstream {@code architecture.modality} is exactly this, or all
 * @param text only models whose id or name contains this text (case-insensitive, taken literally), or all; at most
 *     {@value CatalogQuery#MAX_STORE_TEXT_LENGTH} characters, like provider and modality
 * @param sort the order
 * @param limit 1 to {@value CatalogQuery#MAX_LIMIT}
 * @param offset 0 or more
 */
public record CatalogFilter(
        @Nullable ModelStatus status,
        @Nullable String provider,
        @Nullable String modality,
        @Nullable String text,
        CatalogSort sort,
        int limit,
        long offset) {

    public CatalogFilter {
        Objects.requireNonNull(sort, "sort");
        if (limit < 1 || limit > CatalogQuery.MAX_LIMIT) {
            throw new IllegalArgumentException(
                    "limit must be between 1 and " + CatalogQuery.MAX_LIMIT + ", was " + limit);
        }
        if (offset < 0) {
            throw new IllegalArgumentException("offset must not be negative, was " + offset);
        }
        provider = blankToNull(provider);
        modality = blankToNull(modality);
        text = blankToNull(text);
        CatalogQuery.requireBounded("provider", provider);
        CatalogQuery.requireBounded("modality", modality);
        CatalogQuery.requireBounded("text", text);
    }

    /** Whether a model passes the filters (the reference the stores' queries follow). */
    public boolean matches(CatalogModel model) {
        if (status != null && model.status() != status) {
            return false;
        }
        if (provider != null && !provider.equals(model.upstream().provider())) {
            return false;
        }
        if (modality != null && !modality.equals(model.upstream().architecture().modality())) {
            return false;
        }
        if (text == null) {
            return true;
        }
        String needle = text.toLowerCase(Locale.ROOT);
        String name = model.upstream().name();
        return model.modelId().toLowerCase(Locale.ROOT).contains(needle)
                || (name != null && name.toLowerCase(Locale.ROOT).contains(needle));
    }

    /** The order as a comparator (the reference the stores' queries follow). */
    public Comparator<CatalogModel> comparator() {
        Comparator<CatalogModel> byId = Comparator.comparing(CatalogModel::modelId);
        Comparator<CatalogModel> primary = switch (sort) {
            case MODEL_ID -> (a, b) -> 0;
            case FIRST_SEEN_DESC ->
                Comparator.comparing(CatalogModel::firstSeenAt).reversed();
            case FIRST_SEEN_ASC -> Comparator.comparing(CatalogModel::firstSeenAt);
            case PRICE_ASC -> Comparator.comparing(CatalogFilter::promptForSort);
            case PRICE_DESC ->
                Comparator.comparing(CatalogFilter::promptForSort).reversed();
            case CONTEXT_DESC ->
                Comparator.comparing(
                        (CatalogModel model) -> model.upstream().contextLength(),
                        Comparator.nullsLast(Comparator.reverseOrder()));
            case CONTEXT_ASC ->
                Comparator.comparing(
                        (CatalogModel model) -> model.upstream().contextLength(),
                        Comparator.nullsLast(Comparator.naturalOrder()));
        };
        return primary.thenComparing(byId);
    }

    /** The prompt price to sort by: absent counts as free, variable ({@code -1}) as the most expensive. */
    private static BigDecimal promptForSort(CatalogModel model) {
        BigDecimal prompt = model.upstream().pricing().prompt();
        if (prompt == null) {
            return BigDecimal.ZERO;
        }
        return prompt.signum() < 0 ? VARIABLE : prompt;
    }

    /** Where a variable price sorts: above every real per-token price. */
    static final BigDecimal VARIABLE = new BigDecimal("1000000");

    private static @Nullable String blankToNull(@Nullable String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
