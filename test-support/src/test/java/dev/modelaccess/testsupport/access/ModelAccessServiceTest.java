package dev.modelaccess.testsupport.access;

import static dev.modelaccess.testsupport.access.Fixtures.active;
import static dev.modelaccess.testsupport.access.Fixtures.flags;
import static dev.modelaccess.testsupport.access.Fixtures.row;
import static dev.modelaccess.testsupport.access.Fixtures.upstream;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modelaccess.core.access.AccessRuleCache;
import dev.modelaccess.core.access.Dropdown;
import dev.modelaccess.core.access.LiveCatalog;
import dev.modelaccess.core.access.LiveModels;
import dev.modelaccess.core.access.ModelAccessService;
import dev.modelaccess.core.access.ModelNotAllowedException;
import dev.modelaccess.core.access.TierMenu;
import dev.modelaccess.core.access.TierPolicy;
import dev.modelaccess.core.catalog.ModelStatus;
import dev.modelaccess.core.catalog.Tier;
import dev.modelaccess.core.catalog.UpstreamModel;
import dev.modelaccess.core.port.UserProfile;
import dev.modelaccess.core.port.UserProfiles;
import dev.modelaccess.testsupport.memory.InMemoryModelAccessStore;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

class ModelAccessServiceTest {

    private static final Clock CLOCK = Clock.fixed(Fixtures.T0, ZoneOffset.UTC);
    private static final UUID FREE_USER = UUID.fromString("00000000-0000-0000-0000-00000000f4ee");
    private static final UUID PRO_USER = UUID.fromString("00000000-0000-0000-0000-000000000090");
    /** What OpenRouter lists now: the catalog's models but one, and one the catalog does not know. */
    private static final List<String> LIVE = List.of(
            "openai/gpt-4o",
            "meta-llama/llama-3.3-70b-instruct:free",
            "~openai/gpt-mini-latest",
            "new/model",
            "disabled/model",
            "gone/model",
            "upstream/unknown-to-catalog");

    private static final UUID NOBODY = UUID.fromString("00000000-0000-0000-0000-000000000000");

    private final InMemoryModelAccessStore store = new InMemoryModelAccessStore(CLOCK)
            .seed(
                    active("openai/gpt-4o", flags(false, true, true)),
                    active("meta-llama/llama-3.3-70b-instruct:free", flags(true, true, true)),
                    active("~openai/gpt-mini-latest", flags(true, false, false)),
                    row("new/model", ModelStatus.NEW, flags(true, true, true)),
                    row("disabled/model", ModelStatus.DISABLED, flags(true, true, true)),
                    row("gone/model", ModelStatus.INACTIVE, flags(true, true, true)),
                    active("active/but-not-live", flags(true, true, true)));
    private final AccessRuleCache rules = new AccessRuleCache(store, CLOCK);
    private final AtomicReference<@Nullable LiveModels> live = new AtomicReference<>(liveList(LIVE));
    private final FakeProfiles profiles = new FakeProfiles();

    private ModelAccessService service(@Nullable String fallback) {
        return new ModelAccessService(
                () -> Optional.ofNullable(live.get()), rules, TierPolicy.flags(), profiles, fallback);
    }

    @Test
    void dropdownHoldsTheLiveModelsTheTierMayUseInUpstreamOrder() {
        profiles.put(new UserProfile(PRO_USER, Tier.PRO, null));

        Dropdown dropdown = service(null).dropdownFor(PRO_USER);

        assertThat(ids(dropdown.models())).containsExactly("openai/gpt-4o", "meta-llama/llama-3.3-70b-instruct:free");
        assertThat(dropdown.tier()).isEqualTo(Tier.PRO);
        assertThat(dropdown.menu().source()).isEqualTo(TierMenu.Source.LIVE);
    }

    @Test
    void newDisabledAndInactiveModelsAreUsableByNobodyWhateverTheirFlags() {
        ModelAccessService service = service(null);

        for (Tier tier : Tier.values()) {
            assertThat(ids(service.menuFor(tier).models()))
                    .as(tier.dbValue())
                    .doesNotContain("new/model", "disabled/model", "gone/model");
        }
    }

    @Test
    void aModelUpstreamListsButTheCatalogDoesNotKnowIsUsableByNobody() {
        ModelAccessService service = service(null);

        for (Tier tier : Tier.values()) {
            assertThat(service.isAllowed(tier, "upstream/unknown-to-catalog")).isFalse();
        }
    }

    @Test
    void anActiveModelNoLongerListedLiveIsNotOffered() {
        assertThat(service(null).isAllowed(Tier.FREE, "active/but-not-live")).isFalse();
    }

