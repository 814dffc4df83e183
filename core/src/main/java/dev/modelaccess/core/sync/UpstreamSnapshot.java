package dev.modelaccess.core.sync;

import dev.modelaccess.core.catalog.UpstreamModel;
import java.util.List;

/** Everything one fetch of the upstream catalog returned: the readable models and the entries that were not. */
public record UpstreamSnapshot(List<UpstreamModel> models, List<InvalidEntry> invalidEntries) {

    public UpstreamSnapshot {
        models = List.copyOf(models);
        invalidEntries = List.copyOf(invalidEntries);
    }

    public static UpstreamSnapshot of(List<UpstreamModel> models) {
        return new UpstreamSnapshot(models, List.of());
    }

    /** How many entries upstream returned, readable or not. */
    public int entryCount() {
        return models.size() + invalidEntries.size();
    }
}
