package dev.modelaccess.openrouter;

import static dev.modelaccess.testsupport.openrouter.LocalOpenRouter.json;
import static dev.modelaccess.testsupport.openrouter.LocalOpenRouter.raw;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.modelaccess.core.MalformedUpstreamResponseException;
import dev.modelaccess.core.UpstreamException;
import dev.modelaccess.core.UpstreamRejectedException;
import dev.modelaccess.core.UpstreamUnavailableException;
import dev.modelaccess.core.keys.OpenRouterApiKey;
import dev.modelaccess.core.port.ChatCompletion;
import dev.modelaccess.core.port.ChatParams;
import dev.modelaccess.core.port.ChatRequest;
import dev.modelaccess.testsupport.openrouter.LocalOpenRouter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

class OpenRouterClientChatTest extends LocalOpenRouterTest {

    private static final String PATH = "/api/v1/chat/completions";
    private static final String KEY = "sk-or-v1-0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";
    private static final OpenRouterApiKey API_KEY = OpenRouterApiKey.parse(KEY);
    private static final ChatRequest REQUEST = new ChatRequest(
            "openai/gpt-4o-mini", "Answer in French.", "Hello", new ChatParams(0.2, 64, 0.9, null, null, null));

    private static final String COMPLETION = """
            {"id":"gen-123","provider":"OpenAI","model":"openai/gpt-4o-mini-2024-07-18","object":"chat.completion",
             "created":1735689600,"choices":[{"logprobs":null,"finish_reason":"stop","native_finish_reason":"stop",
             "index":0,"message":{"role":"assistant","content":"Bonjour","refusal":null,"reasoning":null}}],
             "usage":{"prompt_tokens":14,"completion_tokens":2,"total_tokens":16,"cost":0.0000033}}""";

    private static JsonNode tree(String text) {
        return Json.MAPPER.readTree(text);
    }

    @Test
    void theCompletionComesBackWithItsModelFinishReasonAndUsage() {
        openRouter.on(PATH, json(200, COMPLETION));

        ChatCompletion completion = client().build().complete(API_KEY, REQUEST);

        assertThat(completion)
                .isEqualTo(new ChatCompletion(
                        "gen-123",
                        "openai/gpt-4o-mini-2024-07-18",
                        "Bonjour",
                        "stop",
                        new ChatCompletion.TokenUsage(14, 2, 16)));
    }

