package dev.modelaccess.example.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Date;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.JwtValidationException;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

/** {@link VerifiedTokens}: real HS256 signatures; the claims checked on every call, remembered or not. */
class VerifiedTokensTest {

    private static final String SECRET = "verified-tokens-test-secret-0123456789abcdef";
    private static final Instant NOW = Instant.parse("2026-11-26T03:00:00Z");

    private Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    private final AtomicInteger verifications = new AtomicInteger();
    private final AtomicLong nanos = new AtomicLong();

    private VerifiedTokens tokens(int maximumSize) {
        NimbusJwtDecoder nimbus = NimbusJwtDecoder.withSecretKey(
                        new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"))
                .macAlgorithm(MacAlgorithm.HS256)
                .build();
        nimbus.setJwtValidator(jwt -> OAuth2TokenValidatorResult.success());
        JwtDecoder counting = token -> {
            verifications.incrementAndGet();
            return nimbus.decode(token);
        };
        JwtTimestampValidator timestamps = new JwtTimestampValidator(Duration.ZERO);
        timestamps.setAllowEmptyExpiryClaim(false);
        return new VerifiedTokens(
                counting,
                jwt -> {
                    timestamps.setClock(clock);
                    return timestamps.validate(jwt);
                },
                maximumSize,
                Duration.ofMinutes(5),
                nanos::get);
    }

    private static String sign(String secret, Instant expiry) {
        try {
            SignedJWT jwt = new SignedJWT(
                    new JWSHeader(JWSAlgorithm.HS256),
                    new JWTClaimsSet.Builder()
                            .subject(UUID.randomUUID().toString())
                            .issueTime(Date.from(NOW.minusSeconds(60)))
                            .expirationTime(Date.from(expiry))
                            .build());
            jwt.sign(new MACSigner(secret.getBytes(StandardCharsets.UTF_8)));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aRememberedTokenIsVerifiedOnceAndRefusedTheMomentItExpires() {
        VerifiedTokens tokens = tokens(100);
        String token = sign(SECRET, NOW.plusSeconds(120));

        assertThat(tokens.decode(token).getTokenValue()).isEqualTo(token);
        assertThat(tokens.decode(token).getTokenValue()).isEqualTo(token);
        assertThat(verifications).hasValue(1);
        assertThat(tokens.size()).isEqualTo(1);

        clock = Clock.fixed(NOW.plusSeconds(121), ZoneOffset.UTC);
        assertThatThrownBy(() -> tokens.decode(token))
                .isInstanceOf(JwtValidationException.class)
                .hasMessageContaining("expired");
    }

    @Test
    void aRememberedTokenIsOnePrincipalForEveryRequestThatCarriesIt() {
        VerifiedTokens tokens = tokens(100);
        String token = sign(SECRET, NOW.plusSeconds(120));

        Jwt first = tokens.decode(token);

        assertThat(first).isInstanceOf(JwtPrincipal.class);
        assertThat(tokens.decode(token)).isSameAs(first);
        assertThat(SecurityConfiguration.authenticationConverter()
                        .convert(first)
                        .getPrincipal())
                .isSameAs(first);
    }

    @Test
    void aWronglySignedTokenIsRefusedEveryTimeAndNeverRemembered() {
        VerifiedTokens tokens = tokens(100);
        String forged = sign("another-secret-nobody-configured-0123456789", NOW.plusSeconds(120));

        assertThatThrownBy(() -> tokens.decode(forged)).isInstanceOf(BadJwtException.class);
        assertThatThrownBy(() -> tokens.decode(forged)).isInstanceOf(BadJwtException.class);
        assertThat(verifications).hasValue(2);
        assertThat(tokens.size()).isZero();
    }

    @Test
    void aRememberedTokenWithItsClaimsAlteredIsVerifiedOnItsOwnAndRefused() {
        VerifiedTokens tokens = tokens(100);
        String token = sign(SECRET, NOW.plusSeconds(120));
        tokens.decode(token);
        String[] parts = token.split("\\.");
        String altered = parts[0] + "."
                + Base64.getUrlEncoder()
                        .withoutPadding()
                        .encodeToString(("{\"sub\":\"" + UUID.randomUUID() + "\",\"exp\":"
                                        + NOW.plusSeconds(3600).getEpochSecond() + "}")
                                .getBytes(StandardCharsets.UTF_8))
                + "." + parts[2];

        assertThatThrownBy(() -> tokens.decode(altered)).isInstanceOf(BadJwtException.class);
        assertThat(verifications).hasValue(2);
    }

    @Test
    void itIsBoundedInSizeAndAge() {
        VerifiedTokens tokens = tokens(2);
        for (int i = 0; i < 5; i++) {
            tokens.decode(sign(SECRET, NOW.plusSeconds(120 + i)));
        }
        assertThat(tokens.size()).isLessThanOrEqualTo(2);

        String token = sign(SECRET, NOW.plusSeconds(600));
        tokens.decode(token);
        int before = verifications.get();
        tokens.decode(token);
        assertThat(verifications).hasValue(before);
        nanos.addAndGet(Duration.ofMinutes(5).plusSeconds(1).toNanos());
        tokens.decode(token);
        assertThat(verifications).hasValue(before + 1);
    }
}
