package dev.modelaccess.example.security;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The key material tokens are checked with: an HS256 secret, or a JWKS URI.
 *
 * @param generated whether the secret was generated for this run (demo mode)
 */
public record TokenKeys(byte @Nullable [] secret, @Nullable URI jwkSetUri, boolean generated) {

    static final int MIN_SECRET_BYTES = 32;

    /**
     * Resolves the configured keys.
     *
     * @param demo whether the application runs in demo mode, where a missing secret is generated
     * @throws IllegalStateException when the configuration is missing, ambiguous or too weak
     */
    static TokenKeys resolve(AppSecurityProperties properties, boolean demo) {
        String secret = properties.jwtSecret();
        boolean hasSecret = secret != null && !secret.isBlank();
        if (hasSecret && properties.jwkSetUri() != null) {
            throw new IllegalStateException("Set either app.security.jwt-secret or app.security.jwk-set-uri, not both");
        }
        if (properties.jwkSetUri() != null) {
            return new TokenKeys(null, properties.jwkSetUri(), false);
        }
        if (hasSecret) {
            byte[] bytes = secret.getBytes(StandardCharsets.UTF_8);
            if (bytes.length < MIN_SECRET_BYTES) {
                throw new IllegalStateException("app.security.jwt-secret must be at least " + MIN_SECRET_BYTES
                        + " bytes (HS256), it has " + bytes.length);
            }
            return new TokenKeys(bytes, null, false);
        }
        if (demo) {
            byte[] random = new byte[MIN_SECRET_BYTES];
            new SecureRandom().nextBytes(random);
            return new TokenKeys(Base64.getUrlEncoder().withoutPadding().encode(random), null, true);
        }
        throw new IllegalStateException(
                "Bearer tokens cannot be checked: set app.security.jwt-secret (HS256, at least 32 bytes) or"
                        + " app.security.jwk-set-uri");
    }

    /** The HS256 secret, when tokens are checked with one. */
    public Optional<byte[]> hmacSecret() {
        return secret == null ? Optional.empty() : Optional.of(secret.clone());
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof TokenKeys keys
                && Arrays.equals(secret, keys.secret)
                && java.util.Objects.equals(jwkSetUri, keys.jwkSetUri)
                && generated == keys.generated;
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(Arrays.hashCode(secret), jwkSetUri, generated);
    }

    @Override
    public String toString() {
        return "TokenKeys[" + (secret != null ? "HS256 secret" : "JWKS " + jwkSetUri) + "]";
    }
}
