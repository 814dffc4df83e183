package dev.modelaccess.core.decisions;

import dev.modelaccess.core.LifecycleViolationException;
import dev.modelaccess.core.access.AdminChange;
import dev.modelaccess.core.access.AdminLifecycle;
import dev.modelaccess.core.access.AdminUpdate;
import dev.modelaccess.core.catalog.CatalogModel;
import dev.modelaccess.core.catalog.ModelIds;
import dev.modelaccess.core.catalog.Tier;
import dev.modelaccess.core.decisions.ImportRejectedException.Reason;
import dev.modelaccess.core.decisions.ImportReport.FieldChange;
import dev.modelaccess.core.decisions.ImportReport.ModelChange;
import dev.modelaccess.core.decisions.ImportReport.RuleChange;
import dev.modelaccess.core.decisions.ImportReport.RuleChangeKind;
import dev.modelaccess.core.decisions.ImportReport.TierDefaultChange;
import dev.modelaccess.core.internal.Messages;
import dev.modelaccess.core.policy.CatalogRule;
import dev.modelaccess.core.policy.RuleMatch;
import dev.modelaccess.core.policy.RuleSet;
import dev.modelaccess.core.port.DecisionStore;
import dev.modelaccess.core.port.DecisionTransaction;
import dev.modelaccess.core.succession.Succession;
import dev.modelaccess.core.succession.SuccessionRejectedException;
import dev.modelaccess.core.succession.SuccessionSnapshot;
import dev.modelaccess.core.succession.TierDefault;
import dev.modelaccess.core.sync.ModelEvent;
import java.math.BigDecimal;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The catalog as code: exports every admin decision as one {@link CatalogDecisions} and imports one, from → to.
 *
 * <p>An import goes through the decision paths the admin API uses, in one transaction, in this order:
 *
 * <ol>
 *   <li>the models' status and tier flags, each decided by {@link AdminLifecycle} on the locked row (a change to
 *       {@code new} or {@code inactive}, or of an inactive model, is refused);
 *   <li>the successors the file removes, then those it names ({@link Succession}'s checks against the models as the
 *       first step left them: known, not retired, usable by the model's tiers, no cycle; a model retired already is
 *       carried over at once);
 *   <li>the tier defaults ({@link Succession}'s checks: known and usable by the tier);
 *   <li>the rules, replaced as a whole when any differs.
 * </ol>
 *
 * Every change is recorded as the admin API records it, by {@value #ACTOR}. One entry refused ({@link
 * ImportRejectedException} naming it) and nothing is written. Models in the file that the catalog does not hold are
 * reported and never created; models the catalog holds that the file does not list are left as they are. A model or
 * a value already as the file says is not written: importing the export of the same catalog writes no row.
 *
 * <p>A dry run goes through the very same steps and checks in a transaction that is rolled back, so it answers what
 * the import would do, refusals included, and keeps nothing.
 *
 * <p>The work grows with the number of models, never with its square: the decisions are read in one narrow query and
 * compared through a hash map, the changed models are locked in one statement and written in one.
 */
public final class CatalogAsCode {

    /** The actor an import's changes are recorded under. */
    public static final String ACTOR = "import";

    private final DecisionStore store;
    private final Succession succession;
    private final AdminLifecycle lifecycle;
    private final Clock clock;

    public CatalogAsCode(DecisionStore store, Succession succession, Clock clock) {
        this.store = Objects.requireNonNull(store, "store");
        this.succession = Objects.requireNonNull(succession, "succession");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.lifecycle = new AdminLifecycle(clock);
    }

    /** Every decision: the models ordered by id (as Java orders strings, whatever the database's collation). */
    public CatalogDecisions export() {
        return store.inDecisionTransaction(tx -> {
            List<ModelDecision> models = new ArrayList<>(tx.loadDecisions());
            models.sort(Comparator.comparing(ModelDecision::modelId));
            Map<Tier, String> defaults = new EnumMap<>(Tier.class);
            for (TierDefault tierDefault : tx.loadSuccession().tierDefaults()) {
                defaults.put(tierDefault.tier(), tierDefault.modelId());
            }
            return new CatalogDecisions(models, tx.loadRules(), defaults);
        });
    }

    /**
     * Imports {@code file}: writes its differences from the catalog, all or nothing, or (dry run) only tells them.
     *
     * @throws ImportRejectedException naming the entry of the file that cannot be applied; nothing is written
     */
    public ImportReport importDecisions(CatalogDecisions file, boolean dryRun) {
        Objects.requireNonNull(file, "file");
        validate(file);
        if (dryRun) {
            return store.inRolledBackTransaction(tx -> apply(new CountingTransaction(tx), file, true));
        }
        return store.inDecisionTransaction(tx -> apply(new CountingTransaction(tx), file, false));
    }

