package dev.modelaccess.web;

import jakarta.servlet.http.HttpServletRequest;
import java.security.Principal;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.util.ClassUtils;

/**
 * The caller from the host's authentication. With Spring Security: the authenticated {@code Authentication} of the
 * request; a JWT principal's {@code sub} is the user id, and it is an admin when the claim at {@code admin-claim}
 * (a dotted path, default {@code app_metadata.role}) equals {@code admin-value} (default {@code admin}); any other
 * authentication's name is the user id (a session login). The granted authority {@code admin-authority} (default
 * {@code ROLE_MODEL_ACCESS_ADMIN}) also makes an admin. Without Spring Security: the servlet container's user
 * principal, and {@code isUserInRole(admin-authority)}. A user id that is not a UUID resolves no caller.
 */
public class DefaultCallerResolver implements CallerResolver {

    private static final boolean SECURITY = ClassUtils.isPresent(
            "org.springframework.security.core.context.SecurityContextHolder",
            DefaultCallerResolver.class.getClassLoader());
    private static final boolean JWT = SECURITY
            && ClassUtils.isPresent(
                    "org.springframework.security.oauth2.jwt.Jwt", DefaultCallerResolver.class.getClassLoader());

    private final List<String> adminClaimPath;
    private final String adminValue;
    private final String adminAuthority;

    /** A resolver reading the admin claim, value and authority of {@code security}. */
    public DefaultCallerResolver(ModelAccessWebProperties.Security security) {
        this.adminClaimPath = List.of(security.adminClaim().split("\\."));
        this.adminValue = security.adminValue();
        this.adminAuthority = security.adminAuthority();
    }

    @Override
    public @Nullable ModelAccessCaller resolve(HttpServletRequest request) {
        if (SECURITY) {
            ModelAccessCaller caller = Spring.resolve(this);
            if (caller != null) {
                return caller;
            }
        }
        Principal principal = request.getUserPrincipal();
        if (principal == null) {
            return null;
        }
        UUID user = uuid(principal.getName());
        return user == null ? null : new ModelAccessCaller(user, request.isUserInRole(adminAuthority));
    }

    /** Whether the claims hold the admin value at the admin claim path. */
    boolean adminClaim(Map<String, Object> claims) {
        Object value = claims;
        for (String name : adminClaimPath) {
            if (!(value instanceof Map<?, ?> map)) {
                return false;
            }
            value = map.get(name);
        }
        if (value instanceof Collection<?> values) {
            return values.contains(adminValue);
        }
        return adminValue.equals(value);
    }

    static @Nullable UUID uuid(@Nullable String value) {
        if (value == null || value.length() != 36) {
            return null;
        }
        try {
            return UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** Spring Security's part, loaded only when Spring Security is on the classpath. */
    private static final class Spring {

        static @Nullable ModelAccessCaller resolve(DefaultCallerResolver resolver) {
            Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
            if (authentication == null
                    || !authentication.isAuthenticated()
                    || authentication instanceof AnonymousAuthenticationToken) {
                return null;
            }
            boolean admin = false;
            for (GrantedAuthority authority : authentication.getAuthorities()) {
                if (resolver.adminAuthority.equals(authority.getAuthority())) {
                    admin = true;
                    break;
                }
            }
            String name = authentication.getName();
            if (JWT) {
                Jwt jwt = Jose.jwt(authentication);
                if (jwt != null) {
                    name = jwt.getSubject();
                    admin = admin || resolver.adminClaim(jwt.getClaims());
                }
            }
            UUID user = uuid(name);
            return user == null ? null : new ModelAccessCaller(user, admin);
        }
    }

    /** Spring Security's JOSE part, loaded only when it is on the classpath. */
    private static final class Jose {

        static @Nullable Jwt jwt(Authentication authentication) {
            if (authentication.getPrincipal() instanceof Jwt jwt) {
                return jwt;
            }
            return authentication.getCredentials() instanceof Jwt jwt ? jwt : null;
        }
    }
}
