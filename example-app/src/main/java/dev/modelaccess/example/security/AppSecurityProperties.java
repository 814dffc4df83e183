package dev.modelaccess.example.security;

import java.net.URI;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How bearer tokens are checked. Set exactly one of {@code jwtSecret} and {@code jwkSetUri}. Every token must carry
 * {@code exp} (a token without one would never expire), {@code aud} must name {@code audience}, and when {@code
 * issuer} is set, {@code iss} must equal it.
 *
 * @param jwtSecret The HS256 secret (Supabase's legacy JWT secret style), at least 32 bytes, used as its UTF-8 bytes.
 *     In demo mode without it, a random secret is generated for the run.
 * @param jwkSetUri The JWKS URI of the token issuer (RS256, ES256 and the like).
 * @param audience The audience every token must name in its aud claim; Supabase's access tokens say authenticated.
 * @param issuer The issuer every token must name in its iss claim (on Supabase, https://PROJECT.supabase.co/auth/v1);
 *     not checked when unset.
 */
@ConfigurationProperties("app.security")
public record AppSecurityProperties(
        @Nullable String jwtSecret,
        @Nullable URI jwkSetUri,
        @DefaultValue(DEFAULT_AUDIENCE) String audience,
        @Nullable String issuer) {

    /** Supabase's audience for signed-in users' access tokens. */
    public static final String DEFAULT_AUDIENCE = "authenticated";

    public AppSecurityProperties {
        if (audience == null || audience.isBlank()) {
            throw new IllegalStateException(
                    "app.security.audience must not be blank (Supabase's is " + DEFAULT_AUDIENCE + ")");
        }
        if (issuer != null && issuer.isBlank()) {
            issuer = null;
        }
    }

    @Override
    public String toString() {
        return "AppSecurityProperties[jwtSecret=" + (jwtSecret == null ? "none" : "******") + ", jwkSetUri=" + jwkSetUri
                + ", audience=" + audience + ", issuer=" + issuer + "]";
    }
}
