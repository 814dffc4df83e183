package dev.modelaccess.core.decisions;

import dev.modelaccess.core.catalog.Tier;
import dev.modelaccess.core.policy.RuleSet;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Every admin decision of a catalog, as an export holds it and an import brings it.
 *
 * @param models the models' decisions; an export lists every model, ordered by id; an import may list only some
 *     (the others are left as they are)
 * @param rules the catalog rules in their order; {@code null} in an import that leaves the rules as they are
 * @param tierDefaults each tier's default model (a tier without one is absent); {@code null} in an import that leaves
 *     the tier defaults as they are
 */
public record CatalogDecisions(
        List<ModelDecision> models,
        @Nullable RuleSet rules,
        @Nullable Map<Tier, String> tierDefaults) {

    public CatalogDecisions {
        models = List.copyOf(Objects.requireNonNull(models, "models"));
        if (tierDefaults != null) {
            Map<Tier, String> byTier = new EnumMap<>(Tier.class);
            byTier.putAll(tierDefaults);
            tierDefaults = Collections.unmodifiableMap(byTier);
        }
    }
}
