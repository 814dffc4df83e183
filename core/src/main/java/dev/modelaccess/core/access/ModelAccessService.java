package dev.modelaccess.core.access;

import dev.modelaccess.core.catalog.AccessRule;
import dev.modelaccess.core.catalog.Tier;
import dev.modelaccess.core.catalog.UpstreamModel;
import dev.modelaccess.core.port.UserProfile;
import dev.modelaccess.core.port.UserProfiles;
import dev.modelaccess.core.succession.SuccessionRules;
import dev.modelaccess.core.succession.SuccessionSnapshot;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * Answers the two questions a host asks on every request, with one rule so they can never disagree:
 *
 * <ul>
 *   <li>{@link #dropdownFor(UUID) which models may this user pick from}, and which is their default;
 *   <li>{@link #isAllowed(UUID, String) may this user use this model} right now.
 * </ul>
 *
 * <p>The rule: (1) take the live upstream list from {@link LiveCatalog} — before its first successful fetch, the
 * descriptions stored in the catalog instead; (2) keep the models whose {@link AccessRule} the {@link TierPolicy}
 * allows for the user's tier (a model upstream lists but the catalog does not know is usable by nobody, and so is
 * a catalog model no longer listed upstream); (3) the default model is the first of these that survived step 2:
 * the user's own default; the nearest successor of the user's own default ({@link SuccessionRules}); the tier's
 * default; the configured fallback. Else none.
 *
 * <p>Everything is answered from memory: the live list and the rules are cached by their sources, and the menu of
 * each tier is computed once per change of either and then shared by every request. The only per-request lookup is
 * {@link UserProfiles#find(UUID)}, which a host should cache briefly.
 */
public final class ModelAccessService {

    private final LiveCatalog liveCatalog;
    private final AccessRules rules;
    private final TierPolicy policy;
    private final UserProfiles profiles;
    private final @Nullable String fallbackDefaultModel;
    private final SuccessionRules succession;
    private volatile @Nullable Menus menus;

    /**
     * @param fallbackDefaultModel the default model for users whose own default is unset or unusable; {@code null}
     *     for none
     */
    public ModelAccessService(
            LiveCatalog liveCatalog,
            AccessRules rules,
            TierPolicy policy,
            UserProfiles profiles,
            @Nullable String fallbackDefaultModel) {
        this(liveCatalog, rules, policy, profiles, fallbackDefaultModel, SuccessionRules.none());
    }

    /**
     * @param fallbackDefaultModel the default model for users whose own default is unset or unusable and whose tier
     *     has no usable default; {@code null} for none
     * @param succession the successors and tier defaults that come before the fallback
     */
    public ModelAccessService(
            LiveCatalog liveCatalog,
            AccessRules rules,
            TierPolicy policy,
            UserProfiles profiles,
            @Nullable String fallbackDefaultModel,
            SuccessionRules succession) {
        this.succession = Objects.requireNonNull(succession, "succession");
        this.liveCatalog = Objects.requireNonNull(liveCatalog, "liveCatalog");
        this.rules = Objects.requireNonNull(rules, "rules");
        this.policy = Objects.requireNonNull(policy, "policy");
        this.profiles = Objects.requireNonNull(profiles, "profiles");
        this.fallbackDefaultModel =
                fallbackDefaultModel == null || fallbackDefaultModel.isBlank() ? null : fallbackDefaultModel;
    }

    /** The user's profile as the host knows it; a user without one is on the free tier with no default. */
    public UserProfile profileOf(UUID userId) {
        return profiles.find(userId).orElseGet(() -> UserProfile.unknown(userId));
    }

    /** The models the user may pick from, and their default model. */
    public Dropdown dropdownFor(UUID userId) {
        return dropdownFor(profileOf(userId));
    }

    /** The dropdown for a profile the caller already holds. */
    public Dropdown dropdownFor(UserProfile profile) {
        TierMenu menu = menuFor(profile.tier());
        return new Dropdown(profile, menu, defaultModel(profile, menu));
    }

    /** The models a tier may use right now. */
    public TierMenu menuFor(Tier tier) {
        return menus().of(tier);
    }

    /** Whether the user may use the model right now: exactly when it is in their {@link #dropdownFor dropdown}. */
    public boolean isAllowed(UUID userId, String modelId) {
        return isAllowed(profileOf(userId).tier(), modelId);
    }

    /** Whether the tier may use the model right now. */
    public boolean isAllowed(Tier tier, String modelId) {
        return menuFor(tier).contains(modelId);
    }

    /**
     * Throws unless the user may use the model right now.
     *
     * @return the model's upstream description
     * @throws ModelNotAllowedException when the model is not in the user's dropdown
     */
    public UpstreamModel requireAllowed(UUID userId, String modelId) {
        Tier tier = profileOf(userId).tier();
        return menuFor(tier).find(modelId).orElseThrow(() -> new ModelNotAllowedException(modelId, tier));
    }

    /**
     * Sets the user's default model, which must be usable by their tier right now.
     *
     * @throws ModelNotAllowedException when it is not
     */
    public void setDefaultModel(UUID userId, String modelId) {
        requireAllowed(userId, modelId);
        profiles.setDefaultModel(userId, modelId);
    }

    private @Nullable String defaultModel(UserProfile profile, TierMenu menu) {
        String own = profile.defaultModel();
        if (own != null && menu.contains(own)) {
            return own;
        }
        SuccessionSnapshot defaults = succession.current();
        if (own != null) {
            for (String successor : defaults.chainFrom(own)) {
                if (menu.contains(successor)) {
                    return successor;
                }
            }
        }
        String tierDefault =
                defaults.tierDefault(menu.tier()).map(set -> set.modelId()).orElse(null);
        if (tierDefault != null && menu.contains(tierDefault)) {
            return tierDefault;
        }
        if (fallbackDefaultModel != null && menu.contains(fallbackDefaultModel)) {
            return fallbackDefaultModel;
        }
        return null;
    }

    private Menus menus() {
        Optional<LiveModels> live = liveCatalog.current();
        RulesSnapshot snapshot = rules.current();
        LiveModels liveModels = live.orElse(null);
        Menus current = menus;
        if (current != null && current.live == liveModels && current.rules == snapshot) {
            return current;
        }
        Menus computed = Menus.compute(liveModels, snapshot, policy);
        menus = computed;
        return computed;
    }

    /** The menu of every tier for one (live list, rules) pair. */
    private static final class Menus {
        private final @Nullable LiveModels live;
        private final RulesSnapshot rules;
        private final Map<Tier, TierMenu> byTier;

        private Menus(@Nullable LiveModels live, RulesSnapshot rules, Map<Tier, TierMenu> byTier) {
            this.live = live;
            this.rules = rules;
            this.byTier = byTier;
        }

        static Menus compute(@Nullable LiveModels live, RulesSnapshot rules, TierPolicy policy) {
            List<UpstreamModel> candidates = live != null ? live.models() : rules.storedModels();
            TierMenu.Source source = live != null ? TierMenu.Source.LIVE : TierMenu.Source.STORED;
            Instant asOf = live != null ? live.fetchedAt() : rules.loadedAt();
            Map<Tier, TierMenu> byTier = new EnumMap<>(Tier.class);
            for (Tier tier : Tier.values()) {
                List<UpstreamModel> usable = new ArrayList<>();
                for (UpstreamModel model : candidates) {
                    Optional<AccessRule> rule = rules.rule(model.id());
                    if (rule.isPresent() && policy.allows(rule.get(), tier)) {
                        usable.add(model);
                    }
                }
                byTier.put(tier, new TierMenu(tier, usable, version(tier, usable), source, asOf));
            }
            return new Menus(live, rules, byTier);
        }

        TierMenu of(Tier tier) {
            return byTier.get(tier);
        }

        private static String version(Tier tier, List<UpstreamModel> models) {
            MessageDigest digest = sha256();
            digest.update(tier.dbValue().getBytes(StandardCharsets.UTF_8));
            for (UpstreamModel model : models) {
                digest.update((byte) 0);
                digest.update(model.id().getBytes(StandardCharsets.UTF_8));
                digest.update((byte) 0);
                digest.update(model.rawJson().getBytes(StandardCharsets.UTF_8));
            }
            return HexFormat.of().formatHex(digest.digest(), 0, 16);
        }

        private static MessageDigest sha256() {
            try {
                return MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("Every JDK has SHA-256", e);
            }
        }
    }
}
