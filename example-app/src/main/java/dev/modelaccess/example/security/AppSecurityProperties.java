package dev.modelaccess.example.security;

import java.net.URI;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How bearer tokens are checked. Set exactly one of the two.
 *
 * @param jwtSecret The HS256 secret (Supabase's legacy JWT secret style), at least 32 bytes, used as its UTF-8 bytes.
 *     In demo mode without it, a random secret is generated for the run.
 * @param jwkSetUri The JWKS URI of the token issuer (RS256, ES256 and the like).
 */
@ConfigurationProperties("app.security")
public record AppSecurityProperties(
        @Nullable String jwtSecret, @Nullable URI jwkSetUri) {

    @Override
    public String toString() {
        return "AppSecurityProperties[jwtSecret=" + (jwtSecret == null ? "none" : "******") + ", jwkSetUri=" + jwkSetUri
                + "]";
    }
}
