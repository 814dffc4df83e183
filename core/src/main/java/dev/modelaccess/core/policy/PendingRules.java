package dev.modelaccess.core.policy;

import dev.modelaccess.core.access.AdminUpdate;
import dev.modelaccess.core.catalog.CatalogModel;
import dev.modelaccess.core.catalog.ModelStatus;
import dev.modelaccess.core.catalog.TierFlags;
import dev.modelaccess.core.port.CatalogWriter;
import dev.modelaccess.core.port.StoreTransaction;
import dev.modelaccess.core.sync.ModelEvent;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * "Apply the rules to the models still pending": the saved rules decide the models that are {@code new} with every
 * tier off (a model an admin already gave a tier is left alone), in one transaction, each decision written and
 * recorded as the sync's are ({@code rule:<name>}). A dry run decides the same and writes nothing.
 */
public final class PendingRules {

    private final CatalogWriter store;
    private final Supplier<RuleSet> rules;
    private final Clock clock;

    public PendingRules(CatalogWriter store, Supplier<RuleSet> rules, Clock clock) {
        this.store = Objects.requireNonNull(store, "store");
        this.rules = Objects.requireNonNull(rules, "rules");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** What was (or, in a dry run, would be) decided: the rule of each matched model, and how many were pending. */
    public record Applied(boolean dryRun, int pending, List<RuleDecision> decisions) {

        public Applied {
            decisions = List.copyOf(decisions);
        }
    }

    public Applied apply(boolean dryRun) {
        RuleSet current = rules.get();
        return store.inTransaction(tx -> apply(tx, current, dryRun));
    }

    private Applied apply(StoreTransaction tx, RuleSet current, boolean dryRun) {
        List<CatalogModel> pending = tx.loadCatalog().stream()
                .filter(model ->
                        model.status() == ModelStatus.NEW && model.tiers().equals(TierFlags.NONE))
                .sorted(Comparator.comparing(CatalogModel::modelId))
                .toList();
        List<RuleDecision> decisions =
                current.decide(pending.stream().map(CatalogModel::upstream).toList());
        if (dryRun || decisions.isEmpty()) {
            return new Applied(dryRun, pending.size(), decisions);
        }
        Instant at = clock.instant();
        List<AdminUpdate> updates = new ArrayList<>();
        List<ModelEvent> events = new ArrayList<>();
        List<RuleDecision> applied = new ArrayList<>();
        for (RuleDecision decision : decisions) {
            // Locked and read again: an admin (or a sync) may have decided it since the catalog was loaded.
            CatalogModel row = tx.lockModel(decision.modelId()).orElse(null);
            if (row == null || row.status() != ModelStatus.NEW || !row.tiers().equals(TierFlags.NONE)) {
                continue;
            }
            decision.collect(at, updates, events);
            applied.add(decision);
        }
        if (!updates.isEmpty()) {
            tx.applyAdminUpdates(updates, at);
        }
        if (!events.isEmpty()) {
            tx.appendEvents(events);
        }
        return new Applied(false, pending.size(), applied);
    }
}
