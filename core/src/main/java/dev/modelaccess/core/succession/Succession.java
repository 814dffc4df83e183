package dev.modelaccess.core.succession;

import dev.modelaccess.core.ModelNotFoundException;
import dev.modelaccess.core.access.TierPolicy;
import dev.modelaccess.core.catalog.CatalogModel;
import dev.modelaccess.core.catalog.ModelStatus;
import dev.modelaccess.core.catalog.Tier;
import dev.modelaccess.core.internal.Messages;
import dev.modelaccess.core.port.ModelReferences;
import dev.modelaccess.core.port.SuccessionStore;
import dev.modelaccess.core.port.SuccessionTransaction;
import dev.modelaccess.core.sync.EventKind;
import dev.modelaccess.core.sync.ModelEvent;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Successors and tier defaults: the admin's decisions, checked, and the moves they cause.
 *
 * <p>A successor must be in the catalog, must not be retired itself ({@code inactive} or {@code disabled}), must be
 * usable by every tier whose flag the old model has, and must not close a cycle; anything else is refused with a
 * {@link SuccessionRejectedException} naming the field, and nothing is written.
 *
 * <p>When a model with a successor is retired (by the sync or an admin), or a successor is named for a model that is
 * retired already, the model is <em>carried over</em>: every {@link ModelReferences} (users' defaults, the host's
 * resources) is repointed at the nearest successor in the chain that is not retired, the move is recorded on the
 * model ({@code carried_over_at}) and as a {@code carried_over} event with the counts, all in one transaction. A
 * model that comes back and retires again is carried over again. Until the move has run, {@link
 * dev.modelaccess.core.access.ModelAccessService} already offers the successor as the default.
 */
public final class Succession {

    private static final Logger log = LoggerFactory.getLogger(Succession.class);

    private final SuccessionStore store;
    private final List<ModelReferences> references;
    private final TierPolicy policy;
    private final Clock clock;

