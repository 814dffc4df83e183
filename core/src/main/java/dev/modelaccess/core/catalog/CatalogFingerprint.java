package dev.modelaccess.core.catalog;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What the catalog sync needs to know of a catalog row to decide whether it changes: its id, the {@link
 * ModelFingerprint} of its stored upstream JSON, and its status. A store answers it without reading the JSON, so that
 * a sync of an unchanged catalog of 50,000 models reads a few megabytes, not the whole catalog.
 *
 * @param statusBeforeInactive the status to restore when an {@code inactive} model comes back; set only while
 *     inactive
 */
public record CatalogFingerprint(
        String modelId,
        String fingerprint,
        ModelStatus status,
        @Nullable ModelStatus statusBeforeInactive) {

    public CatalogFingerprint {
        Objects.requireNonNull(modelId, "modelId");
        Objects.requireNonNull(fingerprint, "fingerprint");
        Objects.requireNonNull(status, "status");
    }

    public static CatalogFingerprint of(CatalogModel model) {
        return new CatalogFingerprint(
                model.modelId(), model.fingerprint(), model.status(), model.statusBeforeInactive());
    }
}
