package dev.modelaccess.example;

import static dev.modelaccess.example.HttpAnswers.json;
import static dev.modelaccess.example.HttpAnswers.problem;
import static org.assertj.core.api.Assertions.assertThat;

import dev.modelaccess.example.security.SecurityConfiguration;
import dev.modelaccess.testsupport.postgres.TestSchema;
import dev.modelaccess.testsupport.postgres.WithPostgres;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

/**
 * HS256 tokens beyond their signature: {@code exp} required, {@code aud} and (configured here) {@code iss} checked;
 * and every 401 answered in the product's own words, whatever the token library found.
 */
@WithPostgres
class BearerTokenSecurityTest {

    static final UUID USER = UUID.fromString("d0000000-0000-4000-8000-000000000001");
    static final String ISSUER = "https://project-ref.supabase.co/auth/v1";

    static final String INVALID_TOKEN_CHALLENGE =
            "Bearer error=\"invalid_token\", error_description=\"" + SecurityConfiguration.UNAUTHORIZED_DETAIL + "\"";

    static TestSchema schema;
    static RunningApp app;

    @BeforeAll
    static void start() throws Exception {
        app = RunningApp.listing(schema, List.of("a/one"), "app.security.issuer=" + ISSUER);
    }

    @AfterAll
    static void stop() {
        RunningApp.closeAll(app);
    }

    @Test
    void aValidTokenFromTheConfiguredIssuerForTheAudienceIsAccepted() {
        assertThat(app.get("/api/models", TestTokens.fromIssuer(USER, ISSUER)).statusCode())
                .isEqualTo(200);
    }

    @Test
    void aTokenWithoutExpiryIsUnauthorizedThoughCorrectlySigned() {
        problem(app.get("/api/models", TestTokens.withoutExpiry(USER)), 401);
    }

    @Test
    void aTokenForAnotherAudienceOrForNoneIsUnauthorizedThoughCorrectlySigned() {
        problem(app.get("/api/models", TestTokens.forAudience(USER, "service_role")), 401);
        problem(app.get("/api/models", TestTokens.forAudience(USER, "another-service")), 401);
        problem(app.get("/api/models", TestTokens.withoutAudience(USER)), 401);
    }

    @Test
    void aTokenFromAnotherIssuerOrFromNoneIsUnauthorizedWhenAnIssuerIsConfigured() {
        problem(
                app.get("/api/models", TestTokens.fromIssuer(USER, "https://another-project.supabase.co/auth/v1")),
                401);
        problem(app.get("/api/models", TestTokens.user(USER)), 401);
    }

    /** Every way to fail authentication: the token, or the raw Authorization header when the token is null. */
    static Stream<Arguments> failures() {
        List<Arguments> cases = new ArrayList<>();
        cases.add(Arguments.of("no Authorization header", null, null, "Bearer"));
        cases.add(Arguments.of("another scheme", null, "Basic dXNlcjpwYXNz", "Bearer"));
        cases.add(Arguments.of("a malformed bearer header", null, "Bearer not a token", INVALID_TOKEN_CHALLENGE));
        Iterator<String> kinds = List.of(
                        "garbage",
                        "three garbage segments",
                        "a huge token",
                        "expired",
                        "signed with another secret",
                        "alg none",
                        "no exp",
                        "foreign aud",
                        "no aud",
                        "foreign iss",
                        "no iss",
                        "a subject that is no UUID")
                .iterator();
        for (String token : List.of(
                "not-a-jwt",
                "not.a.jwt",
                "x".repeat(5000),
                TestTokens.expired(USER),
                TestTokens.signedWithAnotherSecret(USER),
                TestTokens.unsigned(USER),
                TestTokens.withoutExpiry(USER),
                TestTokens.forAudience(USER, "service_role"),
                TestTokens.withoutAudience(USER),
                TestTokens.fromIssuer(USER, "https://evil.example/auth/v1"),
                TestTokens.user(USER),
                TestTokens.withSubject("'; drop table profiles; --"))) {
            cases.add(Arguments.of(kinds.next(), token, null, INVALID_TOKEN_CHALLENGE));
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("failures")
    void every401AnswersInTheProductsOwnWordsAndLeaksNothingOfTheTokenLibrary(
            String kind, String token, String authorization, String challenge) {
        HttpResponse<String> response = authorization == null
                ? app.get("/api/models", token)
                : app.get("/api/models", null, "Authorization", authorization);

        JsonNode body = problem(response, 401);
        assertThat(body.propertyNames()).containsExactly("type", "title", "status", "detail", "instance");
        assertThat(body.get("detail").asString()).isEqualTo(SecurityConfiguration.UNAUTHORIZED_DETAIL);
        assertThat(body.get("title").asString()).isEqualTo("Unauthorized");
        assertThat(body.get("instance").asString()).isEqualTo("/api/models");
        assertThat(response.headers().allValues("WWW-Authenticate")).containsExactly(challenge);
        assertThat(response.body() + response.headers().allValues("WWW-Authenticate"))
                .doesNotContainIgnoringCase("jwt")
                .doesNotContainIgnoringCase("nimbus")
                .doesNotContainIgnoringCase("decode")
                .doesNotContainIgnoringCase("claim")
                .doesNotContainIgnoringCase("error occurred");
        assertThat(json(response).toString()).doesNotContain(USER.toString());
    }
}
