package dev.modelaccess.openrouter;

import static dev.modelaccess.testsupport.openrouter.LocalOpenRouter.json;
import static dev.modelaccess.testsupport.openrouter.LocalOpenRouter.raw;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.modelaccess.core.UpstreamException;
import dev.modelaccess.core.UpstreamRejectedException;
import dev.modelaccess.core.UpstreamUnavailableException;
import dev.modelaccess.testsupport.openrouter.LocalOpenRouter;
import java.io.IOException;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class OpenRouterClientRetryTest extends LocalOpenRouterTest {

    private static final String ONE_MODEL =
            "{\"data\":[{\"id\":\"a/1\",\"pricing\":{\"prompt\":\"0\",\"completion\":\"0\"}}]}";
    private static final Instant NOW = Instant.parse("2026-08-14T12:00:00Z");

    @Override
    OpenRouterClient.Builder client() {
        return super.client().clock(Clock.fixed(NOW, ZoneOffset.UTC));
    }

    @Test
    void a429WithRetryAfterInSecondsIsRetriedAfterThatWait() {
        openRouter.on(
                "/api/v1/models",
                json(429, "{\"error\":{\"code\":429,\"message\":\"Rate limit exceeded\"}}", "Retry-After", "1"),
                json(200, ONE_MODEL));

        assertThat(client().build().fetchCatalog().models()).hasSize(1);

        assertThat(waits).containsExactly(Duration.ofSeconds(1));
        assertThat(openRouter.received()).hasSize(2);
    }

    @Test
    void aRetryAfterDateIsReadAgainstTheClock() {
        String inTwelveSeconds =
                DateTimeFormatter.RFC_1123_DATE_TIME.format(NOW.plusSeconds(12).atOffset(ZoneOffset.UTC));
        openRouter.on("/api/v1/models", json(503, "{}", "Retry-After", inTwelveSeconds), json(200, ONE_MODEL));

        client().build().fetchCatalog();

        assertThat(waits).containsExactly(Duration.ofSeconds(12));
    }

    @Test
    void aRetryAfterLongerThanThirtySecondsFailsAtOnceWithoutWaiting() {
        openRouter.on(
                "/api/v1/models",
                json(429, "{\"error\":{\"code\":429,\"message\":\"Rate limit exceeded\"}}", "Retry-After", "120"),
                json(200, ONE_MODEL));

        UpstreamUnavailableException failure = catchThrowableOfType(
                UpstreamUnavailableException.class, () -> client().build().fetchCatalog());

        assertThat(failure.status()).isEqualTo(429);
        assertThat(failure.errorCode()).isEqualTo("429");
        assertThat(failure.upstreamMessage()).isEqualTo("Rate limit exceeded");
        assertThat(failure).hasMessageContaining("retry after 120 s, longer than the 30 s");
        assertThat(waits).isEmpty();
        assertThat(openRouter.received()).hasSize(1);
    }

    @Test
    void theRetryAfterLimitIsConfigurable() {
        openRouter.on("/api/v1/models", json(429, "{}", "Retry-After", "120"), json(200, ONE_MODEL));

        client().maxRetryAfter(Duration.ofMinutes(5)).build().fetchCatalog();

        assertThat(waits).containsExactly(Duration.ofSeconds(120));
    }

    @Test
    void a503ThreeTimesMakesThreeAttemptsThenUnavailable() {
        openRouter.on("/api/v1/models", json(503, "{\"error\":{\"code\":503,\"message\":\"Service Unavailable\"}}"));

        UpstreamUnavailableException failure = catchThrowableOfType(
                UpstreamUnavailableException.class, () -> client().build().fetchCatalog());

        assertThat(openRouter.received()).hasSize(3);
        assertThat(failure.status()).isEqualTo(503);
        assertThat(failure.errorCode()).isEqualTo("503");
        assertThat(failure.upstreamMessage()).isEqualTo("Service Unavailable");
        assertThat(failure).hasMessageContaining("all 3 attempts failed").hasNoCause();
        assertThat(waits).hasSize(2);
    }

    @Test
    void theBackoffGrowsExponentiallyWithJitter() {
        openRouter.on(
                "/api/v1/models", raw(502, "text/html", "<html>Bad gateway</html>".getBytes(StandardCharsets.UTF_8)));

        assertThatThrownBy(() -> client().maxAttempts(4).build().fetchCatalog())
                .isInstanceOf(UpstreamUnavailableException.class);

        assertThat(waits).hasSize(3);
        assertThat(waits.get(0)).isBetween(Duration.ofMillis(500), Duration.ofMillis(1000));
        assertThat(waits.get(1)).isBetween(Duration.ofMillis(1000), Duration.ofMillis(2000));
        assertThat(waits.get(2)).isBetween(Duration.ofMillis(2000), Duration.ofMillis(4000));
    }

    @Test
    void theJitterSpreadsTheWaitBetweenHalfAndAllOfTheCeiling() {
        BackoffRetryer low = new BackoffRetryer(3, Duration.ofSeconds(1), d -> {}, () -> 0.0);
        BackoffRetryer high = new BackoffRetryer(3, Duration.ofSeconds(1), d -> {}, () -> 0.999);

        assertThat(low.backoff(1)).isEqualTo(Duration.ofMillis(500));
        assertThat(high.backoff(1)).isEqualTo(Duration.ofMillis(999));
        assertThat(low.backoff(3)).isEqualTo(Duration.ofMillis(2000));
    }

    @ParameterizedTest
    @ValueSource(ints = {408, 429, 502, 503, 504})
    void theRetryableStatusesAreRetried(int status) {
        openRouter.on("/api/v1/models", json(status, "{}"), json(200, ONE_MODEL));

        assertThat(client().build().fetchCatalog().models()).hasSize(1);
        assertThat(openRouter.received()).hasSize(2);
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "400|{\"error\":{\"message\":\"google/gemini-2.0-flash-thinking-exp:free is not a valid model ID\",\"code\":400}}|400|google/gemini-2.0-flash-thinking-exp:free is not a valid model ID",
                "401|{\"error\":{\"message\":\"No auth credentials found\",\"code\":401}}|401|No auth credentials found",
                "402|{\"error\":{\"message\":\"Insufficient credits.\",\"code\":402}}|402|Insufficient credits.",
                "403|{\"error\":{\"code\":\"forbidden\",\"message\":\"Not allowed\"}}|forbidden|Not allowed",
                "404|{\"error\":{\"message\":\"Not Found\",\"code\":404}}|404|Not Found"
            })
    void clientErrorsAreRejectedAtOnceWithOpenRoutersCodeAndMessage(
            int status, String body, String code, String message) {
        openRouter.on("/api/v1/models", json(status, body), json(200, ONE_MODEL));

        UpstreamRejectedException failure = catchThrowableOfType(
                UpstreamRejectedException.class, () -> client().build().fetchCatalog());

        assertThat(failure.status()).isEqualTo(status);
        assertThat(failure.errorCode()).isEqualTo(code);
        assertThat(failure.upstreamMessage()).isEqualTo(message);
        assertThat(failure).hasMessageContaining("HTTP " + status).hasMessageContaining(message);
        assertThat(openRouter.received()).hasSize(1);
        assertThat(waits).isEmpty();
    }

    @Test
    void a500IsUnavailableWithoutRetry() {
        openRouter.on("/api/v1/models", json(500, "{\"error\":{\"code\":500,\"message\":\"Internal Server Error\"}}"));

        UpstreamUnavailableException failure = catchThrowableOfType(
                UpstreamUnavailableException.class, () -> client().build().fetchCatalog());

        assertThat(failure.status()).isEqualTo(500);
        assertThat(failure.upstreamMessage()).isEqualTo("Internal Server Error");
        assertThat(openRouter.received()).hasSize(1);
    }

    @Test
    void anErrorBodyWithoutTheOuterWrapperIsReadToo() {
        openRouter.on(
                "/api/v1/models",
                json(
                        502,
                        "{\"code\":502,\"message\":\"Network connection lost.\",\"metadata\":{\"error_type\":\"provider_unavailable\"}}"));

        UpstreamUnavailableException failure = catchThrowableOfType(
                UpstreamUnavailableException.class,
                () -> client().maxAttempts(1).build().fetchCatalog());

        assertThat(failure.errorCode()).isEqualTo("502");
        assertThat(failure.upstreamMessage()).isEqualTo("Network connection lost.");
        assertThat(failure).hasMessageContaining("1 attempt failed");
    }

    @Test
    void anErrorBodyWithANumberJacksonCannotReadLeavesCodeAndMessageEmpty() {
        openRouter.on("/api/v1/models", json(400, "{\"error\":{\"code\":1e3333333334,\"message\":\"x\"}}"));

        UpstreamRejectedException failure = catchThrowableOfType(
                UpstreamRejectedException.class, () -> client().build().fetchCatalog());

        assertThat(failure.status()).isEqualTo(400);
        assertThat(failure.errorCode()).isNull();
    }

    @Test
    void anErrorBodyThatIsNotJsonLeavesCodeAndMessageEmpty() {
        openRouter.on("/api/v1/models", raw(404, "text/html", "<h1>Not found</h1>".getBytes(StandardCharsets.UTF_8)));

        UpstreamRejectedException failure = catchThrowableOfType(
                UpstreamRejectedException.class, () -> client().build().fetchCatalog());

        assertThat(failure.status()).isEqualTo(404);
        assertThat(failure.errorCode()).isNull();
        assertThat(failure.upstreamMessage()).isNull();
    }

    @Test
    void anAnswerSlowerThanTheReadTimeoutIsRetriedThenUnavailable() {
        openRouter.on("/api/v1/models", LocalOpenRouter.silence());

        UpstreamUnavailableException failure = catchThrowableOfType(
                UpstreamUnavailableException.class,
                () -> client().readTimeout(Duration.ofMillis(200)).build().fetchCatalog());

        assertThat(failure).hasMessageContaining("read timeout").hasMessageContaining("all 3 attempts failed");
        assertThat(failure.status()).isNull();
        assertThat(failure.getCause()).isInstanceOf(HttpTimeoutException.class);
        assertThat(openRouter.received()).hasSize(3);
    }

    @Test
    void aBodyThatStallsAfterTheHeadersTimesOutInsteadOfHanging() {
        openRouter.on("/api/v1/models", LocalOpenRouter.stallMidBody(), json(200, ONE_MODEL));

        // the stall never ends, so any timeout is reached; the retry's answer must arrive within it on a busy machine
        assertThat(client().readTimeout(Duration.ofSeconds(3))
                        .build()
                        .fetchCatalog()
                        .models())
                .hasSize(1);
        assertThat(openRouter.received()).hasSize(2);
    }

    @Test
    void aRefusedConnectionIsRetriedThenUnavailable() throws IOException {
        UpstreamUnavailableException failure = catchThrowableOfType(
                UpstreamUnavailableException.class,
                () -> client().baseUrl(refusingBaseUrl()).build().fetchCatalog());

        assertThat(failure)
                .hasMessageContaining("Could not connect")
                .hasMessageContaining("all 3 attempts failed")
                .as("the JDK's ConnectException has no message; say what it was instead of 'null'")
                .hasMessageNotContaining("null");
        assertThat(failure.getCause()).isInstanceOf(IOException.class);
        assertThat(waits).hasSize(2);
    }

    @Test
    void anInterruptedWaitStopsRetryingAndKeepsTheInterrupt() {
        openRouter.on("/api/v1/models", json(503, "{}"));
        OpenRouterClient client = client().sleeper(d -> {
                    throw new InterruptedException();
                })
                .build();

        try {
            assertThatThrownBy(client::fetchCatalog)
                    .isInstanceOf(UpstreamUnavailableException.class)
                    .hasMessageContaining("Interrupted");
            assertThat(Thread.currentThread().isInterrupted()).isTrue();
        } finally {
            Thread.interrupted();
        }
        assertThat(openRouter.received()).hasSize(1);
    }

    @Test
    void noFeignOrJacksonExceptionLeavesTheAdapter() {
        openRouter.on("/api/v1/models", json(503, "{"), json(200, "{\"data\":[}"));

        Throwable failure = catchThrowableOfType(
                UpstreamException.class, () -> client().build().fetchCatalog());

        for (Throwable t = failure; t != null; t = t.getCause()) {
            assertThat(t.getClass().getName()).doesNotStartWith("feign.").doesNotStartWith("tools.jackson.");
        }
    }

    @Test
    void aClosedClientFailsWithTheLibrarysException() {
        openRouter.on("/api/v1/models", json(200, ONE_MODEL));
        OpenRouterClient client = client().maxAttempts(1).build();
        client.close();

        assertThatThrownBy(client::fetchCatalog).isInstanceOf(UpstreamUnavailableException.class);
        assertThat(openRouter.received()).isEmpty();
    }
}
