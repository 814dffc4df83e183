package dev.modelaccess.testsupport.resources;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modelaccess.core.UpstreamRejectedException;
import dev.modelaccess.core.UpstreamUnavailableException;
import dev.modelaccess.core.access.LiveCatalog;
import dev.modelaccess.core.access.ModelAccessService;
import dev.modelaccess.core.access.RulesSnapshot;
import dev.modelaccess.core.access.TierPolicy;
import dev.modelaccess.core.catalog.CatalogModel;
import dev.modelaccess.core.catalog.ModelStatus;
import dev.modelaccess.core.catalog.Tier;
import dev.modelaccess.core.catalog.TierFlags;
import dev.modelaccess.core.keys.NoUsableKeyException;
import dev.modelaccess.core.keys.UserKeys;
import dev.modelaccess.core.port.ChatCompletion;
import dev.modelaccess.core.port.ChatParams;
import dev.modelaccess.core.port.ChatRequest;
import dev.modelaccess.core.port.KeyVerification;
import dev.modelaccess.core.port.UserProfile;
import dev.modelaccess.core.resources.ModelResources;
import dev.modelaccess.core.resources.OpenRouterInstantConfig;
import dev.modelaccess.core.resources.Resource;
import dev.modelaccess.core.resources.ResourceLimitReachedException;
import dev.modelaccess.core.resources.ResourceModelUnusableException;
import dev.modelaccess.core.resources.ResourceNotFoundException;
import dev.modelaccess.core.resources.ResourceType;
import dev.modelaccess.core.resources.ResourceValidationException;
import dev.modelaccess.testsupport.fixtures.TestModels;
import dev.modelaccess.testsupport.keys.InMemoryUserKeyStore;
import dev.modelaccess.testsupport.time.MutableClock;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class ModelResourcesTest {

    static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
    static final String KEY = "sk-or-v1-0123456789abcdef0123456789abcdef0123456789abcdef0123456789abc6e7";
    static final String FREE_MODEL = "meta-llama/llama-3.3-70b-instruct:free";
    static final String PRO_MODEL = "openai/gpt-4o-mini";
    static final String NEW_MODEL = "brand/new-model";

    final MutableClock clock = new MutableClock(T0);
    final UUID alice = UUID.fromString("00000000-0000-4000-8000-00000000a11c");
    final UUID bob = UUID.fromString("00000000-0000-4000-8000-000000000b0b");

    final Fakes.Catalog catalog = new Fakes.Catalog();
    final List<CatalogModel> rules = new ArrayList<>();
    final AtomicReference<RulesSnapshot> snapshot = new AtomicReference<>(RulesSnapshot.empty(T0));
    final Fakes.Profiles profiles = new Fakes.Profiles();
    final ModelAccessService access =
            new ModelAccessService(LiveCatalog.none(), snapshot::get, TierPolicy.flags(), profiles, null);
    final InMemoryUserKeyStore keyStore = new InMemoryUserKeyStore(clock);
    final List<String> verified = new ArrayList<>();
    final UserKeys keys = new UserKeys(
            keyStore,
            new Fakes.TaggingCipher(),
            apiKey -> {
                verified.add(apiKey.value());
                return new KeyVerification.Valid(null, null, null, null, BigDecimal.ZERO, false, null);
            },
            clock);
    final InMemoryResourceStore store = new InMemoryResourceStore(clock);
    final Fakes.Completions completions = new Fakes.Completions();
    static final int MAX_PER_OWNER = 3;
    final ModelResources resources = new ModelResources(store, catalog, access, keys, completions, MAX_PER_OWNER);

    @BeforeEach
    void catalogWithAFreeAProAndANewModel() {
        addToCatalog(FREE_MODEL, ModelStatus.ACTIVE, new TierFlags(true, true, true));
        addToCatalog(PRO_MODEL, ModelStatus.ACTIVE, new TierFlags(false, true, true));
        addToCatalog(NEW_MODEL, ModelStatus.NEW, TierFlags.NONE);
        profiles.rows.put(alice, new UserProfile(alice, Tier.PRO, null));
    }

    void addToCatalog(String modelId, ModelStatus status, TierFlags tiers) {
        CatalogModel row = TestModels.row(modelId).status(status).tiers(tiers).build();
        catalog.put(row);
        rules.removeIf(existing -> existing.modelId().equals(row.modelId()));
        rules.add(row);
        snapshot.set(RulesSnapshot.of(rules, clock.instant()));
    }

    static OpenRouterInstantConfig config(String model) {
        return new OpenRouterInstantConfig(model, "Answer in French.", new ChatParams(0.2, 64, 0.9, null, null, null));
    }

    @Nested
    class Creating {

        @Test
        void aResourceIsStoredForItsOwnerBoundToTheCatalogRow() {
            Resource created = resources.create(alice, "  Translator  ", config(PRO_MODEL));

            assertThat(created.ownerId()).isEqualTo(alice);
            assertThat(created.name()).isEqualTo("Translator");
            assertThat(created.type()).isEqualTo(ResourceType.OPENROUTER_INSTANT);
            assertThat(created.modelId()).isEqualTo(PRO_MODEL);
            assertThat(created.catalogModelId())
                    .isEqualTo(catalog.rows.get(PRO_MODEL).id());
            assertThat(created.config()).isEqualTo(config(PRO_MODEL));
            assertThat(resources.get(alice, created.id())).isEqualTo(created);
        }

        @Test
        void aModelTheCatalogDoesNotHaveIsRefusedAndNothingIsStored() {
            assertThatThrownBy(() -> resources.create(alice, "x", config("nobody/knows")))
                    .isInstanceOfSatisfying(
                            ResourceValidationException.class,
                            e -> assertThat(e.problems())
                                    .containsExactly("model: there is no model 'nobody/knows' in the catalog"));
            assertThat(store.size()).isZero();
        }

        @Test
        void aModelTheOwnersTierMayNotUseIsRefused() {
            assertThatThrownBy(() -> resources.create(bob, "x", config(PRO_MODEL)))
                    .isInstanceOfSatisfying(
                            ResourceValidationException.class,
                            e -> assertThat(e.problems())
                                    .containsExactly("model: 'openai/gpt-4o-mini' is not available to the free tier"));
            assertThatThrownBy(() -> resources.create(alice, "x", config(NEW_MODEL)))
                    .isInstanceOf(ResourceValidationException.class)
                    .hasMessageContaining("not available to the pro tier");
            assertThat(store.size()).isZero();
        }

        @Test
        void everyProblemIsReportedTogether() {
            OpenRouterInstantConfig bad = new OpenRouterInstantConfig(
                    "nobody/knows", null, new ChatParams(9.0, null, null, null, null, null));

            assertThatThrownBy(() -> resources.create(alice, " ", bad))
                    .isInstanceOfSatisfying(
                            ResourceValidationException.class,
                            e -> assertThat(e.problems())
                                    .containsExactly(
                                            "name: is missing",
                                            "config.params.temperature: must be between 0 and 2, was 9.0",
                                            "model: there is no model 'nobody/knows' in the catalog"));
        }

        @Test
        void aMalformedModelIdIsNotLookedUp() {
            assertThatThrownBy(() -> resources.create(alice, "x", config("m".repeat(201))))
                    .isInstanceOfSatisfying(
                            ResourceValidationException.class,
                            e -> assertThat(e.problems()).containsExactly("model: is longer than 200 characters"));
            assertThat(catalog.lookedUp).isEmpty();
        }

        @Test
        void aNameThatIsTooLongOrHoldsControlCharactersIsRefused() {
            assertThatThrownBy(() -> resources.create(alice, "n".repeat(201), config(PRO_MODEL)))
                    .hasMessage("name: is longer than 200 characters");
            assertThatThrownBy(() -> resources.create(alice, "a\u0000b", config(PRO_MODEL)))
                    .hasMessage("name: must not contain control characters");
            assertThatThrownBy(() -> resources.create(alice, null, config(PRO_MODEL)))
                    .hasMessage("name: is missing");
            assertThat(store.size()).isZero();
        }

        @Test
        void pastTheLimitPerOwnerNothingIsStoredAndTheLimitIsNamed() {
            for (int i = 0; i < MAX_PER_OWNER; i++) {
                resources.create(alice, "r" + i, config(FREE_MODEL));
            }

            assertThatThrownBy(() -> resources.create(alice, "one more", config(FREE_MODEL)))
                    .isInstanceOfSatisfying(ResourceLimitReachedException.class, e -> {
                        assertThat(e.limit()).isEqualTo(MAX_PER_OWNER);
                        assertThat(e.ownerId()).isEqualTo(alice);
                    })
                    .hasMessageContaining("at most " + MAX_PER_OWNER + " resources");
            assertThat(store.size()).isEqualTo(MAX_PER_OWNER);
            assertThat(resources.create(bob, "bob's", config(FREE_MODEL)).ownerId())
                    .isEqualTo(bob);
        }

        @Test
        void theLimitMustAllowAtLeastOneResource() {
            assertThatThrownBy(() -> new ModelResources(store, catalog, access, keys, completions, 0))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("maxPerOwner");
        }
    }

    @Nested
    class ReadingAndDeleting {

        @Test
        void eachUserListsOnlyTheirOwnResourcesNewestFirst() {
            Resource first = resources.create(alice, "first", config(FREE_MODEL));
            clock.advance(Duration.ofMinutes(1));
            Resource second = resources.create(alice, "second", config(PRO_MODEL));
            Resource bobs = resources.create(bob, "bob's", config(FREE_MODEL));

            assertThat(resources.list(alice, 10, 0)).containsExactly(second, first);
            assertThat(resources.list(alice, 1, 1)).containsExactly(first);
            assertThat(resources.list(bob, 10, 0)).containsExactly(bobs);
        }

        @Test
        void listingBoundsAreChecked() {
            assertThatThrownBy(() -> resources.list(alice, 0, 0)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> resources.list(alice, ModelResources.MAX_LIST_LIMIT + 1, 0))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThat(resources.list(alice, ModelResources.MAX_LIST_LIMIT, 0)).isEmpty();
            assertThatThrownBy(() -> resources.list(alice, 10, -1)).isInstanceOf(IllegalArgumentException.class);
        }

        @Test
        void anotherUsersResourceIsNotFoundAndCannotBeDeleted() {
            Resource bobs = resources.create(bob, "bob's", config(FREE_MODEL));

            assertThatThrownBy(() -> resources.get(alice, bobs.id()))
                    .isInstanceOfSatisfying(
                            ResourceNotFoundException.class,
                            e -> assertThat(e.resourceId()).isEqualTo(bobs.id()))
                    .hasMessage("No resource " + bobs.id());
            assertThatThrownBy(() -> resources.delete(alice, bobs.id())).isInstanceOf(ResourceNotFoundException.class);
            assertThat(resources.get(bob, bobs.id())).isEqualTo(bobs);
        }

        @Test
        void theOwnerDeletesTheirResourceAndThenItIsGone() {
            Resource own = resources.create(alice, "mine", config(FREE_MODEL));

            resources.delete(alice, own.id());

            assertThatThrownBy(() -> resources.get(alice, own.id())).isInstanceOf(ResourceNotFoundException.class);
            assertThatThrownBy(() -> resources.delete(alice, own.id())).isInstanceOf(ResourceNotFoundException.class);
        }
    }

    @Nested
    class Running {

        Resource resource;

        @BeforeEach
        void aliceHasAKeyAndAResource() {
            keys.save(alice, KEY);
            resource = resources.create(alice, "Translator", config(PRO_MODEL));
        }

        @Test
        void theCompletionRunsWithTheOwnersKeyTheStoredPromptAndParameters() {
            ChatCompletion completion = resources.run(alice, resource.id(), "Hello");

            assertThat(completion.text()).isEqualTo("echo: Hello");
            assertThat(completions.calls).singleElement().satisfies(call -> {
                assertThat(call.apiKey()).isEqualTo(KEY);
                assertThat(call.request())
                        .isEqualTo(new ChatRequest(
                                PRO_MODEL,
                                "Answer in French.",
                                "Hello",
                                new ChatParams(0.2, 64, 0.9, null, null, null)));
            });
        }

        @Test
        void aBlankSystemPromptIsNotSent() {
            Resource plain = resources.create(
                    alice, "plain", new OpenRouterInstantConfig(FREE_MODEL, "   ", ChatParams.DEFAULTS));

            resources.run(alice, plain.id(), "Hi");

            assertThat(completions.calls.getFirst().request().systemPrompt()).isNull();
        }

        @Test
        void aMissingBlankOrOverlongInputIsRefusedBeforeAnythingElse() {
            assertThatThrownBy(() -> resources.run(alice, resource.id(), null)).hasMessage("input: is missing");
            assertThatThrownBy(() -> resources.run(alice, resource.id(), " \n "))
                    .hasMessage("input: is missing");
            assertThatThrownBy(() -> resources.run(alice, UUID.randomUUID(), "x".repeat(100_001)))
                    .isInstanceOf(ResourceValidationException.class)
                    .hasMessage("input: is 100001 characters long, at most 100000 are allowed");
            assertThat(completions.calls).isEmpty();
        }

        @Test
        void anotherUsersResourceIsNotFoundAndNothingIsSent() {
            keys.save(bob, KEY);

            assertThatThrownBy(() -> resources.run(bob, resource.id(), "Hello"))
                    .isInstanceOf(ResourceNotFoundException.class);
            assertThat(completions.calls).isEmpty();
        }

        @Test
        void aResourceWhoseCatalogRowWasDeletedNoLongerRuns() {
            store.catalogRowDeleted(resource.catalogModelId());

            assertThatThrownBy(() -> resources.run(alice, resource.id(), "Hello"))
                    .isInstanceOfSatisfying(ResourceModelUnusableException.class, e -> {
                        assertThat(e.reason()).isEqualTo(ResourceModelUnusableException.Reason.REMOVED_FROM_CATALOG);
                        assertThat(e.modelId()).isEqualTo(PRO_MODEL);
                        assertThat(e.resourceId()).isEqualTo(resource.id());
                    })
                    .hasMessageContaining("was removed from the catalog");
            assertThat(completions.calls).isEmpty();
        }

        @Test
        void aModelDisabledSinceTheResourceWasCreatedIsRefused() {
            addToCatalog(PRO_MODEL, ModelStatus.DISABLED, new TierFlags(false, true, true));

            assertThatThrownBy(() -> resources.run(alice, resource.id(), "Hello"))
                    .isInstanceOfSatisfying(ResourceModelUnusableException.class, e -> {
                        assertThat(e.reason()).isEqualTo(ResourceModelUnusableException.Reason.NOT_ALLOWED_FOR_TIER);
                        assertThat(e.tier()).isEqualTo(Tier.PRO);
                    })
                    .hasMessageContaining("is not available to the pro tier right now");
            assertThat(completions.calls).isEmpty();
        }

        @Test
        void anOwnerWhoseTierDroppedCanNoLongerRunAProModel() {
            profiles.rows.put(alice, new UserProfile(alice, Tier.FREE, null));

            assertThatThrownBy(() -> resources.run(alice, resource.id(), "Hello"))
                    .isInstanceOfSatisfying(
                            ResourceModelUnusableException.class,
                            e -> assertThat(e.tier()).isEqualTo(Tier.FREE));
            assertThat(completions.calls).isEmpty();
        }

        @Test
        void anOwnerWithoutAKeyGetsNoUsableKeyAndNothingIsSent() {
            keys.delete(alice);

            assertThatThrownBy(() -> resources.run(alice, resource.id(), "Hello"))
                    .isInstanceOfSatisfying(
                            NoUsableKeyException.class,
                            e -> assertThat(e.reason()).isEqualTo(NoUsableKeyException.Reason.NONE));
            assertThat(completions.calls).isEmpty();
        }

        @Test
        void aKeyOpenRouterRefusesIsMarkedInvalidAndLaterRunsStopBeforeOpenRouter() {
            completions.failWith(new UpstreamRejectedException("HTTP 401", 401, "401", "User not found."));

            assertThatThrownBy(() -> resources.run(alice, resource.id(), "Hello"))
                    .isInstanceOfSatisfying(NoUsableKeyException.class, e -> {
                        assertThat(e.reason()).isEqualTo(NoUsableKeyException.Reason.INVALID);
                        assertThat(e.getCause()).isInstanceOf(UpstreamRejectedException.class);
                    });
            assertThat(keys.status(alice).orElseThrow().valid()).isFalse();

            assertThatThrownBy(() -> resources.run(alice, resource.id(), "Hello again"))
                    .isInstanceOf(NoUsableKeyException.class);
            assertThat(completions.calls).hasSize(1);
        }

        @Test
        void otherRefusalsPassThroughAndLeaveTheKeyValid() {
            completions.failWith(new UpstreamRejectedException("HTTP 402", 402, "402", "Insufficient credits"));

            assertThatThrownBy(() -> resources.run(alice, resource.id(), "Hello"))
                    .isInstanceOfSatisfying(
                            UpstreamRejectedException.class,
                            e -> assertThat(e.status()).isEqualTo(402));
            assertThat(keys.status(alice).orElseThrow().valid()).isTrue();
        }

        @Test
        void anUnavailableOpenRouterPassesThrough() {
            completions.failWith(UpstreamUnavailableException.status("HTTP 429", 429, "429", "Rate limited"));

            assertThatThrownBy(() -> resources.run(alice, resource.id(), "Hello"))
                    .isInstanceOfSatisfying(
                            UpstreamUnavailableException.class,
                            e -> assertThat(e.status()).isEqualTo(429));
            assertThat(keys.status(alice).orElseThrow().valid()).isTrue();
        }
    }
}
