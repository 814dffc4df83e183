package dev.modelaccess.core.access;

import dev.modelaccess.core.catalog.AccessRule;
import dev.modelaccess.core.catalog.CatalogModel;
import dev.modelaccess.core.catalog.ModelStatus;
import dev.modelaccess.core.catalog.UpstreamModel;
import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The whole stored catalog at one moment: the access rules (status and tier flags) of every model, and the
 * upstream descriptions stored with them, which stand in for the live list until the first successful fetch.
 * Immutable.
 */
public final class RulesSnapshot {

    private static final Comparator<UpstreamModel> NEWEST_FIRST = Comparator.comparing(
                    UpstreamModel::created, Comparator.nullsLast(Comparator.reverseOrder()))
            .thenComparing(UpstreamModel::id);

    private final Map<String, CatalogModel> byModelId;
    private final List<UpstreamModel> storedModels;
    private final Map<ModelStatus, Long> countsByStatus;
    private final Instant loadedAt;

    private RulesSnapshot(Collection<CatalogModel> rows, Instant loadedAt) {
        Map<String, CatalogModel> index = new HashMap<>(rows.size() * 2);
        Map<ModelStatus, Long> counts = new EnumMap<>(ModelStatus.class);
        for (ModelStatus status : ModelStatus.values()) {
            counts.put(status, 0L);
        }
        for (CatalogModel row : rows) {
            index.put(row.modelId(), row);
            counts.merge(row.status(), 1L, Long::sum);
        }
        this.byModelId = Map.copyOf(index);
        this.storedModels = rows.stream()
                .filter(row -> row.status() != ModelStatus.INACTIVE)
                .map(CatalogModel::upstream)
                .sorted(NEWEST_FIRST)
                .toList();
        this.countsByStatus = java.util.Collections.unmodifiableMap(counts);
        this.loadedAt = Objects.requireNonNull(loadedAt, "loadedAt");
    }

    public static RulesSnapshot of(Collection<CatalogModel> rows, Instant loadedAt) {
        return new RulesSnapshot(rows, loadedAt);
    }

    /** A snapshot of an empty catalog. */
    public static RulesSnapshot empty(Instant loadedAt) {
        return new RulesSnapshot(List.of(), loadedAt);
    }

    public Optional<AccessRule> rule(String modelId) {
        CatalogModel row = byModelId.get(modelId);
        return row == null ? Optional.empty() : Optional.of(row.accessRule());
    }

    public Optional<CatalogModel> model(String modelId) {
        return Optional.ofNullable(byModelId.get(modelId));
    }

    /**
     * The stored upstream descriptions of the models still listed upstream (every status but {@code inactive}),
     * newest first: the stand-in for the live list before its first successful fetch.
     */
    public List<UpstreamModel> storedModels() {
        return storedModels;
    }

    /** How many catalog rows are in each status (every status present, zero included). */
    public Map<ModelStatus, Long> countsByStatus() {
        return countsByStatus;
    }

    public int size() {
        return byModelId.size();
    }

    public boolean isEmpty() {
        return byModelId.isEmpty();
    }

    public Instant loadedAt() {
        return loadedAt;
    }
}
