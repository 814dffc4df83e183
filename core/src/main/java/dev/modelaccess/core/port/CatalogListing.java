package dev.modelaccess.core.port;

import dev.modelaccess.core.catalog.ModelStatus;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * What the admin console shows for one list request: a page of a {@link CatalogFilter} and how many catalog models are
 * in each status (every status present, 0 when none, in {@link ModelStatus} order). Both are exact.
 */
public record CatalogListing(CatalogPage page, Map<ModelStatus, Long> countsByStatus) {

    public CatalogListing {
        Objects.requireNonNull(page, "page");
        Map<ModelStatus, Long> counts = new EnumMap<>(ModelStatus.class);
        for (ModelStatus status : ModelStatus.values()) {
            counts.put(status, countsByStatus.getOrDefault(status, 0L));
        }
        countsByStatus = Collections.unmodifiableMap(counts);
    }
}