    /** @param references what moves with a carried-over model, in the order given */
    public Succession(SuccessionStore store, List<ModelReferences> references, TierPolicy policy, Clock clock) {
        this.store = Objects.requireNonNull(store, "store");
        this.references = List.copyOf(references);
        this.policy = Objects.requireNonNull(policy, "policy");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Names the successor of a model, and carries the model over at once when it is retired.
     *
     * @return the move, when one ran
     * @throws ModelNotFoundException when {@code modelId} is not in the catalog
     * @throws SuccessionRejectedException (field {@code successor}) when the successor is unknown, retired, not usable
     *     by one of the model's tiers or closes a cycle
     */
    public Optional<CarryOver> nameSuccessor(String modelId, String successorId, String actor) {
        Objects.requireNonNull(modelId, "modelId");
        Objects.requireNonNull(actor, "actor");
        if (successorId == null || successorId.isBlank()) {
            throw new SuccessionRejectedException("successor", "give the id of the model that takes over");
        }
        return store.inSuccessionTransaction(tx -> nameSuccessor(tx, modelId, successorId, actor));
    }

    /**
     * {@link #nameSuccessor(String, String, String)} inside the caller's transaction (a catalog import's, say): the
     * same checks against what {@code tx} sees, the same writes and event, and the carry-over at once when the model
     * is retired.
     */
    public Optional<CarryOver> nameSuccessor(
            SuccessionTransaction tx, String modelId, String successorId, String actor) {
        Objects.requireNonNull(modelId, "modelId");
        Objects.requireNonNull(actor, "actor");
        if (successorId == null || successorId.isBlank()) {
            throw new SuccessionRejectedException("successor", "give the id of the model that takes over");
        }
        CatalogModel model = tx.lockModel(modelId).orElseThrow(() -> new ModelNotFoundException(modelId));
        if (successorId.equals(modelId)) {
            throw new SuccessionRejectedException("successor", "a model cannot succeed itself");
        }
        CatalogModel successor = tx.lockModel(successorId)
                .orElseThrow(() -> new SuccessionRejectedException(
                        "successor", "there is no model '" + Messages.abbreviate(successorId) + "' in the catalog"));
        if (retired(successor)) {
            throw new SuccessionRejectedException(
                    "successor",
                    "'" + Messages.abbreviate(successorId) + "' is "
                            + successor.status().dbValue() + " itself; name a model that is not retired");
        }
        for (Tier tier : Tier.values()) {
            if (model.tiers().allows(tier) && !policy.allows(successor.accessRule(), tier)) {
                throw new SuccessionRejectedException(
                        "successor",
                        "'" + Messages.abbreviate(successorId) + "' is not usable by the " + tier.dbValue()
                                + " tier, which uses '" + Messages.abbreviate(modelId) + "'");
            }
        }
        SuccessionSnapshot current = tx.loadSuccession();
        if (current.chainFrom(successorId).contains(modelId)) {
            throw new SuccessionRejectedException(
                    "successor",
                    "'" + Messages.abbreviate(successorId) + "' is succeeded by '" + Messages.abbreviate(modelId)
                            + "' already (directly or through others): that would be a cycle");
        }
        Optional<Successor> previous = current.successor(modelId);
        Instant now = clock.instant();
        if (previous.isEmpty() || !previous.get().successorId().equals(successorId)) {
            tx.saveSuccessor(new Successor(modelId, successorId, actor, now, null));
            tx.appendEvents(List.of(ModelEvent.of(
                    modelId,
                    EventKind.SUCCESSOR_CHANGED,
                    previous.map(p -> Map.of("successor", p.successorId())).orElse(Map.of()),
                    Map.of("successor", successorId),
                    actor,
                    now)));
        }
        return retired(model) ? carryOver(tx, model, actor) : Optional.<CarryOver>empty();
    }

    /**
     * Removes the successor of a model (users and resources already moved stay where they are).
     *
     * @return whether it had one
     * @throws ModelNotFoundException when {@code modelId} is not in the catalog
     */
    public boolean removeSuccessor(String modelId, String actor) {
        return store.inSuccessionTransaction(tx -> removeSuccessor(tx, modelId, actor));
    }

    /** {@link #removeSuccessor(String, String)} inside the caller's transaction. */
    public boolean removeSuccessor(SuccessionTransaction tx, String modelId, String actor) {
        tx.lockModel(modelId).orElseThrow(() -> new ModelNotFoundException(modelId));
        Optional<Successor> previous = tx.loadSuccession().successor(modelId);
        if (previous.isEmpty() || !tx.deleteSuccessor(modelId)) {
            return false;
        }
        tx.appendEvents(List.of(ModelEvent.of(
                modelId,
                EventKind.SUCCESSOR_CHANGED,
                Map.of("successor", previous.get().successorId()),
                Map.of(),
                actor,
                clock.instant())));
        return true;
    }

    /**
     * Carries over every retired model with a successor that was not carried over since it retired, each in a
     * transaction of its own. Call it after every sync and every admin status change; a model whose move fails is
     * logged and left for the next call.
     *
     * @return the moves that ran
     */
    public List<CarryOver> carryOverPending(String actor) {
        List<CarryOver> done = new ArrayList<>();
        for (Successor successor : store.loadSuccession().successors()) {
            try {
                store.inSuccessionTransaction(tx -> carryOverIfDue(tx, successor.modelId(), actor))
                        .ifPresent(done::add);
            } catch (RuntimeException e) {
                log.warn(
                        "Could not carry model '{}' over to its successor; trying again after the next change: {}",
                        Messages.abbreviate(successor.modelId()),
                        e.getMessage(),
                        e);
            }
        }
        return done;
    }

    /**
     * Makes a model the default of a tier's users who have no usable default of their own.
     *
     * @throws SuccessionRejectedException (field {@code model}) when the model is unknown or the tier may not use it
     */
    public TierDefault setTierDefault(Tier tier, String modelId, String actor) {
        Objects.requireNonNull(tier, "tier");
        if (modelId == null || modelId.isBlank()) {
            throw new SuccessionRejectedException("model", "give the id of the tier's default model");
        }
        return store.inSuccessionTransaction(tx -> setTierDefault(tx, tier, modelId, actor));
    }

    /** {@link #setTierDefault(Tier, String, String)} inside the caller's transaction. */
    public TierDefault setTierDefault(SuccessionTransaction tx, Tier tier, String modelId, String actor) {
        Objects.requireNonNull(tier, "tier");
        if (modelId == null || modelId.isBlank()) {
            throw new SuccessionRejectedException("model", "give the id of the tier's default model");
        }
        CatalogModel model = tx.lockModel(modelId)
                .orElseThrow(() -> new SuccessionRejectedException(
                        "model", "there is no model '" + Messages.abbreviate(modelId) + "' in the catalog"));
        if (!policy.allows(model.accessRule(), tier)) {
            throw new SuccessionRejectedException(
                    "model",
                    "'" + Messages.abbreviate(modelId) + "' is not usable by the " + tier.dbValue()
                            + " tier (it must be active with the tier's flag on)");
        }
        Instant now = clock.instant();
        Optional<TierDefault> previous = tx.loadSuccession().tierDefault(tier);
        TierDefault set = new TierDefault(tier, modelId, actor, now);
        if (previous.isPresent() && previous.get().modelId().equals(modelId)) {
            return previous.get();
        }
        tx.saveTierDefault(set);
        tx.appendEvents(tierDefaultEvents(tier, previous, Optional.of(modelId), actor, now));
        return set;
    }

    /** Removes the default model of a tier; whether it had one. */
    public boolean clearTierDefault(Tier tier, String actor) {
        return store.inSuccessionTransaction(tx -> clearTierDefault(tx, tier, actor));
    }

    /** {@link #clearTierDefault(Tier, String)} inside the caller's transaction. */
    public boolean clearTierDefault(SuccessionTransaction tx, Tier tier, String actor) {
        Optional<TierDefault> previous = tx.loadSuccession().tierDefault(tier);
        if (previous.isEmpty() || !tx.deleteTierDefault(tier)) {
            return false;
        }
        tx.appendEvents(tierDefaultEvents(tier, previous, Optional.empty(), actor, clock.instant()));
        return true;
    }

    private Optional<CarryOver> carryOverIfDue(SuccessionTransaction tx, String modelId, String actor) {
        Optional<CatalogModel> model = tx.lockModel(modelId);
        Optional<Successor> successor = tx.loadSuccession().successor(modelId);
        if (model.isEmpty() || successor.isEmpty() || !retired(model.get())) {
            return Optional.empty();
        }
        Instant carried = successor.get().carriedOverAt();
        if (carried != null && !carried.isBefore(model.get().statusChangedAt())) {
            return Optional.empty();
        }
        return carryOver(tx, model.get(), actor);
    }

    /** Moves every reference to the nearest successor that is not retired; nothing when there is none. */
    private Optional<CarryOver> carryOver(SuccessionTransaction tx, CatalogModel model, String actor) {
        Optional<String> target = Optional.empty();
        for (String candidate : tx.loadSuccession().chainFrom(model.modelId())) {
            Optional<CatalogModel> next = tx.lockModel(candidate);
            if (next.isPresent() && !retired(next.get())) {
                target = Optional.of(candidate);
                break;
            }
        }
        if (target.isEmpty()) {
            log.info(
                    "Model '{}' retired, but every successor in its chain is retired too: nothing moved",
                    Messages.abbreviate(model.modelId()));
            return Optional.empty();
        }
        Map<String, Long> moved = new LinkedHashMap<>();
        for (ModelReferences reference : references) {
            moved.merge(reference.name(), reference.repoint(model.modelId(), target.get()), Long::sum);
        }
        Instant now = clock.instant();
        tx.markCarriedOver(model.modelId(), now);
        Map<String, String> after = new LinkedHashMap<>();
        after.put("successor", target.get());
        moved.forEach((name, count) -> after.put(name, Long.toString(count)));
        tx.appendEvents(List.of(ModelEvent.of(model.modelId(), EventKind.CARRIED_OVER, Map.of(), after, actor, now)));
        CarryOver carryOver = new CarryOver(model.modelId(), target.get(), moved);
        log.info("Carried model '{}' over to '{}': {}", model.modelId(), target.get(), moved);
        return Optional.of(carryOver);
    }

    private static List<ModelEvent> tierDefaultEvents(
            Tier tier, Optional<TierDefault> previous, Optional<String> next, String actor, Instant at) {
        List<ModelEvent> events = new ArrayList<>();
        previous.ifPresent(old -> events.add(ModelEvent.of(
                old.modelId(),
                EventKind.TIER_DEFAULT_CHANGED,
                Map.of("tier_default", tier.dbValue()),
                Map.of(),
                actor,
                at)));
        next.ifPresent(modelId -> events.add(ModelEvent.of(
                modelId, EventKind.TIER_DEFAULT_CHANGED, Map.of(), Map.of("tier_default", tier.dbValue()), actor, at)));
        return events;
    }

    static boolean retired(CatalogModel model) {
        return model.status() == ModelStatus.INACTIVE || model.status() == ModelStatus.DISABLED;
    }
}