    private ImportReport apply(CountingTransaction tx, CatalogDecisions file, boolean dryRun) {
        Map<String, ModelDecision> current = new HashMap<>();
        for (ModelDecision decision : tx.loadDecisions()) {
            current.put(decision.modelId(), decision);
        }
        List<ModelChange> changes = new ArrayList<>();
        List<String> unknown = new ArrayList<>();
        int unchanged = 0;
        for (int i = 0; i < file.models().size(); i++) {
            ModelDecision wanted = file.models().get(i);
            ModelDecision now = current.get(wanted.modelId());
            if (now == null) {
                unknown.add(wanted.modelId());
                continue;
            }
            List<FieldChange> fields = differences(now, wanted);
            if (fields.isEmpty()) {
                unchanged++;
            } else {
                changes.add(new ModelChange(wanted.modelId(), i, fields));
            }
        }
        writeModels(tx, file, changes, current);
        writeSuccessors(tx, file, changes, current);
        List<TierDefaultChange> tierDefaults = writeTierDefaults(tx, file);
        List<RuleChange> rules = writeRules(tx, file);
        return new ImportReport(
                dryRun, !dryRun, dryRun ? 0 : tx.rows(), changes, rules, tierDefaults, unknown, unchanged);
    }

    /** Status and tier flags: the changed rows locked in one statement, decided, and written in one. */
    private void writeModels(
            DecisionTransaction tx,
            CatalogDecisions file,
            List<ModelChange> changes,
            Map<String, ModelDecision> current) {
        Map<String, ModelChange> byId = new HashMap<>();
        for (ModelChange change : changes) {
            if (change.changes().stream().anyMatch(field -> !field.field().equals("successor"))) {
                byId.put(change.modelId(), change);
            }
        }
        if (byId.isEmpty()) {
            return;
        }
        List<AdminUpdate> updates = new ArrayList<>();
        List<ModelEvent> events = new ArrayList<>();
        for (CatalogModel row : tx.lockModels(byId.keySet())) {
            ModelChange change = byId.get(row.modelId());
            ModelDecision wanted = file.models().get(change.index());
            ModelDecision read = current.get(row.modelId());
            AdminChange asked = new AdminChange(
                    row.modelId(),
                    wanted.status() == read.status() ? null : wanted.status(),
                    wanted.tiers().free(),
                    wanted.tiers().pro(),
                    wanted.tiers().enterprise());
            try {
                AdminUpdate update = lifecycle.decide(row, asked, ACTOR);
                if (!update.changesNothing()) {
                    updates.add(update);
                    events.addAll(update.events());
                }
            } catch (LifecycleViolationException e) {
                throw new ImportRejectedException(
                        Reason.LIFECYCLE, "models[" + change.index() + "].status", row.modelId(), e.getMessage());
            }
        }
        if (!updates.isEmpty()) {
            tx.applyAdminUpdates(updates, clock.instant());
            tx.appendEvents(events);
        }
    }

    /** Removals first, so that a file that turns a chain around does not meet its own old links as a cycle. */
    private void writeSuccessors(
            DecisionTransaction tx,
            CatalogDecisions file,
            List<ModelChange> changes,
            Map<String, ModelDecision> current) {
        List<ModelChange> named = new ArrayList<>();
        for (ModelChange change : changes) {
            if (change.changes().stream().noneMatch(field -> field.field().equals("successor"))) {
                continue;
            }
            ModelDecision wanted = file.models().get(change.index());
            if (wanted.successorId() == null) {
                succession.removeSuccessor(tx, change.modelId(), ACTOR);
            } else {
                named.add(change);
            }
        }
        for (ModelChange change : named) {
            String successor =
                    Objects.requireNonNull(file.models().get(change.index()).successorId());
            if (current.get(change.modelId()).successorId() != null) {
                // Renamed: the old link goes first, like a removal, so that the cycle check sees the file's chain.
                succession.removeSuccessor(tx, change.modelId(), ACTOR);
            }
            try {
                succession.nameSuccessor(tx, change.modelId(), successor, ACTOR);
            } catch (SuccessionRejectedException e) {
                throw new ImportRejectedException(
                        Reason.SUCCESSION,
                        "models[" + change.index() + "].successor",
                        change.modelId(),
                        e.getMessage().substring(e.field().length() + 2));
            }
        }
    }

    private List<TierDefaultChange> writeTierDefaults(DecisionTransaction tx, CatalogDecisions file) {
        Map<Tier, String> wanted = file.tierDefaults();
        if (wanted == null) {
            return List.of();
        }
        SuccessionSnapshot now = tx.loadSuccession();
        List<TierDefaultChange> changes = new ArrayList<>();
        for (Tier tier : Tier.values()) {
            String from = now.tierDefault(tier).map(TierDefault::modelId).orElse(null);
            String to = wanted.get(tier);
            if (Objects.equals(from, to)) {
                continue;
            }
            changes.add(new TierDefaultChange(tier, from, to));
            try {
                if (to == null) {
                    succession.clearTierDefault(tx, tier, ACTOR);
                } else {
                    succession.setTierDefault(tx, tier, to, ACTOR);
                }
            } catch (SuccessionRejectedException e) {
                throw new ImportRejectedException(
                        Reason.SUCCESSION,
                        "tier_defaults." + tier.dbValue(),
                        to,
                        e.getMessage().substring(e.field().length() + 2));
            }
        }
        return changes;
    }