    @Test
    void theDropdownShowsTheLiveDescriptionNotTheStoredOne() {
        UpstreamModel shown =
                service(null).menuFor(Tier.PRO).find("openai/gpt-4o").orElseThrow();

        assertThat(shown.rawJson()).isEqualTo("{\"live\":\"openai/gpt-4o\"}");
    }

    @Test
    void beforeTheFirstLiveFetchTheStoredDescriptionsStandIn() {
        live.set(null);

        TierMenu menu = service(null).menuFor(Tier.FREE);

        assertThat(menu.source()).isEqualTo(TierMenu.Source.STORED);
        assertThat(ids(menu.models()))
                .containsExactlyInAnyOrder(
                        "meta-llama/llama-3.3-70b-instruct:free", "~openai/gpt-mini-latest", "active/but-not-live");
        assertThat(menu.find("active/but-not-live").orElseThrow().rawJson()).contains("\"stored\":true");
    }

    @Test
    void theStoredStandInNeverOffersModelsGoneUpstreamEvenUnderAPolicyThatAllowsEverything() {
        live.set(null);
        ModelAccessService service =
                new ModelAccessService(LiveCatalog.none(), rules, (rule, tier) -> true, profiles, null);

        assertThat(ids(service.menuFor(Tier.FREE).models())).doesNotContain("gone/model");
    }

    @Test
    void theUsersOwnDefaultWinsWhenTheirTierMayUseIt() {
        profiles.put(new UserProfile(PRO_USER, Tier.PRO, "openai/gpt-4o"));

        Dropdown dropdown = service("meta-llama/llama-3.3-70b-instruct:free").dropdownFor(PRO_USER);

        assertThat(dropdown.defaultModel()).isEqualTo("openai/gpt-4o");
    }

    @Test
    void anUnusableOwnDefaultFallsBackToTheConfiguredDefault() {
        profiles.put(new UserProfile(FREE_USER, Tier.FREE, "openai/gpt-4o"));

        Dropdown dropdown = service("meta-llama/llama-3.3-70b-instruct:free").dropdownFor(FREE_USER);

        assertThat(dropdown.defaultModel()).isEqualTo("meta-llama/llama-3.3-70b-instruct:free");
    }

    @Test
    void anUnusableFallbackMeansNoDefaultAtAll() {
        profiles.put(new UserProfile(FREE_USER, Tier.FREE, "disabled/model"));

        Dropdown dropdown = service("openai/gpt-4o").dropdownFor(FREE_USER);

        assertThat(dropdown.defaultModel()).isNull();
        assertThat(dropdown.defaultModelId()).isEmpty();
    }

    @Test
    void aBlankFallbackIsNoFallback() {
        assertThat(service("  ").dropdownFor(NOBODY).defaultModel()).isNull();
    }

    @Test
    void aUserWithoutProfileIsOnTheFreeTierWithTheFallbackDefault() {
        Dropdown dropdown = service("~openai/gpt-mini-latest").dropdownFor(NOBODY);

        assertThat(dropdown.tier()).isEqualTo(Tier.FREE);
        assertThat(ids(dropdown.models()))
                .containsExactly("meta-llama/llama-3.3-70b-instruct:free", "~openai/gpt-mini-latest");
        assertThat(dropdown.defaultModel()).isEqualTo("~openai/gpt-mini-latest");
    }

    @Test
    void isAllowedAgreesWithTheDropdownForEveryTierAndModel() {
        ModelAccessService service = service(null);
        List<String> everyId = new ArrayList<>(LIVE);
        everyId.addAll(List.of("active/but-not-live", "'; drop table model_access; --", "../../etc/passwd", ""));
        for (Tier tier : Tier.values()) {
            UUID user = UUID.randomUUID();
            profiles.put(new UserProfile(user, tier, null));
            List<String> listed = ids(service.dropdownFor(user).models());
            for (String id : everyId) {
                assertThat(service.isAllowed(user, id))
                        .as("%s may use %s", tier, id)
                        .isEqualTo(listed.contains(id));
            }
        }
    }

    @Test
    void aPluggedPolicyDecidesBothListingAndEnforcement() {
        TierPolicy enterpriseInheritsPro = (rule, tier) -> TierPolicy.flags().allows(rule, tier)
                || (tier == Tier.ENTERPRISE && TierPolicy.flags().allows(rule, Tier.PRO));
        store.seed(active("pro/only", flags(false, true, false)));
        live.set(liveList("pro/only", "openai/gpt-4o"));
        ModelAccessService service = new ModelAccessService(
                () -> Optional.ofNullable(live.get()), rules, enterpriseInheritsPro, profiles, null);

        assertThat(ids(service.menuFor(Tier.ENTERPRISE).models())).containsExactly("pro/only", "openai/gpt-4o");
        assertThat(service.isAllowed(Tier.ENTERPRISE, "pro/only")).isTrue();
        assertThat(service.isAllowed(Tier.FREE, "pro/only")).isFalse();
    }

