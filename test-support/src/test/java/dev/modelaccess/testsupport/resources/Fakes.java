package dev.modelaccess.testsupport.resources;

import dev.modelaccess.core.catalog.CatalogModel;
import dev.modelaccess.core.keys.OpenRouterApiKey;
import dev.modelaccess.core.keys.SecretCipher;
import dev.modelaccess.core.keys.SecretDecryptionException;
import dev.modelaccess.core.port.CatalogPage;
import dev.modelaccess.core.port.CatalogQuery;
import dev.modelaccess.core.port.CatalogReader;
import dev.modelaccess.core.port.ChatCompletion;
import dev.modelaccess.core.port.ChatCompletions;
import dev.modelaccess.core.port.ChatRequest;
import dev.modelaccess.core.port.UserProfile;
import dev.modelaccess.core.port.UserProfiles;
import dev.modelaccess.core.sync.ModelEvent;
import dev.modelaccess.core.sync.SyncRun;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** The small stand-ins {@link ModelResourcesTest} needs. */
final class Fakes {

    private Fakes() {}

    /** A catalog reader (all that {@link ModelResources} needs) that answers {@link #findModel} and nothing else. */
    static final class Catalog implements CatalogReader {
        final Map<String, CatalogModel> rows = new LinkedHashMap<>();
        final List<String> lookedUp = new ArrayList<>();

        void put(CatalogModel row) {
            rows.put(row.modelId(), row);
        }

        @Override
        public Optional<CatalogModel> findModel(String modelId) {
            lookedUp.add(modelId);
            return Optional.ofNullable(rows.get(modelId));
        }

        @Override
        public List<CatalogModel> loadCatalog() {
            return List.copyOf(rows.values());
        }

        @Override
        public CatalogPage searchModels(CatalogQuery query) {
            throw new UnsupportedOperationException();
        }

        @Override
        public List<ModelEvent> eventsOf(String modelId, int limit) {
            throw new UnsupportedOperationException();
        }

        @Override
        public List<SyncRun> recentRuns(int limit) {
            throw new UnsupportedOperationException();
        }
    }

    static final class Profiles implements UserProfiles {
        final Map<UUID, UserProfile> rows = new HashMap<>();

        @Override
        public Optional<UserProfile> find(UUID userId) {
            return Optional.ofNullable(rows.get(userId));
        }

        @Override
        public void setDefaultModel(UUID userId, String modelId) {
            throw new UnsupportedOperationException();
        }
    }

    /** Not encryption: tags the plaintext with the user, which is all the use case relies on. */
    static final class TaggingCipher implements SecretCipher {
        @Override
        public String encrypt(String plaintext, UUID userId) {
            return "k1|" + userId + "|" + new StringBuilder(plaintext).reverse();
        }

        @Override
        public String decrypt(String stored, UUID userId) {
            String[] parts = stored.split("\\|", 3);
            if (parts.length != 3 || !parts[1].equals(userId.toString())) {
                throw new SecretDecryptionException("not this user's value");
            }
            return new StringBuilder(parts[2]).reverse().toString();
        }

        @Override
        public String primaryKeyId() {
            return "k1";
        }

        @Override
        public String keyIdOf(String stored) {
            return "k1";
        }
    }

    /** Records what it is asked and answers what it is told to. */
    static final class Completions implements ChatCompletions {
        record Call(String apiKey, ChatRequest request) {}

        final List<Call> calls = Collections.synchronizedList(new ArrayList<>());
        private @Nullable RuntimeException failure;

        void failWith(RuntimeException failure) {
            this.failure = failure;
        }

        @Override
        public ChatCompletion complete(OpenRouterApiKey apiKey, ChatRequest request) {
            calls.add(new Call(apiKey.value(), request));
            if (failure != null) {
                throw failure;
            }
            return new ChatCompletion(
                    "gen-1",
                    request.model() + "-2025",
                    "echo: " + request.userInput(),
                    "stop",
                    new ChatCompletion.TokenUsage(12, 3, 15));
        }
    }
}
