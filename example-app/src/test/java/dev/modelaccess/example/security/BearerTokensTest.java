package dev.modelaccess.example.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.server.resource.web.DefaultBearerTokenResolver;

/** {@link BearerTokens} answers every {@code Authorization} header exactly as Spring Security's default resolver. */
class BearerTokensTest {

    private static final String JWT = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJhIn0.c2lnbmF0dXJl_-~+/";

    static Stream<@Nullable String> headers() {
        List<@Nullable String> headers = new ArrayList<>(List.of(
                "Bearer " + JWT,
                "bearer " + JWT,
                "BEARER " + JWT,
                "bEaReR " + JWT,
                "Bearer " + JWT + "==",
                "Bearer abc=def",
                "Bearer =",
                "Bearer ",
                "Bearer",
                "Bearer  " + JWT,
                "Bearer " + JWT + " ",
                "Bearer\t" + JWT,
                "Bearer " + JWT + "\n",
                "Bearer tok%en",
                "Bearer tök",
                "Bearerx " + JWT,
                "Basic dXNlcjpwYXNz",
                "Token " + JWT,
                "",
                "b",
                "Bearer " + JWT + ",Bearer " + JWT,
                "\u212Aearer " + JWT));
        headers.add(null);
        return headers.stream();
    }

    @ParameterizedTest
    @MethodSource("headers")
    void answersAsTheDefaultResolver(@Nullable String header) {
        assertThat(outcome(new BearerTokens()::resolve, header))
                .isEqualTo(outcome(new DefaultBearerTokenResolver()::resolve, header));
    }

    @Test
    void answersAsTheDefaultResolverForTwoThousandRandomHeaders() {
        long seed = 20261126;
        Random random = new Random(seed);
        String alphabet = "Bbearer =-._~+/aZ09!%\t";
        for (int i = 0; i < 2_000; i++) {
            StringBuilder header = new StringBuilder(random.nextBoolean() ? "Bearer " : "");
            for (int n = random.nextInt(12); n > 0; n--) {
                header.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            assertThat(outcome(new BearerTokens()::resolve, header.toString()))
                    .as("header '%s' (seed %d)", header, seed)
                    .isEqualTo(outcome(new DefaultBearerTokenResolver()::resolve, header.toString()));
        }
    }

    @Test
    void aWellFormedHeaderGivesItsTokenWithoutTheDefaultResolver() {
        assertThat(BearerTokens.wellFormed("Bearer " + JWT)).isEqualTo(JWT);
        assertThat(BearerTokens.wellFormed("Bearer " + JWT + "==")).isEqualTo(JWT + "==");
        assertThat(BearerTokens.wellFormed("Bearer a b")).isNull();
    }

    private static String outcome(
            java.util.function.Function<MockHttpServletRequest, @Nullable String> resolver, @Nullable String header) {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/models");
        if (header != null) {
            request.addHeader("Authorization", header);
        }
        try {
            return "token " + resolver.apply(request);
        } catch (OAuth2AuthenticationException e) {
            return "refused " + e.getError().getErrorCode() + ": "
                    + e.getError().getDescription();
        }
    }
}
