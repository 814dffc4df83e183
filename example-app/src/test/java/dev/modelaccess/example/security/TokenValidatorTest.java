package dev.modelaccess.example.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;

/** The claims checks of {@link SecurityConfiguration#tokenValidator}, with the audience and issuer configured. */
class TokenValidatorTest {

    private static final String SUB = UUID.randomUUID().toString();

    private static Jwt.Builder token() {
        return Jwt.withTokenValue("t")
                .header("alg", "HS256")
                .subject(SUB)
                .issuedAt(Instant.now().minusSeconds(60))
                .expiresAt(Instant.now().plusSeconds(3600));
    }

    private static boolean accepts(OAuth2TokenValidator<Jwt> validator, Jwt jwt) {
        return !validator.validate(jwt).hasErrors();
    }

    @Test
    void theAudienceIsConfigurable() {
        OAuth2TokenValidator<Jwt> validator =
                SecurityConfiguration.tokenValidator(new AppSecurityProperties(null, null, "my-api", null));

        assertThat(accepts(validator, token().audience(List.of("my-api")).build()))
                .isTrue();
        assertThat(accepts(
                        validator, token().audience(List.of("other", "my-api")).build()))
                .isTrue();
        assertThat(accepts(validator, token().audience(List.of("authenticated")).build()))
                .isFalse();
    }

    @Test
    void withoutAConfiguredIssuerAnyIssuerPassesAndWithOneOnlyThatOne() {
        OAuth2TokenValidator<Jwt> anyIssuer = SecurityConfiguration.tokenValidator(
                new AppSecurityProperties(null, null, AppSecurityProperties.DEFAULT_AUDIENCE, " "));
        OAuth2TokenValidator<Jwt> oneIssuer = SecurityConfiguration.tokenValidator(new AppSecurityProperties(
                null, null, AppSecurityProperties.DEFAULT_AUDIENCE, "https://a.supabase.co/auth/v1"));
        Jwt fromA = token().audience(List.of("authenticated"))
                .issuer("https://a.supabase.co/auth/v1")
                .build();
        Jwt fromB = token().audience(List.of("authenticated"))
                .issuer("https://b.supabase.co/auth/v1")
                .build();

        assertThat(accepts(anyIssuer, fromB)).isTrue();
        assertThat(accepts(oneIssuer, fromA)).isTrue();
        assertThat(accepts(oneIssuer, fromB)).isFalse();
    }

    @Test
    void expiryIsRequiredAndNotBeforeRespected() {
        OAuth2TokenValidator<Jwt> validator = SecurityConfiguration.tokenValidator(
                new AppSecurityProperties(null, null, AppSecurityProperties.DEFAULT_AUDIENCE, null));
        Jwt noExpiry = Jwt.withTokenValue("t")
                .header("alg", "HS256")
                .subject(SUB)
                .audience(List.of("authenticated"))
                .build();

        assertThat(accepts(validator, noExpiry)).isFalse();
        assertThat(accepts(
                        validator,
                        token().audience(List.of("authenticated"))
                                .notBefore(Instant.now().plusSeconds(3600))
                                .build()))
                .isFalse();
    }
}