    /** The rules by position; replaced as a whole when one differs. */
    private static List<RuleChange> writeRules(DecisionTransaction tx, CatalogDecisions file) {
        RuleSet wanted = file.rules();
        if (wanted == null) {
            return List.of();
        }
        List<CatalogRule> from = tx.loadRules().rules();
        List<CatalogRule> to = wanted.rules();
        List<RuleChange> changes = new ArrayList<>();
        for (int i = 0; i < Math.max(from.size(), to.size()); i++) {
            CatalogRule old = i < from.size() ? from.get(i) : null;
            CatalogRule next = i < to.size() ? to.get(i) : null;
            if (old == null) {
                changes.add(new RuleChange(i, RuleChangeKind.ADDED, null, next));
            } else if (next == null) {
                changes.add(new RuleChange(i, RuleChangeKind.REMOVED, old, null));
            } else if (!sameRule(old, next)) {
                changes.add(new RuleChange(i, RuleChangeKind.CHANGED, old, next));
            }
        }
        if (!changes.isEmpty()) {
            tx.replaceRules(wanted);
        }
        return changes;
    }

    /** Whether two rules are the same, prices compared as numbers ({@code 5} and {@code 5.00} are one price). */
    static boolean sameRule(CatalogRule a, CatalogRule b) {
        return a.name().equals(b.name())
                && a.action().equals(b.action())
                && normalized(a.match()).equals(normalized(b.match()));
    }

    private static RuleMatch normalized(RuleMatch match) {
        return new RuleMatch(
                match.authors(),
                match.modelId(),
                match.free(),
                match.inputModality(),
                match.outputModality(),
                normalized(match.maxPromptPrice()),
                normalized(match.maxCompletionPrice()),
                match.minContextLength());
    }

    private static @Nullable BigDecimal normalized(@Nullable BigDecimal price) {
        return price == null ? null : price.stripTrailingZeros();
    }

    static List<FieldChange> differences(ModelDecision now, ModelDecision wanted) {
        List<FieldChange> fields = new ArrayList<>(2);
        if (now.status() != wanted.status()) {
            fields.add(new FieldChange(
                    "status", now.status().dbValue(), wanted.status().dbValue()));
        }
        flag(fields, "is_free", now.tiers().free(), wanted.tiers().free());
        flag(fields, "is_pro", now.tiers().pro(), wanted.tiers().pro());
        flag(fields, "is_enterprise", now.tiers().enterprise(), wanted.tiers().enterprise());
        if (!Objects.equals(now.successorId(), wanted.successorId())) {
            fields.add(new FieldChange("successor", now.successorId(), wanted.successorId()));
        }
        return fields;
    }

    private static void flag(List<FieldChange> fields, String name, boolean now, boolean wanted) {
        if (now != wanted) {
            fields.add(new FieldChange(name, Boolean.toString(now), Boolean.toString(wanted)));
        }
    }

    /** A model listed twice, or an id that is no model id, refuses the whole file. */
    static void validate(CatalogDecisions file) {
        Map<String, Integer> seen = new HashMap<>();
        for (int i = 0; i < file.models().size(); i++) {
            ModelDecision decision = file.models().get(i);
            Optional<String> problem = ModelIds.problem(decision.modelId());
            if (problem.isPresent()) {
                throw new ImportRejectedException(
                        Reason.INVALID,
                        "models[" + i + "].id",
                        null,
                        "models[" + i + "].id: the model id " + problem.get());
            }
            Integer first = seen.putIfAbsent(decision.modelId(), i);
            if (first != null) {
                throw new ImportRejectedException(
                        Reason.INVALID,
                        "models[" + i + "].id",
                        decision.modelId(),
                        "model '" + Messages.abbreviate(decision.modelId()) + "' is listed twice (first as models["
                                + first + "])");
            }
            if (decision.successorId() != null) {
                Optional<String> successorProblem = ModelIds.problem(decision.successorId());
                if (successorProblem.isPresent()) {
                    throw new ImportRejectedException(
                            Reason.INVALID,
                            "models[" + i + "].successor",
                            decision.modelId(),
                            "models[" + i + "].successor: the successor's id " + successorProblem.get());
                }
            }
        }
        if (file.tierDefaults() != null) {
            for (Map.Entry<Tier, String> entry : file.tierDefaults().entrySet()) {
                Optional<String> problem = ModelIds.problem(entry.getValue());
                if (problem.isPresent()) {
                    throw new ImportRejectedException(
                            Reason.INVALID,
                            "tier_defaults." + entry.getKey().dbValue(),
                            null,
                            "tier_defaults." + entry.getKey().dbValue() + ": the model id " + problem.get());
                }
            }
        }
    }
}
