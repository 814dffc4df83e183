package dev.modelaccess.example;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.Map;
import java.util.UUID;

/** Real HS256 JWTs for the end-to-end tests, good and bad. */
final class TestTokens {

    static final String SECRET = "test-secret-for-the-example-app-0123456789";
    /** The audience the app expects by default (Supabase's). */
    static final String AUDIENCE = "authenticated";

    static final String OTHER_SECRET = "another-secret-nobody-configured-0123456789";

    private TestTokens() {}

    static String user(UUID id) {
        return sign(SECRET, claims(id, false, Instant.now().plus(Duration.ofHours(1))));
    }

    static String admin(UUID id) {
        return sign(SECRET, claims(id, true, Instant.now().plus(Duration.ofHours(1))));
    }

    static String expired(UUID id) {
        return sign(SECRET, claims(id, false, Instant.now().minus(Duration.ofHours(1))));
    }

    static String signedWithAnotherSecret(UUID id) {
        return sign(OTHER_SECRET, claims(id, true, Instant.now().plus(Duration.ofHours(1))));
    }

    static String withSubject(String subject) {
        return sign(
                SECRET,
                new JWTClaimsSet.Builder()
                        .subject(subject)
                        .audience(AUDIENCE)
                        .expirationTime(Date.from(Instant.now().plus(Duration.ofHours(1))))
                        .build());
    }

    /** Correctly signed, {@code aud} right, but no {@code exp}: it would never expire. */
    static String withoutExpiry(UUID id) {
        return sign(SECRET, builder(id, true).expirationTime(null).build());
    }

    /** Correctly signed and in date, but for another audience (say, another Supabase project's service). */
    static String forAudience(UUID id, String audience) {
        return sign(SECRET, builder(id, true).audience(audience).build());
    }

    /** Correctly signed and in date, without any {@code aud}. */
    static String withoutAudience(UUID id) {
        return sign(SECRET, builder(id, true).audience((String) null).build());
    }

    /** A valid user token that names {@code issuer} in {@code iss}. */
    static String fromIssuer(UUID id, String issuer) {
        return sign(SECRET, builder(id, false).issuer(issuer).build());
    }

    /** An unsigned token ({@code alg: none}) claiming to be an admin. */
    static String unsigned(UUID id) {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        String header = b64.encodeToString("{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
        String payload = b64.encodeToString(claims(id, true, Instant.now().plus(Duration.ofHours(1)))
                .toString()
                .getBytes(StandardCharsets.UTF_8));
        return header + "." + payload + ".";
    }

    private static JWTClaimsSet claims(UUID id, boolean admin, Instant expiry) {
        return builder(id, admin).expirationTime(Date.from(expiry)).build();
    }

    /**
     * The claims of a valid token as Supabase issues them: {@code sub}, {@code aud = authenticated}, {@code iat},
     * {@code exp} an hour ahead, and for an admin {@code app_metadata.role = admin}.
     */
    static JWTClaimsSet.Builder builder(UUID id, boolean admin) {
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
                .subject(id.toString())
                .audience(AUDIENCE)
                .claim("role", "authenticated")
                .issueTime(Date.from(Instant.now().minus(Duration.ofHours(2))))
                .expirationTime(Date.from(Instant.now().plus(Duration.ofHours(1))));
        if (admin) {
            claims.claim("app_metadata", Map.of("role", "admin"));
        }
        return claims;
    }

    private static String sign(String secret, JWTClaimsSet claims) {
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
        try {
            jwt.sign(new MACSigner(secret.getBytes(StandardCharsets.UTF_8)));
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
        return jwt.serialize();
    }
}
