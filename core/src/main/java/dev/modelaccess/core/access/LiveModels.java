package dev.modelaccess.core.access;

import dev.modelaccess.core.catalog.UpstreamModel;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One successful fetch of the upstream model list.
 *
 * @param models the models upstream listed, in its order
 * @param fetchedAt when the fetch finished
 */
public record LiveModels(List<UpstreamModel> models, Instant fetchedAt) {

    public LiveModels {
        models = List.copyOf(models);
        Objects.requireNonNull(fetchedAt, "fetchedAt");
    }
}
