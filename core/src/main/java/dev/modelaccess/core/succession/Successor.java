package dev.modelaccess.core.succession;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The model an admin named to take over from another when it retires ({@code inactive} or {@code disabled}).
 *
 * @param modelId the model being succeeded
 * @param successorId the model that takes over
 * @param namedBy the admin who named it
 * @param carriedOverAt when users and resources were last moved from {@code modelId}; {@code null} until then
 */
public record Successor(
        String modelId,
        String successorId,
        String namedBy,
        Instant namedAt,
        @Nullable Instant carriedOverAt) {

    public Successor {
        Objects.requireNonNull(modelId, "modelId");
        Objects.requireNonNull(successorId, "successorId");
        Objects.requireNonNull(namedBy, "namedBy");
        Objects.requireNonNull(namedAt, "namedAt");
    }

    public Optional<Instant> carriedOver() {
        return Optional.ofNullable(carriedOverAt);
    }
}
