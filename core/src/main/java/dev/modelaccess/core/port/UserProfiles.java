package dev.modelaccess.core.port;

import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** The host's user profiles (by default a {@code profiles} table: id, tier, default_model). */
public interface UserProfiles {

    /** The user's profile; empty when the host has no row for them (treat as tier free, no default). */
    Optional<UserProfile> find(UUID userId);

    /**
     * How many users have each of these models as their default model. A model no user chose is answered with
     * {@code 0}; a model left out of the answer means the host's profiles cannot tell (this default, for hosts whose
     * profiles are not a table).
     */
    default Map<String, Long> countDefaultUsers(Collection<String> modelIds) {
        return Map.of();
    }

    /** Sets the user's default model, creating the profile row when there is none. */
    void setDefaultModel(UUID userId, String modelId);
}
