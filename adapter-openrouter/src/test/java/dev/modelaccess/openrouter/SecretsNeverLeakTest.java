package dev.modelaccess.openrouter;

import static dev.modelaccess.testsupport.openrouter.LocalOpenRouter.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.modelaccess.core.UpstreamException;
import dev.modelaccess.core.keys.MalformedApiKeyException;
import dev.modelaccess.core.keys.OpenRouterApiKey;
import dev.modelaccess.core.port.ChatParams;
import dev.modelaccess.core.port.ChatRequest;
import dev.modelaccess.core.port.KeyVerification;
import dev.modelaccess.testsupport.openrouter.LocalOpenRouter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * No API key in a log line, an exception message or a cause, whatever happens (catalog, key checks, chat
 * completions); and no Feign or Jackson exception
 * in any cause chain. Log output (slf4j-simple at
 * trace for this library, see {@code simplelogger.properties}) is captured from {@code System.err}.
 */
class SecretsNeverLeakTest {

    private static final String USER_KEY = "sk-or-v1-user0secret0user0secret0user0secret0user0secret0user0secret";
    private static final String CATALOG_KEY = "sk-or-v1-catalog0secret0catalog0secret0catalog0secret0catalog0";

    private final ByteArrayOutputStream captured = new ByteArrayOutputStream();
    private final List<String> texts = new ArrayList<>();
    private PrintStream originalErr;
    private LocalOpenRouter openRouter;

    @BeforeEach
    void captureLogs() throws IOException {
        originalErr = System.err;
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        openRouter = LocalOpenRouter.start();
    }

    @AfterEach
    void restore() {
        System.setErr(originalErr);
        openRouter.close();
    }

    private OpenRouterClient client() {
        return OpenRouterClient.builder()
                .baseUrl(openRouter.baseUrl())
                .apiKey(CATALOG_KEY)
                // long enough for a first request on a busy machine; only the final silence waits it out
                .readTimeout(Duration.ofSeconds(2))
                .sleeper(d -> {})
                .build();
    }

    private void recordFailure(Runnable call) {
        try {
            call.run();
        } catch (UpstreamException | MalformedApiKeyException | IllegalArgumentException e) {
            for (Throwable t = e; t != null; t = t.getCause()) {
                assertThat(t.getClass().getName())
                        .as("no Feign or Jackson exception leaves the adapter")
                        .doesNotStartWith("feign.")
                        .doesNotStartWith("tools.jackson.");
                texts.add(String.valueOf(t.getMessage()));
                texts.add(t.toString());
            }
        }
    }

    private void recordVerification(KeyVerification verification) {
        texts.add(verification.toString());
    }

    @Test
    void keysAppearInNoLogLineNoMessageAndNoCause() {
        openRouter.on(
                "/api/v1/key",
                json(401, "{\"error\":{\"message\":\"User not found.\",\"code\":401}}"),
                json(503, "{\"error\":{\"message\":\"down for " + USER_KEY + "\",\"code\":503}}"),
                json(503, "{}"),
                json(503, "{}"),
                json(429, "{}", "Retry-After", "600"),
                json(200, "<html>" + USER_KEY + "</html>"),
                json(200, "{\"data\":{\"usage\":\"" + USER_KEY + "\"}}"),
                json(403, "{\"error\":{\"message\":\"key " + USER_KEY + " is disabled\",\"code\":403}}"),
                LocalOpenRouter.silence());
        openRouter.on(
                "/api/v1/models",
                json(429, "{}", "Retry-After", "600"),
                json(503, "{\"error\":{\"message\":\"busy, " + CATALOG_KEY + "\",\"code\":503}}"),
                json(503, "{}"),
                json(503, "{}"),
                json(401, "{\"error\":{\"message\":\"bad key " + CATALOG_KEY + "\",\"code\":401}}"),
                json(200, "<html>nope</html>"),
                json(200, "{\"data\":[{\"id\":\"a/1\"}],\"total_count\":5}"),
                LocalOpenRouter.silence());
        OpenRouterClient client = client();

        for (int i = 0; i < 7; i++) {
            recordVerification(client.verifyKey(OpenRouterApiKey.parse(USER_KEY)));
        }
        for (int i = 0; i < 6; i++) {
            recordFailure(client::fetchCatalog);
        }
        recordFailure(() -> OpenRouterClient.builder().apiKey("not a key " + CATALOG_KEY));
        recordFailure(() -> client.verifyKey(OpenRouterApiKey.parse("bad key " + USER_KEY)));
        recordVerification(OpenRouterClient.builder()
                .baseUrl("http://127.0.0.1:1/api/v1")
                .sleeper(d -> {})
                .build()
                .verifyKey(OpenRouterApiKey.parse(USER_KEY)));

        String logs = captured.toString(StandardCharsets.UTF_8);
        assertThat(logs).as("the library logged something to check").contains("OpenRouter");
        assertThat(texts).hasSizeGreaterThan(10);
        assertThat(openRouter.received())
                .as("the keys did travel, in the Authorization header only")
                .anySatisfy(r -> assertThat(r.header("Authorization")).isEqualTo("Bearer " + USER_KEY))
                .anySatisfy(r -> assertThat(r.header("Authorization")).isEqualTo("Bearer " + CATALOG_KEY));
        for (String secret : List.of(USER_KEY, CATALOG_KEY, "user0secret", "catalog0secret")) {
            assertThat(logs).doesNotContain(secret);
            assertThat(texts).noneSatisfy(text -> assertThat(text).contains(secret));
        }
    }

    @Test
    void chatCompletionsPutTheUsersKeyInNoLogLineNoMessageAndNoCause() {
        openRouter.on(
                "/api/v1/chat/completions",
                json(401, "{\"error\":{\"message\":\"No auth for " + USER_KEY + "\",\"code\":401}}"),
                json(402, "{\"error\":{\"message\":\"Key " + USER_KEY + " has no credits\",\"code\":402}}"),
                json(429, "{\"error\":{\"message\":\"Slow down " + USER_KEY + "\",\"code\":429}}"),
                json(503, "{\"error\":{\"message\":\"down " + USER_KEY + "\"}}", "Retry-After", "1"),
                json(503, "{}", "Retry-After", "1"),
                json(503, "{}", "Retry-After", "1"),
                json(502, "{\"error\":{\"message\":\"" + USER_KEY + "\",\"code\":\"" + USER_KEY + "\"}}"),
                json(200, "{\"error\":{\"message\":\"provider saw " + USER_KEY + "\",\"code\":502}}"),
                json(200, "<html>" + USER_KEY + "</html>"),
                LocalOpenRouter.silence());
        OpenRouterClient client = client();
        OpenRouterApiKey key = OpenRouterApiKey.parse(USER_KEY);
        ChatRequest request = new ChatRequest("a/b", "system", "input", ChatParams.DEFAULTS);

        for (int i = 0; i < 8; i++) {
            recordFailure(() -> client.complete(key, request));
        }

        String logs = captured.toString(StandardCharsets.UTF_8);
        assertThat(logs).as("the library logged something to check").contains("chat completion");
        assertThat(texts).hasSizeGreaterThanOrEqualTo(16);
        assertThat(openRouter.received())
                .hasSize(10)
                .allSatisfy(r -> assertThat(r.header("Authorization")).isEqualTo("Bearer " + USER_KEY));
        for (String secret : List.of(USER_KEY, "user0secret")) {
            assertThat(logs).doesNotContain(secret);
            assertThat(texts).noneSatisfy(text -> assertThat(text).contains(secret));
        }
    }
}
