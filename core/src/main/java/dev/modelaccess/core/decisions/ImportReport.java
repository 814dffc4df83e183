package dev.modelaccess.core.decisions;

import dev.modelaccess.core.catalog.Tier;
import dev.modelaccess.core.policy.CatalogRule;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What a catalog import changes (or, in a dry run, would change), from → to.
 *
 * @param dryRun whether nothing was kept
 * @param applied whether the changes were written
 * @param rowsWritten the rows written (inserted, updated, deleted): the models, events, successors, tier defaults and
 *     rules; 0 for a dry run and for an import that changes nothing
 * @param models the models that change, in the order of the file
 * @param rules the rules that change, by position
 * @param tierDefaults the tier defaults that change, in tier order
 * @param unknownModels the ids in the file that the catalog does not hold: reported, never created
 * @param unchangedModels how many models of the file are as the file says already
 */
public record ImportReport(
        boolean dryRun,
        boolean applied,
        int rowsWritten,
        List<ModelChange> models,
        List<RuleChange> rules,
        List<TierDefaultChange> tierDefaults,
        List<String> unknownModels,
        int unchangedModels) {

    public ImportReport {
        models = List.copyOf(models);
        rules = List.copyOf(rules);
        tierDefaults = List.copyOf(tierDefaults);
        unknownModels = List.copyOf(unknownModels);
    }

    /** Whether the import changes nothing. */
    public boolean changesNothing() {
        return models.isEmpty() && rules.isEmpty() && tierDefaults.isEmpty();
    }

    /**
     * One field of a model that changes.
     *
     * @param field {@code status}, {@code is_free}, {@code is_pro}, {@code is_enterprise} or {@code successor}
     * @param from the value now ({@code null}: none)
     * @param to the value of the file ({@code null}: none)
     */
    public record FieldChange(
            String field, @Nullable String from, @Nullable String to) {
        public FieldChange {
            Objects.requireNonNull(field, "field");
        }
    }

    /** A model that changes, with its position in the file. */
    public record ModelChange(String modelId, int index, List<FieldChange> changes) {
        public ModelChange {
            Objects.requireNonNull(modelId, "modelId");
            changes = List.copyOf(changes);
        }
    }

    /** How a rule changes at its position. */
    public enum RuleChangeKind {
        ADDED,
        REMOVED,
        CHANGED
    }

    /** The rule at {@code index}: the rule now ({@code null} when added) and the file's ({@code null} when removed). */
    public record RuleChange(
            int index,
            RuleChangeKind kind,
            @Nullable CatalogRule from,
            @Nullable CatalogRule to) {
        public RuleChange {
            Objects.requireNonNull(kind, "kind");
        }
    }

    /** A tier's default model: now, and the file's ({@code null}: none). */
    public record TierDefaultChange(
            Tier tier, @Nullable String from, @Nullable String to) {
        public TierDefaultChange {
            Objects.requireNonNull(tier, "tier");
        }
    }
}
