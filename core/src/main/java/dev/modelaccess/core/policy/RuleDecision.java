package dev.modelaccess.core.policy;

import dev.modelaccess.core.access.AdminUpdate;
import dev.modelaccess.core.catalog.ModelStatus;
import dev.modelaccess.core.catalog.TierFlags;
import dev.modelaccess.core.sync.EventKind;
import dev.modelaccess.core.sync.ModelEvent;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The rule that decides one {@code new} model. */
public record RuleDecision(String modelId, CatalogRule rule) {

    /**
     * The write this decision makes to a model that is {@code new} with every tier off, and its events named {@code
     * rule:<name>}: {@code approve} → {@code status_changed} and (when a tier is on) {@code tiers_changed}; {@code
     * disable} → {@code status_changed}; {@code review} → no write, only a {@code left_for_review} event (see {@link
     * #reviewEvent}).
     */
    public Optional<AdminUpdate> update(Instant at) {
        String actor = rule.actor();
        return switch (rule.action()) {
            case RuleAction.Approve approve -> {
                ModelEvent status = statusEvent(ModelStatus.ACTIVE, actor, at);
                List<ModelEvent> events = approve.tiers().equals(TierFlags.NONE)
                        ? List.of(status)
                        : List.of(
                                status,
                                ModelEvent.of(
                                        modelId,
                                        EventKind.TIERS_CHANGED,
                                        flags(TierFlags.NONE),
                                        flags(approve.tiers()),
                                        actor,
                                        at));
                yield Optional.of(new AdminUpdate(modelId, ModelStatus.ACTIVE, true, approve.tiers(), actor, events));
            }
            case RuleAction.Disable ignored ->
                Optional.of(new AdminUpdate(
                        modelId,
                        ModelStatus.DISABLED,
                        true,
                        TierFlags.NONE,
                        actor,
                        List.of(statusEvent(ModelStatus.DISABLED, actor, at))));
            case RuleAction.Review ignored -> Optional.empty();
        };
    }

    /** The events every decision leaves: those of its {@link #update}, or for {@code review} a {@code left_for_review}. */
    public List<ModelEvent> events(Instant at) {
        return update(at).map(AdminUpdate::events).orElseGet(() -> List.of(reviewEvent(at)));
    }

    /**
     * Adds this decision's write (if any) to {@code updates} and its events to {@code events}, computing them once
     * (the sync decides tens of thousands of models at a time).
     */
    void collect(Instant at, List<AdminUpdate> updates, List<ModelEvent> events) {
        Optional<AdminUpdate> update = update(at);
        if (update.isPresent()) {
            updates.add(update.get());
            events.addAll(update.get().events());
        } else {
            events.add(reviewEvent(at));
        }
    }

    ModelEvent reviewEvent(Instant at) {
        return new ModelEvent(modelId, EventKind.LEFT_FOR_REVIEW, NOTHING, ruleMap(), rule.actor(), at);
    }

    private java.util.SortedMap<String, String> ruleMap() {
        java.util.TreeMap<String, String> map = new java.util.TreeMap<>();
        map.put("rule", rule.name());
        return map;
    }

    private ModelEvent statusEvent(ModelStatus to, String actor, Instant at) {
        return new ModelEvent(
                modelId,
                EventKind.STATUS_CHANGED,
                STATUS_NEW,
                to == ModelStatus.ACTIVE ? STATUS_ACTIVE : STATUS_DISABLED,
                actor,
                at);
    }

    private static final java.util.SortedMap<String, String> NOTHING =
            java.util.Collections.unmodifiableSortedMap(new java.util.TreeMap<>());
    private static final java.util.SortedMap<String, String> STATUS_NEW = status(ModelStatus.NEW);
    private static final java.util.SortedMap<String, String> STATUS_ACTIVE = status(ModelStatus.ACTIVE);
    private static final java.util.SortedMap<String, String> STATUS_DISABLED = status(ModelStatus.DISABLED);

    private static java.util.SortedMap<String, String> status(ModelStatus status) {
        return java.util.Collections.unmodifiableSortedMap(new java.util.TreeMap<>(Map.of("status", status.dbValue())));
    }

    static Map<String, String> flags(TierFlags flags) {
        return Map.of(
                "is_free", Boolean.toString(flags.free()),
                "is_pro", Boolean.toString(flags.pro()),
                "is_enterprise", Boolean.toString(flags.enterprise()));
    }
}
