package dev.modelaccess.example.security;

import java.io.Serial;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.core.OAuth2AuthenticatedPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;

/**
 * The principal of a bearer-token authentication, as Spring Security's {@code JwtAuthenticationConverter} makes it (a
 * {@link Jwt} that is also an {@link OAuth2AuthenticatedPrincipal} named by its {@code sub}, with the claims as its
 * attributes and no authorities of its own), made once per verified token instead of once per request: the default
 * converter copies the token's headers and claims into new maps on every request, the largest allocation of
 * {@code GET /api/models}. A {@code Jwt} is immutable, so one principal serves every request with that token.
 */
final class JwtPrincipal extends Jwt implements OAuth2AuthenticatedPrincipal {

    @Serial
    private static final long serialVersionUID = 1L;

    private JwtPrincipal(Jwt jwt) {
        super(jwt.getTokenValue(), jwt.getIssuedAt(), jwt.getExpiresAt(), jwt.getHeaders(), jwt.getClaims());
    }

    /** The principal of jwt: jwt itself when it is one already. */
    static JwtPrincipal of(Jwt jwt) {
        return jwt instanceof JwtPrincipal principal ? principal : new JwtPrincipal(jwt);
    }

    @Override
    public Map<String, Object> getAttributes() {
        return getClaims();
    }

    @Override
    public Collection<? extends GrantedAuthority> getAuthorities() {
        return List.of();
    }

    @Override
    public String getName() {
        @Nullable String name = getClaimAsString(JwtClaimNames.SUB);
        return name != null ? name : "";
    }
}
