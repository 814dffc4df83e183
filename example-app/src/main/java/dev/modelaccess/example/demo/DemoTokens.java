package dev.modelaccess.example.demo;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import java.util.UUID;

/** Signs Supabase-style HS256 access tokens for the demo users. */
final class DemoTokens {

    private final byte[] secret;
    private final Clock clock;

    DemoTokens(byte[] secret, Clock clock) {
        this.secret = secret.clone();
        this.clock = clock;
    }

    String sign(UUID userId, boolean admin, Duration validFor) {
        Instant now = clock.instant();
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
                .subject(userId.toString())
                .audience("authenticated")
                .claim("role", "authenticated")
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(validFor)));
        if (admin) {
            claims.claim("app_metadata", Map.of("role", "admin"));
        }
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims.build());
        try {
            jwt.sign(new MACSigner(secret));
        } catch (JOSEException e) {
            throw new IllegalStateException("Could not sign a demo token", e);
        }
        return jwt.serialize();
    }
}
