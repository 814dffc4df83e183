package dev.modelaccess.core.sync;

import java.time.Instant;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * One change to one catalog model, as kept in {@code model_access_events}.
 *
 * @param before the changed values as they were (field name → value as text), empty for {@code added}
 * @param after the changed values as they are now, empty for nothing
 * @param actor {@value #SYNC_ACTOR} for the catalog sync, else the admin's user id
 */
public record ModelEvent(
        String modelId,
        EventKind kind,
        SortedMap<String, String> before,
        SortedMap<String, String> after,
        String actor,
        Instant at) {

    public static final String SYNC_ACTOR = "sync";

    public ModelEvent {
        before = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(before));
        after = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(after));
    }

    public static ModelEvent of(
            String modelId,
            EventKind kind,
            Map<String, String> before,
            Map<String, String> after,
            String actor,
            Instant at) {
        return new ModelEvent(modelId, kind, new TreeMap<>(before), new TreeMap<>(after), actor, at);
    }
}
