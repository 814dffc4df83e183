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
 * @param defaultModel the first of these that is in the menu: the user's own default, its nearest successor, the
 *     tier's default, the configured fallback; else {@code null}
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