    @Test
    void theMenuIsComputedOnceAndSharedUntilTheRulesChange() {
        ModelAccessService service = service(null);
        TierMenu first = service.menuFor(Tier.PRO);

        assertThat(service.menuFor(Tier.PRO)).isSameAs(first);

        store.seed(active("openai/gpt-4o", flags(false, false, true)));
        rules.reload();
        TierMenu afterReload = service.menuFor(Tier.PRO);

        assertThat(afterReload).isNotSameAs(first);
        assertThat(ids(afterReload.models())).containsExactly("meta-llama/llama-3.3-70b-instruct:free");
        assertThat(afterReload.version()).isNotEqualTo(first.version());
    }

    @Test
    void equalMenusHaveEqualVersionsAndADescriptionChangeChangesIt() {
        TierMenu one = service(null).menuFor(Tier.PRO);
        TierMenu two = new ModelAccessService(
                        () -> Optional.ofNullable(live.get()),
                        new AccessRuleCache(store, CLOCK),
                        TierPolicy.flags(),
                        profiles,
                        null)
                .menuFor(Tier.PRO);
        assertThat(two).isNotSameAs(one);
        assertThat(two.version()).isEqualTo(one.version());

        live.set(new LiveModels(
                List.of(upstream("openai/gpt-4o", "{\"live\":\"openai/gpt-4o\",\"price\":2}")), Fixtures.T0));

        assertThat(service(null).menuFor(Tier.PRO).version()).isNotEqualTo(one.version());
    }

    @Test
    void menusOfDifferentTiersWithTheSameModelsHaveDifferentVersions() {
        store.seed(active("everyone/model", flags(true, true, true)));
        live.set(liveList("everyone/model"));
        ModelAccessService service = service(null);

        assertThat(service.menuFor(Tier.FREE).version())
                .isNotEqualTo(service.menuFor(Tier.PRO).version());
    }

    @Test
    void settingTheDefaultToAUsableModelStoresIt() {
        profiles.put(new UserProfile(PRO_USER, Tier.PRO, null));

        service(null).setDefaultModel(PRO_USER, "openai/gpt-4o");

        assertThat(profiles.find(PRO_USER).orElseThrow().defaultModel()).isEqualTo("openai/gpt-4o");
    }

    @Test
    void settingTheDefaultToAModelTheTierMayNotUseIsRefusedAndStoresNothing() {
        profiles.put(new UserProfile(FREE_USER, Tier.FREE, null));

        assertThatThrownBy(() -> service(null).setDefaultModel(FREE_USER, "openai/gpt-4o"))
                .isInstanceOf(ModelNotAllowedException.class)
                .hasMessageContaining("free tier");
        assertThat(profiles.find(FREE_USER).orElseThrow().defaultModel()).isNull();
    }

    @Test
    void requireAllowedAnswersTheDescriptionOrThrowsWithTheTier() {
        profiles.put(new UserProfile(PRO_USER, Tier.PRO, null));
        ModelAccessService service = service(null);

        assertThat(service.requireAllowed(PRO_USER, "openai/gpt-4o").id()).isEqualTo("openai/gpt-4o");
        assertThatThrownBy(() -> service.requireAllowed(PRO_USER, "x".repeat(10_000)))
                .isInstanceOfSatisfying(ModelNotAllowedException.class, e -> {
                    assertThat(e.tier()).isEqualTo(Tier.PRO);
                    assertThat(e.getMessage()).hasSizeLessThan(300);
                });
    }

    private static LiveModels liveList(String... ids) {
        return liveList(List.of(ids));
    }

    private static LiveModels liveList(List<String> ids) {
        return new LiveModels(
                ids.stream()
                        .map(id -> upstream(id, "{\"live\":\"" + id + "\"}"))
                        .toList(),
                Fixtures.T0);
    }

    private static List<String> ids(List<UpstreamModel> models) {
        return models.stream().map(UpstreamModel::id).toList();
    }

    static final class FakeProfiles implements UserProfiles {
        private final Map<UUID, UserProfile> byId = new HashMap<>();

        void put(UserProfile profile) {
            byId.put(profile.userId(), profile);
        }

        @Override
        public Optional<UserProfile> find(UUID userId) {
            return Optional.ofNullable(byId.get(userId));
        }

        @Override
        public void setDefaultModel(UUID userId, String modelId) {
            UserProfile current = byId.getOrDefault(userId, UserProfile.unknown(userId));
            byId.put(userId, new UserProfile(userId, current.tier(), modelId));
        }
    }
}
