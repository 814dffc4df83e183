package dev.modelaccess.core.access;

import dev.modelaccess.core.catalog.ModelStatus;
import dev.modelaccess.core.catalog.TierFlags;
import dev.modelaccess.core.sync.ModelEvent;
import java.util.List;

/**
 * The admin-owned state one model gets, as decided by {@link AdminLifecycle}. The store writes only status, tier
 * flags and review columns for it — never an upstream-owned column.
 *
 * @param statusChanged whether {@code status_changed_at} moves
 * @param events what changed, for {@code model_access_events}
 */
public record AdminUpdate(
        String modelId,
        ModelStatus status,
        boolean statusChanged,
        TierFlags tiers,
        String reviewedBy,
        List<ModelEvent> events) {

    public AdminUpdate {
        events = List.copyOf(events);
    }

    /** Whether the update changes nothing (the row need not be written). */
    public boolean changesNothing() {
        return events.isEmpty();
    }
}
