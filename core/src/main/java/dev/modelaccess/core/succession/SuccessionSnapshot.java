package dev.modelaccess.core.succession;

import dev.modelaccess.core.catalog.Tier;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/** Every successor and every tier default at one moment. Immutable. */
public final class SuccessionSnapshot {

    private final Map<String, Successor> successors;
    private final Map<Tier, TierDefault> tierDefaults;
    private final Instant loadedAt;

    private SuccessionSnapshot(
            Collection<Successor> successors, Collection<TierDefault> tierDefaults, Instant loadedAt) {
        Map<String, Successor> byModel = new HashMap<>();
        successors.forEach(successor -> byModel.put(successor.modelId(), successor));
        Map<Tier, TierDefault> byTier = new EnumMap<>(Tier.class);
        tierDefaults.forEach(tierDefault -> byTier.put(tierDefault.tier(), tierDefault));
        this.successors = Map.copyOf(byModel);
        this.tierDefaults = java.util.Collections.unmodifiableMap(byTier);
        this.loadedAt = Objects.requireNonNull(loadedAt, "loadedAt");
    }

    public static SuccessionSnapshot of(
            Collection<Successor> successors, Collection<TierDefault> tierDefaults, Instant loadedAt) {
        return new SuccessionSnapshot(successors, tierDefaults, loadedAt);
    }

    /** No successor and no tier default. */
    public static SuccessionSnapshot empty(Instant loadedAt) {
        return new SuccessionSnapshot(List.of(), List.of(), loadedAt);
    }

    public Optional<Successor> successor(String modelId) {
        return Optional.ofNullable(successors.get(modelId));
    }

    /**
     * The successors of {@code modelId}, nearest first: its successor, that one's successor, and so on. Ends before a
     * model would repeat, so a cycle (which the admin API refuses, but plain SQL could write) cannot loop.
     */
    public List<String> chainFrom(String modelId) {
        List<String> chain = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        seen.add(modelId);
        for (Successor next = successors.get(modelId);
                next != null && seen.add(next.successorId());
                next = successors.get(next.successorId())) {
            chain.add(next.successorId());
        }
        return chain;
    }

    /** Every successor, in no particular order. */
    public Collection<Successor> successors() {
        return successors.values();
    }

    public Optional<TierDefault> tierDefault(Tier tier) {
        return Optional.ofNullable(tierDefaults.get(tier));
    }

    /** The tier defaults that are set, in tier order. */
    public Collection<TierDefault> tierDefaults() {
        return tierDefaults.values();
    }

    public Instant loadedAt() {
        return loadedAt;
    }
}
