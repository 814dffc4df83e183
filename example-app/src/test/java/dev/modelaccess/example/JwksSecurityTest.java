package dev.modelaccess.example;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import dev.modelaccess.testsupport.postgres.TestSchema;
import dev.modelaccess.testsupport.postgres.WithPostgres;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Tokens checked against a JWKS URI (an issuer's RSA keys), served on loopback. */
@WithPostgres
class JwksSecurityTest {

    static final UUID USER = UUID.fromString("c0000000-0000-4000-8000-000000000001");

    static final String ISSUER = "https://project-ref.supabase.co/auth/v1";

    static TestSchema schema;
    static RSAKey issuerKey;
    static HttpServer jwks;
    static RunningApp app;

    @BeforeAll
    static void start() throws Exception {
        issuerKey = new RSAKeyGenerator(2048).keyID("issuer-1").generate();
        byte[] keys = new JWKSet(issuerKey.toPublicJWK()).toString().getBytes(StandardCharsets.UTF_8);
        jwks = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        jwks.createContext("/.well-known/jwks.json", exchange -> {
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, keys.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(keys);
            }
        });
        jwks.start();
        app = RunningApp.listing(
                schema,
                List.of("a/one"),
                "app.security.jwt-secret=",
                "app.security.jwk-set-uri=http://127.0.0.1:" + jwks.getAddress().getPort() + "/.well-known/jwks.json",
                "app.security.issuer=" + ISSUER);
    }

    @AfterAll
    static void stop() {
        if (app != null) {
            app.close();
        }
        if (jwks != null) {
            jwks.stop(0);
        }
    }

    @Test
    void aTokenSignedByTheIssuersKeyIsAccepted() throws Exception {
        SignedJWT jwt = new SignedJWT(
                new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("issuer-1").build(), claims());
        jwt.sign(new RSASSASigner(issuerKey));

        assertThat(app.get("/api/models", jwt.serialize()).statusCode()).isEqualTo(200);
    }

    @Test
    void anHs256TokenIsRejectedWhenTheIssuerSignsWithRsa() throws JOSEException {
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims());
        jwt.sign(new MACSigner(TestTokens.SECRET.getBytes(StandardCharsets.UTF_8)));

        assertThat(app.get("/api/models", jwt.serialize()).statusCode()).isEqualTo(401);
    }

    @Test
    void aTokenSignedByAnotherRsaKeyIsRejected() throws Exception {
        RSAKey stranger = new RSAKeyGenerator(2048).keyID("issuer-1").generate();
        SignedJWT jwt = new SignedJWT(
                new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("issuer-1").build(), claims());
        jwt.sign(new RSASSASigner(stranger));

        assertThat(app.get("/api/models", jwt.serialize()).statusCode()).isEqualTo(401);
        assertThat(app.get("/api/models", TestTokens.unsigned(USER)).statusCode())
                .isEqualTo(401);
    }

    private static JWTClaimsSet claims() {
        return claimsBuilder().build();
    }

    private static JWTClaimsSet.Builder claimsBuilder() {
        return new JWTClaimsSet.Builder()
                .subject(USER.toString())
                .audience(TestTokens.AUDIENCE)
                .issuer(ISSUER)
                .expirationTime(Date.from(Instant.now().plus(Duration.ofHours(1))));
    }

    private static String signedByTheIssuer(JWTClaimsSet claims) throws JOSEException {
        SignedJWT jwt = new SignedJWT(
                new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("issuer-1").build(), claims);
        jwt.sign(new RSASSASigner(issuerKey));
        return jwt.serialize();
    }

    @Test
    void aTokenWithoutExpiryIsRejectedThoughTheIssuerSignedIt() throws JOSEException {
        String token = signedByTheIssuer(claimsBuilder().expirationTime(null).build());

        HttpAnswers.problem(app.get("/api/models", token), 401);
    }

    @Test
    void aTokenForAnotherAudienceIsRejectedThoughTheIssuerSignedIt() throws JOSEException {
        HttpAnswers.problem(
                app.get(
                        "/api/models",
                        signedByTheIssuer(
                                claimsBuilder().audience("service_role").build())),
                401);
        HttpAnswers.problem(
                app.get(
                        "/api/models",
                        signedByTheIssuer(
                                claimsBuilder().audience((String) null).build())),
                401);
    }

    @Test
    void aTokenFromAnotherIssuerIsRejectedThoughSignedWithTheSameKey() throws JOSEException {
        HttpAnswers.problem(
                app.get(
                        "/api/models",
                        signedByTheIssuer(claimsBuilder()
                                .issuer("https://another-project.supabase.co/auth/v1")
                                .build())),
                401);
        HttpAnswers.problem(
                app.get(
                        "/api/models",
                        signedByTheIssuer(claimsBuilder().issuer(null).build())),
                401);
    }
}
