package dev.modelaccess.openrouter;

import static dev.modelaccess.testsupport.openrouter.LocalOpenRouter.json;
import static dev.modelaccess.testsupport.openrouter.LocalOpenRouter.raw;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modelaccess.core.keys.MalformedApiKeyException;
import dev.modelaccess.core.keys.OpenRouterApiKey;
import dev.modelaccess.core.port.KeyVerification;
import dev.modelaccess.testsupport.data.SharedData;
import dev.modelaccess.testsupport.openrouter.LocalOpenRouter;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class OpenRouterClientKeyTest extends LocalOpenRouterTest {

    private static final String KEY = "sk-or-v1-0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

    private static final OpenRouterApiKey API_KEY = OpenRouterApiKey.parse(KEY);

    private static final String VALID_BODY = """
            {"data":{"label":"sk-or-v1-012...def","is_management_key":false,"is_provisioning_key":false,
             "limit":25.5,"limit_reset":"monthly","limit_remaining":20.25,"include_byok_in_limit":false,
             "usage":5.25,"usage_daily":0,"usage_weekly":1,"usage_monthly":5.25,
             "byok_usage":0,"byok_usage_daily":0,"byok_usage_weekly":0,"byok_usage_monthly":0,
             "is_free_tier":false,"expires_at":"2027-01-01T00:00:00.000Z","creator_user_id":null,
             "rate_limit":{"requests":-1,"interval":"10s","note":"deprecated"}}}""";

    @Test
    void aKeyOpenRouterAcceptsIsValidWithItsDetails() {
        openRouter.on("/api/v1/key", json(200, VALID_BODY));

        KeyVerification verification = client().build().verifyKey(API_KEY);

        assertThat(verification)
                .isEqualTo(new KeyVerification.Valid(
                        "sk-or-v1-012...def",
                        new BigDecimal("25.5"),
                        new BigDecimal("20.25"),
                        "monthly",
                        new BigDecimal("5.25"),
                        false,
                        Instant.parse("2027-01-01T00:00:00Z")));
        LocalOpenRouter.Received request = openRouter.received().getFirst();
        assertThat(request.pathAndQuery()).isEqualTo("/api/v1/key");
        assertThat(request.header("Authorization")).isEqualTo("Bearer " + KEY);
    }

    @Test
    void aLabelThatEchoesTheKeyIsRedacted() {
        openRouter.on("/api/v1/key", json(200, "{\"data\":{\"label\":\"my key " + KEY + "\",\"usage\":0}}"));

        assertThat(client().build().verifyKey(API_KEY))
                .isInstanceOfSatisfying(
                        KeyVerification.Valid.class,
                        valid -> assertThat(valid.label())
                                .isEqualTo("my key [redacted]")
                                .doesNotContain(KEY));
    }

    @Test
    void theCheckedKeyIsSentEvenWhenACatalogKeyIsConfigured() {
        openRouter.on("/api/v1/key", json(200, VALID_BODY));

        OpenRouterClient.builder()
                .baseUrl(openRouter.baseUrl())
                .apiKey("sk-or-v1-catalog")
                .build()
                .verifyKey(API_KEY);

        assertThat(openRouter.received().getFirst().headers().get("Authorization"))
                .containsExactly("Bearer " + KEY);
    }

    @Test
    void theRealKeyRecordIsReadAsValid() throws IOException {
        byte[] real = Files.readAllBytes(SharedData.openRouterFile("key-2026-06-14.json"));
        openRouter.on("/api/v1/key", raw(200, "application/json", real));

        assertThat(client().build().verifyKey(API_KEY))
                .isEqualTo(new KeyVerification.Valid(
                        "sk-or-v1-f97...6e7", null, null, null, new BigDecimal("0"), true, null));
    }

    @Test
    void theOlderRealKeyRecordIsReadAsValidOnceWrappedInData() throws IOException {
        String inner = Files.readString(SharedData.openRouterFile("key-2025-03-10-data-only.json"));
        openRouter.on("/api/v1/key", json(200, "{\"data\":" + inner + "}"));

        assertThat(client().build().verifyKey(API_KEY))
                .isEqualTo(new KeyVerification.Valid(
                        "sk-or-v1-0fa...240", null, null, null, new BigDecimal("0.65017511"), false, null));
    }

    @ParameterizedTest
    @ValueSource(ints = {401, 403})
    void aKeyOpenRouterRefusesIsInvalid(int status) {
        openRouter.on(
                "/api/v1/key", json(status, "{\"error\":{\"message\":\"User not found.\",\"code\":" + status + "}}"));

        KeyVerification verification = client().build().verifyKey(API_KEY);

        assertThat(verification)
                .isInstanceOfSatisfying(
                        KeyVerification.Invalid.class,
                        invalid -> assertThat(invalid.reason())
                                .contains("HTTP " + status)
                                .contains("User not found."));
        assertThat(openRouter.received()).hasSize(1);
    }

    @ParameterizedTest
    @ValueSource(ints = {500, 502, 503, 429, 404, 400})
    void anythingButAnAnswerAboutTheKeyIsUnavailableNeverInvalid(int status) {
        openRouter.on(
                "/api/v1/key", json(status, "{\"error\":{\"message\":\"Something broke\",\"code\":" + status + "}}"));

        assertThat(client().build().verifyKey(API_KEY))
                .isInstanceOfSatisfying(
                        KeyVerification.Unavailable.class,
                        unavailable -> assertThat(unavailable.reason()).contains("HTTP " + status));
    }

    @Test
    void aTimeoutIsUnavailable() {
        openRouter.on("/api/v1/key", LocalOpenRouter.silence());

        // the stand-in never answers, so any timeout is reached; a short one keeps the test quick
        assertThat(client().readTimeout(Duration.ofMillis(200)).build().verifyKey(API_KEY))
                .isInstanceOfSatisfying(
                        KeyVerification.Unavailable.class,
                        unavailable -> assertThat(unavailable.reason()).contains("read timeout"));
    }

    @Test
    void anUnreachableOpenRouterIsUnavailable() {
        OpenRouterClient client = OpenRouterClient.builder()
                .baseUrl("http://127.0.0.1:1/api/v1")
                .sleeper(waits::add)
                .build();

        assertThat(client.verifyKey(API_KEY)).isInstanceOf(KeyVerification.Unavailable.class);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "<html>Welcome to the hotel wifi</html>",
                "{}",
                "{\"data\":null}",
                "{\"data\":{\"label\":\"x\"}}",
                "{\"data\":{\"usage\":\"lots\"}}",
                "{\"data\":{\"usage\":1,\"expires_at\":\"next tuesday\"}}",
                "{\"data\":{\"usage\":1e3333333334}}",
                "[]"
            })
    void aSuccessAnswerThatIsNotAKeyRecordIsUnavailableNotValid(String body) {
        openRouter.on("/api/v1/key", json(200, body));

        assertThat(client().build().verifyKey(API_KEY)).isInstanceOf(KeyVerification.Unavailable.class);
    }

    @Test
    void aSuccessAnswerInHtmlIsUnavailable() {
        openRouter.on("/api/v1/key", raw(200, "text/html", "<html>login</html>".getBytes(StandardCharsets.UTF_8)));

        assertThat(client().build().verifyKey(API_KEY)).isInstanceOf(KeyVerification.Unavailable.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "sk-or-v1-abc def", "sk-or-v1-abc\r\nX-Evil: 1", "sk-or-{apiKey}", "ключ"})
    void aValueThatIsNotShapedLikeAKeyIsRefusedBeforeTheCheckAndNeverSent(String notAKey) {
        OpenRouterClient client = client().build();

        assertThatThrownBy(() -> client.verifyKey(OpenRouterApiKey.parse(notAKey)))
                .isInstanceOf(MalformedApiKeyException.class);
        assertThat(openRouter.received()).isEmpty();
    }
}
