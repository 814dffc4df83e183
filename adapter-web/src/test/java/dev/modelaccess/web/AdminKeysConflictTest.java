package dev.modelaccess.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modelaccess.core.keys.SecretCipher;
import dev.modelaccess.core.keys.UserKeyStore;
import dev.modelaccess.core.keys.UserKeys;
import dev.modelaccess.core.port.JobLock;
import dev.modelaccess.core.port.OpenRouterKeyVerifier;
import dev.modelaccess.spring.ModelAccessKeyMaintenance;
import java.lang.reflect.Proxy;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The key maintenance routes while another instance holds the job's lock: 409 problem+json, nothing run here; and
 * kept to admins by the module itself, in a host that permits everything.
 */
@SpringBootTest(
        classes = {PermitAllHost.class, AdminKeysConflictTest.LockHeldElsewhere.class},
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "modelaccess.web.enabled=true",
            "modelaccess.schema.migrate=false",
            "modelaccess.catalog.listen.enabled=false",
            "modelaccess.sync.run-on-startup=never",
            "modelaccess.sync.schedule.enabled=false"
        })
class AdminKeysConflictTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** The jobs the lock was asked for; it never runs them (another instance holds it). */
    static final List<String> ASKED = new CopyOnWriteArrayList<>();

    @LocalServerPort
    int port;

    @BeforeEach
    void clear() {
        ASKED.clear();
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            quoteCharacter = '"',
            value = {
                "reencrypt|Another instance is already re-encrypting users' keys; it does the work|reencrypt-user-keys",
                "reverify|Another instance is already re-verifying users' keys; it does the work|reverify-user-keys"
            })
    void aJobWhileAnotherInstanceHoldsTheLockIs409AndNothingRunsHere(String job, String detail, String lockedJob)
            throws Exception {
        HttpResponse<String> response = post("/api/admin/keys/" + job, Tokens.admin(PermitAllHost.ADMIN));

        JsonNode problem = problem(response, 409);
        assertThat(problem.get("detail").asString()).isEqualTo(detail);
        assertThat(ASKED).containsExactly(lockedJob);
    }

    @Test
    void aNonAdminIs403AndNoCallerIs401AndTheLockIsNeverAsked() throws Exception {
        for (String path : List.of("/api/admin/keys/reencrypt", "/api/admin/keys/reverify")) {
            problem(post(path, Tokens.user(PermitAllHost.PRO)), 403);
            problem(post(path, null), 401);
        }
        assertThat(ASKED).isEmpty();
    }

    private JsonNode problem(HttpResponse<String> response, int status) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        JsonNode problem = JSON.readTree(response.body());
        assertThat(problem.get("status").asInt()).isEqualTo(status);
        return problem;
    }

    private HttpResponse<String> post(String path, @Nullable String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .POST(HttpRequest.BodyPublishers.noBody());
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The maintenance on a lock another instance holds; the keys behind it must never be touched. */
    @TestConfiguration(proxyBeanMethods = false)
    static class LockHeldElsewhere {

        @Bean
        ModelAccessKeyMaintenance keyMaintenance() {
            JobLock heldElsewhere = new JobLock() {
                @Override
                public <T> Optional<T> runExclusively(String job, Supplier<? extends T> work) {
                    ASKED.add(job);
                    return Optional.empty();
                }
            };
            UserKeys untouchable = new UserKeys(
                    untouchable(UserKeyStore.class),
                    untouchable(SecretCipher.class),
                    untouchable(OpenRouterKeyVerifier.class),
                    Clock.systemUTC());
            return new ModelAccessKeyMaintenance(untouchable, heldElsewhere);
        }

        private static <T> T untouchable(Class<T> type) {
            return type.cast(
                    Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (proxy, method, args) -> {
                        throw new AssertionError(type.getSimpleName() + "." + method.getName() + " was called");
                    }));
        }
    }
}
