package dev.modelaccess.web;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import java.util.UUID;

/** Real HS256 JWTs for the web host tests. */
final class Tokens {

    static final String SECRET = "test-secret-for-the-web-module-0123456789";

    private Tokens() {}

    static String user(UUID id) {
        return sign(claims(id.toString()).build());
    }

    static String admin(UUID id) {
        return sign(claims(id.toString())
                .claim("app_metadata", Map.of("role", "admin"))
                .build());
    }

    static String withSubject(String subject) {
        return sign(claims(subject).build());
    }

    private static JWTClaimsSet.Builder claims(String subject) {
        return new JWTClaimsSet.Builder()
                .subject(subject)
                .issueTime(Date.from(Instant.now().minus(Duration.ofMinutes(1))))
                .expirationTime(Date.from(Instant.now().plus(Duration.ofHours(1))));
    }

    private static String sign(JWTClaimsSet claims) {
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
        try {
            jwt.sign(new MACSigner(SECRET.getBytes(StandardCharsets.UTF_8)));
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
        return jwt.serialize();
    }
}
