package dev.modelaccess.openrouter;

import dev.modelaccess.core.catalog.UpstreamModel;
import dev.modelaccess.core.sync.InvalidEntry;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One page of {@code GET /models}.
 *
 * @param next {@code links.next} as upstream wrote it (absolute or relative); {@code null} on the last page
 * @param totalCount {@code total_count} when upstream sent it
 */
record ModelsPage(
        List<UpstreamModel> models,
        List<InvalidEntry> invalidEntries,
        @Nullable String next,
        @Nullable Long totalCount) {

    ModelsPage {
        models = List.copyOf(models);
        invalidEntries = List.copyOf(invalidEntries);
    }

    int entryCount() {
        return models.size() + invalidEntries.size();
    }
}
