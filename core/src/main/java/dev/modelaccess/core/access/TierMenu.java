package dev.modelaccess.core.access;

import dev.modelaccess.core.catalog.Tier;
import dev.modelaccess.core.catalog.UpstreamModel;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The models one tier may use right now: the live list (or, before its first fetch, the stored catalog) kept to
 * the models the {@link TierPolicy} allows for the tier. Immutable; the same instance is handed out until the live
 * list or the rules change, so callers may cache what they derive from it by identity or by {@link #version()}.
 */
public final class TierMenu {

    /** Where a menu's model descriptions came from. */
    public enum Source {
        /** The cached live upstream list. */
        LIVE,
        /** The descriptions stored in the catalog, used until the first successful live fetch. */
        STORED
    }

    private final Tier tier;
    private final List<UpstreamModel> models;
    private final Map<String, UpstreamModel> byId;
    private final String version;
    private final Source source;
    private final Instant asOf;

    TierMenu(Tier tier, List<UpstreamModel> models, String version, Source source, Instant asOf) {
        this.tier = Objects.requireNonNull(tier, "tier");
        this.models = List.copyOf(models);
        Map<String, UpstreamModel> index = new LinkedHashMap<>(models.size() * 2);
        this.models.forEach(model -> index.put(model.id(), model));
        this.byId = java.util.Collections.unmodifiableMap(index);
        this.version = Objects.requireNonNull(version, "version");
        this.source = Objects.requireNonNull(source, "source");
        this.asOf = Objects.requireNonNull(asOf, "asOf");
    }

    public Tier tier() {
        return tier;
    }

    /** The usable models, in upstream order. */
    public List<UpstreamModel> models() {
        return models;
    }

    public boolean contains(String modelId) {
        return byId.containsKey(modelId);
    }

    public Optional<UpstreamModel> find(String modelId) {
        return Optional.ofNullable(byId.get(modelId));
    }

    /**
     * A hash of the tier, the models' ids and their upstream descriptions: equal menus have equal versions on every
     * instance, so it can go into an {@code ETag}.
     */
    public String version() {
        return version;
    }

    /** Where the model descriptions came from. */
    public Source source() {
        return source;
    }

    /** When that list was fetched (live) or loaded (stored). */
    public Instant asOf() {
        return asOf;
    }

    @Override
    public String toString() {
        return "TierMenu[" + tier.dbValue() + ", " + models.size() + " models, " + source + ", version " + version
                + "]";
    }
}
