package dev.modelaccess.core.catalog;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * What a model costs, in USD per unit, exactly as upstream wrote it (parsed from decimal strings, never through
 * {@code double}). {@code -1} means "variable price" (router models) and is kept as such. A component that is
 * absent is not charged, which is different from unknown: absent components are simply not in {@link
 * #components()}.
 *
 * @param components every scalar price component upstream sent, by its upstream name ({@code prompt}, {@code
 *     completion}, {@code request}, {@code image}, {@code web_search}, {@code internal_reasoning}, {@code
 *     input_cache_read}, {@code discount}, …), including names this library has never heard of
 * @param overrides conditional prices ({@code pricing.overrides}): each entry's numeric fields by name, e.g.
 *     {@code min_prompt_tokens}, {@code prompt}, {@code completion}
 */
public record Pricing(SortedMap<String, BigDecimal> components, List<SortedMap<String, BigDecimal>> overrides) {

    public static final Pricing NONE = new Pricing(new TreeMap<>(), List.of());

    public Pricing {
        components = unmodifiableCopy(components);
        overrides = overrides.stream().map(Pricing::unmodifiableCopy).toList();
    }

    public static Pricing of(Map<String, BigDecimal> components) {
        return new Pricing(new TreeMap<>(components), List.of());
    }

    public @Nullable BigDecimal prompt() {
        return components.get("prompt");
    }

    public @Nullable BigDecimal completion() {
        return components.get("completion");
    }

    /**
     * Whether two price lists charge the same, comparing numbers by value ({@code 0.0000010} equals {@code
     * 0.000001}): a stored price read back from {@code numeric} must not look like a price change. A component
     * that is absent is not charged, so it equals an explicit {@code "0"} (older responses spell out zero prices,
     * newer ones omit them); {@code -1} (variable) differs from both.
     */
    public boolean samePriceAs(Pricing other) {
        return sameValues(components, other.components)
                && overrides.size() == other.overrides.size()
                && sameOverrides(other);
    }

    private boolean sameOverrides(Pricing other) {
        for (int i = 0; i < overrides.size(); i++) {
            if (!sameValues(overrides.get(i), other.overrides.get(i))) {
                return false;
            }
        }
        return true;
    }

    /** Compares charge by charge; a component one side lacks charges nothing, the same as an explicit zero. */
    private static boolean sameValues(Map<String, BigDecimal> a, Map<String, BigDecimal> b) {
        for (Map.Entry<String, BigDecimal> entry : a.entrySet()) {
            if (entry.getValue().compareTo(b.getOrDefault(entry.getKey(), BigDecimal.ZERO)) != 0) {
                return false;
            }
        }
        for (Map.Entry<String, BigDecimal> entry : b.entrySet()) {
            if (!a.containsKey(entry.getKey()) && entry.getValue().signum() != 0) {
                return false;
            }
        }
        return true;
    }

    private static SortedMap<String, BigDecimal> unmodifiableCopy(Map<String, BigDecimal> source) {
        return java.util.Collections.unmodifiableSortedMap(new TreeMap<>(source));
    }
}
