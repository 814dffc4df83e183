package dev.modelaccess.core.port;

import dev.modelaccess.core.catalog.Tier;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * What the host application knows about a user that matters here: the tier they pay for and the model they
 * chose as their default.
 */
public record UserProfile(UUID userId, Tier tier, @Nullable String defaultModel) {

    /** A user with no profile row: tier {@code free}, no default model. */
    public static UserProfile unknown(UUID userId) {
        return new UserProfile(userId, Tier.FREE, null);
    }

    public Optional<String> defaultModelId() {
        return Optional.ofNullable(defaultModel);
    }
}
