package dev.modelaccess.testsupport.resources;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modelaccess.core.port.ChatParams;
import dev.modelaccess.core.resources.NewResource;
import dev.modelaccess.core.resources.OpenRouterInstantConfig;
import dev.modelaccess.core.resources.Resource;
import dev.modelaccess.core.resources.ResourceStore;
import dev.modelaccess.core.resources.ResourceType;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link ResourceStore} does. Extend it in the adapter's tests and implement the three hooks; each test
 * uses fresh owners, so the store need not be emptied.
 */
public abstract class ResourceStoreContract {

    /** The store under test. */
    protected abstract ResourceStore store();

    /** Makes a catalog row for {@code modelId} (a {@code model_access} row) and answers its id. */
    protected abstract UUID catalogRow(String modelId);

    /** Deletes the catalog row {@code id}, as an admin or plain SQL would. */
    protected abstract void deleteCatalogRow(UUID id);

    protected UUID alice;
    protected UUID bob;
    protected UUID gpt;
    protected UUID llama;

    @BeforeEach
    void freshOwnersAndModels() {
        alice = UUID.randomUUID();
        bob = UUID.randomUUID();
        gpt = catalogRow("openai/gpt-4o-mini-" + UUID.randomUUID());
        llama = catalogRow("meta-llama/llama-" + UUID.randomUUID());
    }

    protected static OpenRouterInstantConfig config(String modelId) {
        return new OpenRouterInstantConfig(
                modelId,
                "Réponds en français. \"Quotes\", \\ backslashes, 🙂 and\nlines",
                new ChatParams(0.2, 64, 0.9, 40, 0.5, -1.5));
    }

    /** A limit no test reaches. */
    protected static final int NO_LIMIT = Integer.MAX_VALUE;

    protected Resource insert(UUID owner, String name, UUID catalogModelId) {
        return store().insert(
                        new NewResource(
                                owner, name, ResourceType.OPENROUTER_INSTANT, catalogModelId, config("m/" + name)),
                        NO_LIMIT)
                .orElseThrow();
    }

    @Test
    void atItsLimitAnOwnerGetsNothingStoredWhileOthersAreUnaffected() {
        NewResource another = new NewResource(alice, "fourth", ResourceType.OPENROUTER_INSTANT, gpt, config("a/b"));
        for (String name : List.of("one", "two", "three")) {
            assertThat(store().insert(
                                    new NewResource(alice, name, ResourceType.OPENROUTER_INSTANT, gpt, config("a/b")),
                                    3))
                    .isPresent();
        }

        assertThat(store().insert(another, 3)).isEmpty();
        assertThat(store().insert(another, 2)).as("already past a lower limit").isEmpty();
        assertThat(store().listByOwner(alice, 100, 0)).hasSize(3);
        assertThat(store().insert(
                                new NewResource(bob, "bob's", ResourceType.OPENROUTER_INSTANT, gpt, config("a/b")), 3))
                .isPresent();

        Resource oldest = store().listByOwner(alice, 100, 0).getLast();
        assertThat(store().delete(alice, oldest.id())).isTrue();
        assertThat(store().insert(another, 3))
                .as("a deleted one frees its place")
                .isPresent();
    }

    @Test
    void concurrentInsertsForOneOwnerNeverPassTheLimitTogether() throws Exception {
        int limit = 5;
        int attempts = 24;
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Optional<Resource>>> results = new ArrayList<>();
        try (ExecutorService threads = Executors.newFixedThreadPool(8)) {
            for (int i = 0; i < attempts; i++) {
                String name = "parallel-" + i;
                results.add(threads.submit(() -> {
                    start.await();
                    return store().insert(
                                    new NewResource(alice, name, ResourceType.OPENROUTER_INSTANT, gpt, config("a/b")),
                                    limit);
                }));
            }
            start.countDown();
            int stored = 0;
            for (Future<Optional<Resource>> result : results) {
                if (result.get(1, TimeUnit.MINUTES).isPresent()) {
                    stored++;
                }
            }
            assertThat(stored).isEqualTo(limit);
        }
        assertThat(store().listByOwner(alice, 100, 0)).hasSize(limit);
    }

