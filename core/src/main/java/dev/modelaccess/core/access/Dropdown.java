package dev.modelaccess.core.access;

import dev.modelaccess.core.catalog.Tier;
import dev.modelaccess.core.catalog.UpstreamModel;
import dev.modelaccess.core.port.UserProfile;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * What one signed-in user may pick from.
 *
 * @param profile the user as the host knows them
 * @param menu the models the user's tier may use
 * @param defaultModel the user's own default when it is in the menu, else the configured fallback when it is, else
 *     {@code null}
 */
public record Dropdown(
        UserProfile profile, TierMenu menu, @Nullable String defaultModel) {

    public Dropdown {
        Objects.requireNonNull(profile, "profile");
        Objects.requireNonNull(menu, "menu");
    }

    public Tier tier() {
        return profile.tier();
    }

    public List<UpstreamModel> models() {
        return menu.models();
    }

    public Optional<String> defaultModelId() {
        return Optional.ofNullable(defaultModel);
    }
}
