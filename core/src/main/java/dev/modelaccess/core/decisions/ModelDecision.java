package dev.modelaccess.core.decisions;

import dev.modelaccess.core.catalog.ModelStatus;
import dev.modelaccess.core.catalog.TierFlags;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The admin's decisions on one model: its status, tier flags and successor ({@code null}: none).
 *
 * @param modelId the OpenRouter id, e.g. {@code openai/gpt-4o}
 */
public record ModelDecision(
        String modelId,
        ModelStatus status,
        TierFlags tiers,
        @Nullable String successorId) {

    public ModelDecision {
        Objects.requireNonNull(modelId, "modelId");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(tiers, "tiers");
    }
}