    @Test
    void theRequestIsAPostWithTheUsersKeyTheMessagesAndOnlyTheParametersThatAreSet() {
        openRouter.on(PATH, json(200, COMPLETION));

        client().build().complete(API_KEY, REQUEST);

        LocalOpenRouter.Received request = openRouter.received().getFirst();
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.pathAndQuery()).isEqualTo(PATH);
        assertThat(request.header("Authorization")).isEqualTo("Bearer " + KEY);
        assertThat(request.header("Content-Type")).startsWith("application/json");
        assertThat(tree(request.body())).isEqualTo(tree("""
                        {"model":"openai/gpt-4o-mini",
                         "messages":[{"role":"system","content":"Answer in French."},{"role":"user","content":"Hello"}],
                         "stream":false,"temperature":0.2,"max_tokens":64,"top_p":0.9}"""));
    }

    @Test
    void everyParameterHasItsOpenRouterName() {
        openRouter.on(PATH, json(200, COMPLETION));

        client().build()
                .complete(API_KEY, new ChatRequest("a/b", null, "Hi", new ChatParams(1.0, 10, 0.5, 40, 0.1, -0.1)));

        JsonNode body = tree(openRouter.received().getFirst().body());
        assertThat(body.get("messages")).hasSize(1);
        assertThat(body.get("messages").get(0).get("role").stringValue()).isEqualTo("user");
        assertThat(body.propertyNames())
                .containsExactlyInAnyOrder(
                        "model",
                        "messages",
                        "stream",
                        "temperature",
                        "max_tokens",
                        "top_p",
                        "top_k",
                        "frequency_penalty",
                        "presence_penalty");
    }

    @Test
    void aBlankSystemPromptSendsNoSystemMessage() {
        openRouter.on(PATH, json(200, COMPLETION));

        client().build().complete(API_KEY, new ChatRequest("a/b", "  ", "Hi", ChatParams.DEFAULTS));

        JsonNode body = tree(openRouter.received().getFirst().body());
        assertThat(body.get("messages")).hasSize(1);
        assertThat(body.has("temperature")).isFalse();
    }

    @Test
    void theUsersKeyIsSentEvenWhenACatalogKeyIsConfigured() {
        openRouter.on(PATH, json(200, COMPLETION));

        client().apiKey("sk-or-v1-catalog").build().complete(API_KEY, REQUEST);

        assertThat(openRouter.received().getFirst().header("Authorization")).isEqualTo("Bearer " + KEY);
    }

    @Test
    void contentGivenAsPartsIsJoinedAndAMissingModelOrUsageIsTolerated() {
        openRouter.on(PATH, json(200, """
                        {"choices":[{"message":{"role":"assistant","content":[{"type":"text","text":"Bon"},
                         {"type":"image_url","image_url":{"url":"x"}},{"type":"text","text":"jour"}]}}]}"""));

        ChatCompletion completion = client().build().complete(API_KEY, REQUEST);

        assertThat(completion.text()).isEqualTo("Bonjour");
        assertThat(completion.model()).isEqualTo("openai/gpt-4o-mini");
        assertThat(completion.usage()).isNull();
        assertThat(completion.finishReason()).isNull();
        assertThat(completion.id()).isNull();
    }

    @Test
    void aRefusalWithoutContentIsTheText() {
        openRouter.on(
                PATH,
                json(
                        200,
                        "{\"choices\":[{\"message\":{\"role\":\"assistant\",\"content\":null,"
                                + "\"refusal\":\"I can't help with that.\"}}]}"));

        assertThat(client().build().complete(API_KEY, REQUEST).text()).isEqualTo("I can't help with that.");
    }

    @Test
    void anInvalidKeyIsRejectedWith401AndOpenRoutersMessage() {
        openRouter.on(PATH, json(401, "{\"error\":{\"message\":\"User not found.\",\"code\":401}}"));

        UpstreamRejectedException failure = catchThrowableOfType(
                UpstreamRejectedException.class, () -> client().build().complete(API_KEY, REQUEST));

        assertThat(failure.status()).isEqualTo(401);
        assertThat(failure.errorCode()).isEqualTo("401");
        assertThat(failure.upstreamMessage()).isEqualTo("User not found.");
        assertThat(failure).hasMessageContaining("HTTP 401").hasMessageContaining("POST");
        assertThat(openRouter.received()).hasSize(1);
    }

    @Test
    void tooFewCreditsIsRejectedWith402() {
        openRouter.on(
                PATH,
                json(
                        402,
                        "{\"error\":{\"message\":\"Insufficient credits. Add more using https://openrouter.ai/credits\","
                                + "\"code\":402}}"));

        UpstreamRejectedException failure = catchThrowableOfType(
                UpstreamRejectedException.class, () -> client().build().complete(API_KEY, REQUEST));

        assertThat(failure.status()).isEqualTo(402);
        assertThat(failure.upstreamMessage()).startsWith("Insufficient credits");
        assertThat(openRouter.received()).hasSize(1);
    }

    @Test
    void inputFlaggedByModerationIsRejectedWith403() {
        openRouter.on(
                PATH,
                json(
                        403,
                        "{\"error\":{\"message\":\"Input was flagged\",\"code\":403,"
                                + "\"metadata\":{\"reasons\":[\"harassment\"],\"flagged_input\":\"Hel...\"}}}"));

        assertThatThrownBy(() -> client().build().complete(API_KEY, REQUEST))
                .isInstanceOfSatisfying(
                        UpstreamRejectedException.class,
                        e -> assertThat(e.status()).isEqualTo(403));
    }

    @Test
    void aRateLimitWithoutRetryAfterIsNotRetried() {
        openRouter.on(PATH, json(429, "{\"error\":{\"message\":\"Rate limit exceeded\",\"code\":429}}"));

        UpstreamUnavailableException failure = catchThrowableOfType(
                UpstreamUnavailableException.class, () -> client().build().complete(API_KEY, REQUEST));

        assertThat(failure.status()).isEqualTo(429);
        assertThat(failure.upstreamMessage()).isEqualTo("Rate limit exceeded");
        assertThat(failure).hasMessageNotContaining("attempts");
        assertThat(openRouter.received()).hasSize(1);
        assertThat(waits).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(ints = {429, 503})
    void a429Or503WithAShortRetryAfterIsRetriedAfterThatWait(int status) {
        openRouter.on(PATH, json(status, "{}", "Retry-After", "2"), json(200, COMPLETION));

        assertThat(client().build().complete(API_KEY, REQUEST).text()).isEqualTo("Bonjour");

        assertThat(waits).containsExactly(Duration.ofSeconds(2));
        assertThat(openRouter.received()).hasSize(2);
    }

    @Test
    void retriesUpstreamAsksForStillStopAfterThreeAttempts() {
        openRouter.on(PATH, json(503, "{\"error\":{\"message\":\"Overloaded\",\"code\":503}}", "Retry-After", "1"));

        UpstreamUnavailableException failure = catchThrowableOfType(
                UpstreamUnavailableException.class, () -> client().build().complete(API_KEY, REQUEST));

        assertThat(failure.status()).isEqualTo(503);
        assertThat(failure).hasMessageContaining("all 3 attempts failed");
        assertThat(openRouter.received()).hasSize(3);
    }

    @Test
    void aRetryAfterLongerThanThirtySecondsFailsAtOnce() {
        openRouter.on(PATH, json(429, "{}", "Retry-After", "60"), json(200, COMPLETION));

        UpstreamUnavailableException failure = catchThrowableOfType(
                UpstreamUnavailableException.class, () -> client().build().complete(API_KEY, REQUEST));

        assertThat(failure.status()).isEqualTo(429);
        assertThat(failure).hasMessageContaining("longer than the 30 s");
        assertThat(openRouter.received()).hasSize(1);
        assertThat(waits).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(ints = {500, 502, 503, 504, 408})
    void serverErrorsWithoutRetryAfterAreUnavailableAtOnce(int status) {
        openRouter.on(
                PATH, json(status, "{\"error\":{\"message\":\"Provider returned error\",\"code\":" + status + "}}"));

        UpstreamUnavailableException failure = catchThrowableOfType(
                UpstreamUnavailableException.class, () -> client().build().complete(API_KEY, REQUEST));

        assertThat(failure.status()).isEqualTo(status);
        assertThat(failure.upstreamMessage()).isEqualTo("Provider returned error");
        assertThat(openRouter.received()).hasSize(1);
        assertThat(waits).isEmpty();
    }

    @Test
    void aTimeoutIsNotRetriedBecauseTheCompletionMayHaveRun() {
        openRouter.on(PATH, LocalOpenRouter.silence());

        UpstreamUnavailableException failure = catchThrowableOfType(
                UpstreamUnavailableException.class,
                () -> client().readTimeout(Duration.ofMillis(200)).build().complete(API_KEY, REQUEST));

        assertThat(failure).hasMessageContaining("read timeout").hasMessageContaining("not retried");
        assertThat(failure.status()).isNull();
        assertThat(openRouter.received()).hasSize(1);
    }

    @Test
    void aRefusedConnectionIsUnavailable() throws IOException {
        UpstreamUnavailableException failure = catchThrowableOfType(
                UpstreamUnavailableException.class,
                () -> client().baseUrl(refusingBaseUrl()).build().complete(API_KEY, REQUEST));

        assertThat(failure).hasMessageContaining("Could not connect");
        assertThat(waits).isEmpty();
    }

    @Test
    void anErrorInsteadOfChoicesInA200IsAnUpstreamFailure() {
        openRouter.on(
                PATH,
                json(200, "{\"error\":{\"message\":\"Provider disconnected\",\"code\":502}}"),
                json(200, "{\"error\":{\"message\":\"Context too long\",\"code\":400}}"),
                json(
                        200,
                        "{\"choices\":[{\"finish_reason\":\"error\",\"error\":{\"message\":\"Boom\",\"code\":\"x\"}}]}"));
        OpenRouterClient client = client().build();

        assertThatThrownBy(() -> client.complete(API_KEY, REQUEST))
                .isInstanceOfSatisfying(UpstreamUnavailableException.class, e -> {
                    assertThat(e.status()).isEqualTo(502);
                    assertThat(e.upstreamMessage()).isEqualTo("Provider disconnected");
                });
        assertThatThrownBy(() -> client.complete(API_KEY, REQUEST))
                .isInstanceOfSatisfying(
                        UpstreamRejectedException.class,
                        e -> assertThat(e.status()).isEqualTo(400));
        assertThatThrownBy(() -> client.complete(API_KEY, REQUEST))
                .isInstanceOfSatisfying(UpstreamUnavailableException.class, e -> {
                    assertThat(e.status()).isNull();
                    assertThat(e.upstreamMessage()).isEqualTo("Boom");
                });
    }

    @Test
    void anAnswerWithoutAUsableChoiceIsMalformed() {
        openRouter.on(
                PATH,
                json(200, "{\"choices\":[]}"),
                json(200, "{\"choices\":[{\"finish_reason\":\"stop\"}]}"),
                raw(200, "text/html", "<html>hi</html>".getBytes(StandardCharsets.UTF_8)),
                json(200, "{\"choices\":"));
        OpenRouterClient client = client().build();

        for (int i = 0; i < 4; i++) {
            assertThatThrownBy(() -> client.complete(API_KEY, REQUEST))
                    .isInstanceOf(MalformedUpstreamResponseException.class)
                    .isInstanceOf(UpstreamException.class);
        }
        assertThat(openRouter.received()).hasSize(4);
    }
}
