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

    /** The event every decision leaves: the status change, or for {@code review} a {@code left_for_review}. */
    public List<ModelEvent> events(Instant at) {
        return update(at).map(AdminUpdate::events).orElseGet(() -> List.of(reviewEvent(at)));
    }

    private ModelEvent reviewEvent(Instant at) {
        return ModelEvent.of(
                modelId, EventKind.LEFT_FOR_REVIEW, Map.of(), Map.of("rule", rule.name()), rule.actor(), at);
    }

    private ModelEvent statusEvent(ModelStatus to, String actor, Instant at) {
        return ModelEvent.of(
                modelId,
                EventKind.STATUS_CHANGED,
                Map.of("status", ModelStatus.NEW.dbValue()),
                Map.of("status", to.dbValue()),
                actor,
                at);
    }

    static Map<String, String> flags(TierFlags flags) {
        return Map.of(
                "is_free", Boolean.toString(flags.free()),
                "is_pro", Boolean.toString(flags.pro()),
                "is_enterprise", Boolean.toString(flags.enterprise()));
    }
}
