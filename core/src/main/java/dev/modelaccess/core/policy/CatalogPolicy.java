package dev.modelaccess.core.policy;

import dev.modelaccess.core.access.AdminUpdate;
import dev.modelaccess.core.catalog.CatalogModel;
import dev.modelaccess.core.catalog.Tier;
import dev.modelaccess.core.catalog.UpstreamModel;
import dev.modelaccess.core.port.StoreTransaction;
import dev.modelaccess.core.sync.EventKind;
import dev.modelaccess.core.sync.ModelEvent;
import dev.modelaccess.core.sync.SyncPlan;
import dev.modelaccess.core.sync.SyncPolicy;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The admin's policy, run by the sync in its apply transaction ({@link SyncPolicy}):
 *
 * <ol>
 *   <li>The catalog rules decide the models the run <em>added</em>, and only those: a model already in the catalog,
 *       whatever its status, is never touched, so a rule never overrides an admin. Each decision is written like an
 *       admin's, its events named {@code rule:<name>}.
 *   <li>Price holds on the {@code active} models whose price the run refreshed ({@link PriceHolds}): the hold is
 *       placed with a {@code price_hold} event holding the reason and the old and new prompt and completion
 *       prices; a free model that became paid also leaves the free tier at once ({@code tiers_changed} by {@code
 *       sync}), while paying tiers keep it, flagged.
 * </ol>
 */
public final class CatalogPolicy implements SyncPolicy {

    private static final Logger LOG = LoggerFactory.getLogger(CatalogPolicy.class);

    private final Supplier<RuleSet> rules;
    private final PriceHolds priceHolds;

    /** @param rules the current rules, e.g. a {@link CatalogRuleCache} */
    public CatalogPolicy(Supplier<RuleSet> rules, PriceHolds priceHolds) {
        this.rules = Objects.requireNonNull(rules, "rules");
        this.priceHolds = Objects.requireNonNull(priceHolds, "priceHolds");
    }

    @Override
    public Set<String> afterPlan(StoreTransaction tx, List<CatalogModel> before, SyncPlan plan, Instant at) {
        List<AdminUpdate> updates = new ArrayList<>();
        List<ModelEvent> events = new ArrayList<>();
        List<RuleDecision> decisions = decideAdded(plan, at, updates, events);
        int decided = decisions.size();
        List<ReviewHold> holds = holds(before, plan, at, updates, events);
        if (!updates.isEmpty()) {
            tx.applyAdminUpdates(updates, at);
        }
        if (!holds.isEmpty()) {
            tx.placeReviewHolds(holds);
        }
        if (!events.isEmpty()) {
            tx.appendEvents(events);
        }
        if (decided > 0 || !holds.isEmpty()) {
            LOG.info(
                    "Catalog policy: the rules decided {} of {} added models; {} price holds placed",
                    decided,
                    plan.added().size(),
                    holds.size());
        }
        Set<String> settled = new HashSet<>();
        for (RuleDecision decision : decisions) {
            if (decision.update(at).isPresent()) {
                settled.add(decision.modelId());
            }
        }
        return settled;
    }

    /** Decides the added models by the rules; returns the decisions of the rules that matched. */
    private List<RuleDecision> decideAdded(
            SyncPlan plan, Instant at, List<AdminUpdate> updates, List<ModelEvent> events) {
        if (plan.added().isEmpty()) {
            return List.of();
        }
        RuleSet current = rules.get();
        if (current.isEmpty()) {
            return List.of();
        }
        List<UpstreamModel> added =
                plan.added().stream().map(SyncPlan.Upsert::model).toList();
        List<RuleDecision> decisions = current.decide(added);
        for (RuleDecision decision : decisions) {
            decision.collect(at, updates, events);
        }
        return decisions;
    }

    private List<ReviewHold> holds(
            List<CatalogModel> before, SyncPlan plan, Instant at, List<AdminUpdate> updates, List<ModelEvent> events) {
        if (plan.refreshed().isEmpty()) {
            return List.of();
        }
        Map<String, CatalogModel> byId = new HashMap<>(before.size() * 2);
        for (CatalogModel model : before) {
            byId.put(model.modelId(), model);
        }
        List<ReviewHold> holds = new ArrayList<>();
        for (SyncPlan.Refresh refresh : plan.refreshed()) {
            if (!refresh.priceChanged()) {
                continue;
            }
            UpstreamModel now = refresh.upsert().model();
            CatalogModel was = byId.get(now.id());
            if (was == null) {
                continue;
            }
            Optional<ReviewHold> hold = priceHolds.find(was, now, at);
            if (hold.isEmpty()) {
                continue;
            }
            holds.add(hold.get());
            events.add(ModelEvent.of(
                    now.id(),
                    EventKind.PRICE_HOLD,
                    prices(hold.get(), true),
                    prices(hold.get(), false),
                    ModelEvent.SYNC_ACTOR,
                    at));
            if (hold.get().reason() == ReviewHold.HoldReason.BECAME_PAID
                    && was.tiers().free()) {
                var tiers = was.tiers().with(Tier.FREE, false);
                ModelEvent leftFree = ModelEvent.of(
                        now.id(),
                        EventKind.TIERS_CHANGED,
                        RuleDecision.flags(was.tiers()),
                        RuleDecision.flags(tiers),
                        ModelEvent.SYNC_ACTOR,
                        at);
                updates.add(new AdminUpdate(
                        now.id(), was.status(), false, tiers, ModelEvent.SYNC_ACTOR, List.of(leftFree)));
                events.add(leftFree);
            }
        }
        return holds;
    }

    /** The event's values: the reason, then the prompt and completion prices in USD per million tokens. */
    private static Map<String, String> prices(ReviewHold hold, boolean old) {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("reason", hold.reason().dbValue());
        put(values, "prompt_per_million", old ? hold.oldPrompt() : hold.newPrompt());
        put(values, "completion_per_million", old ? hold.oldCompletion() : hold.newCompletion());
        return values;
    }

    private static void put(Map<String, String> values, String key, @Nullable BigDecimal perToken) {
        BigDecimal perMillion = RuleMatch.perMillion(perToken);
        values.put(key, perMillion == null ? "0" : perMillion.toPlainString());
    }
}