    @Test
    void anInsertedResourceComesBackAsStoredWithAnIdAndTimestamps() {
        Resource created = store().insert(
                        new NewResource(
                                alice,
                                "Translator",
                                ResourceType.OPENROUTER_INSTANT,
                                gpt,
                                config("openai/gpt-4o-mini")),
                        NO_LIMIT)
                .orElseThrow();

        assertThat(created.id()).isNotNull();
        assertThat(created.ownerId()).isEqualTo(alice);
        assertThat(created.name()).isEqualTo("Translator");
        assertThat(created.type()).isEqualTo(ResourceType.OPENROUTER_INSTANT);
        assertThat(created.catalogModelId()).isEqualTo(gpt);
        assertThat(created.config()).isEqualTo(config("openai/gpt-4o-mini"));
        assertThat(created.updatedAt()).isEqualTo(created.createdAt());
        assertThat(store().find(alice, created.id())).contains(created);
    }

    @Test
    void parametersLeftOutStayLeftOut() {
        OpenRouterInstantConfig plain = new OpenRouterInstantConfig("a/b", null, ChatParams.DEFAULTS);
        Resource created = store().insert(
                        new NewResource(alice, "Plain", ResourceType.OPENROUTER_INSTANT, gpt, plain), NO_LIMIT)
                .orElseThrow();

        assertThat(store().find(alice, created.id()).orElseThrow().config()).isEqualTo(plain);
    }

    @Test
    void eachInsertGetsItsOwnId() {
        assertThat(insert(alice, "one", gpt).id())
                .isNotEqualTo(insert(alice, "two", gpt).id());
    }

    @Test
    void anUnknownIdIsNotFound() {
        assertThat(store().find(alice, UUID.randomUUID())).isEmpty();
        assertThat(store().delete(alice, UUID.randomUUID())).isFalse();
    }

    @Test
    void anotherUsersResourceIsNeitherFoundNorDeleted() {
        Resource bobs = insert(bob, "bobs", gpt);

        assertThat(store().find(alice, bobs.id())).isEmpty();
        assertThat(store().delete(alice, bobs.id())).isFalse();
        assertThat(store().find(bob, bobs.id())).contains(bobs);
        assertThat(store().listByOwner(alice, 10, 0)).isEmpty();
    }

    @Test
    void theOwnerDeletesTheirResourceOnce() {
        Resource own = insert(alice, "mine", gpt);

        assertThat(store().delete(alice, own.id())).isTrue();
        assertThat(store().delete(alice, own.id())).isFalse();
        assertThat(store().find(alice, own.id())).isEmpty();
    }

    @Test
    void anOwnersResourcesAreListedNewestFirstAndPaged() {
        Resource first = insert(alice, "first", gpt);
        Resource second = insert(alice, "second", llama);
        Resource third = insert(alice, "third", gpt);
        insert(bob, "not alices", gpt);

        assertThat(store().listByOwner(alice, 10, 0)).containsExactly(third, second, first);
        assertThat(store().listByOwner(alice, 2, 0)).containsExactly(third, second);
        assertThat(store().listByOwner(alice, 2, 2)).containsExactly(first);
        assertThat(store().listByOwner(alice, 10, 3)).isEmpty();
    }

    @Test
    void deletingTheCatalogRowDetachesItsResourcesAndKeepsThem() {
        Resource bound = insert(alice, "bound", gpt);
        Resource bobsBound = insert(bob, "bobs", gpt);
        Resource other = insert(alice, "other", llama);

        deleteCatalogRow(gpt);

        Resource detached = store().find(alice, bound.id()).orElseThrow();
        assertThat(detached.catalogModelId()).isNull();
        assertThat(detached.config()).isEqualTo(bound.config());
        assertThat(detached.name()).isEqualTo(bound.name());
        assertThat(store().find(bob, bobsBound.id()).orElseThrow().catalogModelId())
                .isNull();
        assertThat(store().find(alice, other.id()).orElseThrow().catalogModelId())
                .isEqualTo(llama);
    }
}
