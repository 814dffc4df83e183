package dev.modelaccess.core.policy;

import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What a rule set does to a group of models: counts per action and tier, and each model with the rule that decides
 * it ({@code null}: no rule matches, the model stays {@code new}).
 *
 * @param free how many models an {@code approve} opens to the free tier; {@code pro}, {@code enterprise} likewise
 */
public record RuleOutcome(
        int approve, int disable, int review, int unmatched, int free, int pro, int enterprise, List<Entry> models) {

    public RuleOutcome {
        models = List.copyOf(models);
    }

    /** One model and the rule that decides it, if any. */
    public record Entry(
            String modelId, @Nullable String name, @Nullable CatalogRule rule) {

        public Entry {
            Objects.requireNonNull(modelId, "modelId");
        }
    }

    /** Evaluates {@code rules} on each model, in the order given. */
    static RuleOutcome of(RuleSet rules, List<dev.modelaccess.core.catalog.UpstreamModel> models) {
        int approve = 0;
        int disable = 0;
        int review = 0;
        int unmatched = 0;
        int free = 0;
        int pro = 0;
        int enterprise = 0;
        List<Entry> entries = new java.util.ArrayList<>(models.size());
        for (var model : models) {
            CatalogRule rule = rules.firstMatch(model).orElse(null);
            entries.add(new Entry(model.id(), model.name(), rule));
            if (rule == null) {
                unmatched++;
                continue;
            }
            switch (rule.action()) {
                case RuleAction.Approve a -> {
                    approve++;
                    free += a.tiers().free() ? 1 : 0;
                    pro += a.tiers().pro() ? 1 : 0;
                    enterprise += a.tiers().enterprise() ? 1 : 0;
                }
                case RuleAction.Disable d -> disable++;
                case RuleAction.Review r -> review++;
            }
        }
        return new RuleOutcome(approve, disable, review, unmatched, free, pro, enterprise, entries);
    }
}
