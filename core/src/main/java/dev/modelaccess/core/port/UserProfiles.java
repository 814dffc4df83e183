package dev.modelaccess.core.port;

import java.util.Optional;
import java.util.UUID;

/** The host's user profiles (by default a {@code profiles} table: id, tier, default_model). */
public interface UserProfiles {

    /** The user's profile; empty when the host has no row for them (treat as tier free, no default). */
    Optional<UserProfile> find(UUID userId);

    /** Sets the user's default model, creating the profile row when there is none. */
    void setDefaultModel(UUID userId, String modelId);
}
