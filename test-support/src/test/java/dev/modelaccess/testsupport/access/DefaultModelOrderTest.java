package dev.modelaccess.testsupport.access;

import static dev.modelaccess.testsupport.access.Fixtures.active;
import static dev.modelaccess.testsupport.access.Fixtures.flags;
import static dev.modelaccess.testsupport.access.Fixtures.row;
import static org.assertj.core.api.Assertions.assertThat;

import dev.modelaccess.core.access.AccessRuleCache;
import dev.modelaccess.core.access.LiveCatalog;
import dev.modelaccess.core.access.ModelAccessService;
import dev.modelaccess.core.access.TierPolicy;
import dev.modelaccess.core.catalog.ModelStatus;
import dev.modelaccess.core.catalog.Tier;
import dev.modelaccess.core.port.UserProfile;
import dev.modelaccess.core.succession.SuccessionSnapshot;
import dev.modelaccess.core.succession.Successor;
import dev.modelaccess.core.succession.TierDefault;
import dev.modelaccess.testsupport.memory.InMemoryModelAccessStore;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The default model a pro user sees, in order: their own default if usable; its nearest usable successor; the
 * tier's default; {@code modelaccess.default-model}; none. One row per case.
 */
class DefaultModelOrderTest {

    private static final Clock CLOCK = Clock.fixed(Fixtures.T0, ZoneOffset.UTC);
    private static final UUID USER = UUID.fromString("00000000-0000-0000-0000-000000000090");

    private final InMemoryModelAccessStore store = new InMemoryModelAccessStore(CLOCK)
            .seed(
                    active("own/usable", flags(false, true, false)),
                    row("own/retired", ModelStatus.DISABLED, flags(false, true, false)),
                    row("succ/retired", ModelStatus.INACTIVE, flags(false, true, false)),
                    active("succ/usable", flags(false, true, false)),
                    row("own/no-successor", ModelStatus.DISABLED, flags(false, true, false)),
                    row("own/successor-free-only", ModelStatus.INACTIVE, flags(false, true, false)),
                    active("succ/free-only", flags(true, false, false)),
                    active("tier/default", flags(false, true, false)),
                    active("fallback/model", flags(false, true, false)));

    /** own/retired → succ/retired → succ/usable; own/successor-free-only → succ/free-only. */
    private static final List<Successor> SUCCESSORS = List.of(
            new Successor("own/retired", "succ/retired", "admin", Fixtures.T0, null),
            new Successor("succ/retired", "succ/usable", "admin", Fixtures.T0, null),
            new Successor("own/successor-free-only", "succ/free-only", "admin", Fixtures.T0, null));

    static Stream<Arguments> cases() {
        return Stream.of(
                // own default, tier default, configured fallback, expected
                Arguments.of("own/usable", "tier/default", "fallback/model", "own/usable"),
                Arguments.of("own/retired", "tier/default", "fallback/model", "succ/usable"),
                Arguments.of("succ/retired", "tier/default", "fallback/model", "succ/usable"),
                Arguments.of("own/successor-free-only", "tier/default", "fallback/model", "tier/default"),
                Arguments.of("own/no-successor", "tier/default", "fallback/model", "tier/default"),
                Arguments.of(null, "tier/default", "fallback/model", "tier/default"),
                Arguments.of("not/in-catalog", "tier/default", "fallback/model", "tier/default"),
                Arguments.of("own/no-successor", null, "fallback/model", "fallback/model"),
                Arguments.of("own/no-successor", "succ/free-only", "fallback/model", "fallback/model"),
                Arguments.of("own/no-successor", null, "own/retired", null),
                Arguments.of(null, null, null, null));
    }

    @ParameterizedTest(name = "own {0}, tier default {1}, fallback {2} -> {3}")
    @MethodSource("cases")
    void theDefaultIsTheFirstUsableInOrder(
            @Nullable String own, @Nullable String tierDefault, @Nullable String fallback, @Nullable String expected) {
        ModelAccessServiceTest.FakeProfiles profiles = new ModelAccessServiceTest.FakeProfiles();
        profiles.put(new UserProfile(USER, Tier.PRO, own));
        List<TierDefault> defaults = new ArrayList<>();
        if (tierDefault != null) {
            defaults.add(new TierDefault(Tier.PRO, tierDefault, "admin", Fixtures.T0));
        }
        SuccessionSnapshot succession = SuccessionSnapshot.of(SUCCESSORS, defaults, Fixtures.T0);
        ModelAccessService service = new ModelAccessService(
                LiveCatalog.none(),
                new AccessRuleCache(store, CLOCK),
                TierPolicy.flags(),
                profiles,
                fallback,
                () -> succession);

        assertThat(service.dropdownFor(USER).defaultModel()).isEqualTo(expected);
    }
}
