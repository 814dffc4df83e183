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
                        .expirationTime(Date.from(Instant.now().plus(Duration.ofHours(1))))
                        .build());
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
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
                .subject(id.toString())
                .audience("authenticated")
                .issueTime(Date.from(Instant.now().minus(Duration.ofHours(2))))
                .expirationTime(Date.from(expiry));
        if (admin) {
            claims.claim("app_metadata", Map.of("role", "admin"));
        }
        return claims.build();
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
