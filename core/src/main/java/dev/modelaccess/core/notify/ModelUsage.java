package dev.modelaccess.core.notify;

import java.util.Collection;
import java.util.Map;
import java.util.Optional;

/**
 * How much a model is in use, for the notice that it vanished. The host provides what it knows; a count it does not
 * know is empty, and the notice says so ({@code null} in the payload) rather than reporting 0.
 */
public interface ModelUsage {

    /** Knows nothing. */
    ModelUsage UNKNOWN = new ModelUsage() {};

    /** Per model id, how many users have it as their default (a model missing from the map: 0). */
    default Optional<Map<String, Long>> usersWithDefault(Collection<String> modelIds) {
        return Optional.empty();
    }

    /** Per model id, how many resources are bound to it (a model missing from the map: 0). */
    default Optional<Map<String, Long>> boundResources(Collection<String> modelIds) {
        return Optional.empty();
    }
}
