package dev.modelaccess.core.catalog;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * One row of the catalog ({@code model_access}): the upstream description the sync keeps fresh, and the state the
 * admin owns (status, tier flags, review).
 *
 * @param fingerprint {@link ModelFingerprint} of the stored upstream JSON
 * @param statusBeforeInactive the status to restore when an {@code inactive} model comes back; set only while
 *     inactive
 */
public record CatalogModel(
        UUID id,
        UpstreamModel upstream,
        String fingerprint,
        ModelStatus status,
        @Nullable ModelStatus statusBeforeInactive,
        TierFlags tiers,
        Instant firstSeenAt,
        Instant lastSeenAt,
        @Nullable Instant removedAt,
        Instant statusChangedAt,
        @Nullable String reviewedBy,
        @Nullable Instant reviewedAt,
        Instant createdAt,
        Instant updatedAt) {

    public CatalogModel {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(upstream, "upstream");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(tiers, "tiers");
    }

    /** The OpenRouter id ({@code model_id}). */
    public String modelId() {
        return upstream.id();
    }

    /** What the tier policy needs to know about this model. */
    public AccessRule accessRule() {
        return new AccessRule(modelId(), status, tiers);
    }
}
