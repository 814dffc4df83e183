package dev.modelaccess.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

class DefaultCallerResolverTest {

    static final UUID USER = UUID.fromString("c0000000-0000-4000-8000-000000000001");

    private final DefaultCallerResolver defaults = new DefaultCallerResolver(
            new ModelAccessWebProperties.Security("app_metadata.role", "admin", "ROLE_MODEL_ACCESS_ADMIN"));

    @AfterEach
    void clear() {
        SecurityContextHolder.clearContext();
    }

    @Test
    void aJwtsSubjectIsTheUserAndTheClaimPathMakesAnAdmin() {
        assertThat(resolve(defaults, jwt(Map.of()))).isEqualTo(new ModelAccessCaller(USER, false));
        assertThat(resolve(defaults, jwt(Map.of("app_metadata", Map.of("role", "admin")))))
                .isEqualTo(new ModelAccessCaller(USER, true));
        assertThat(resolve(defaults, jwt(Map.of("app_metadata", Map.of("role", "user")))))
                .isEqualTo(new ModelAccessCaller(USER, false));
        assertThat(resolve(defaults, jwt(Map.of("app_metadata", "admin"))))
                .isEqualTo(new ModelAccessCaller(USER, false));
        assertThat(resolve(defaults, jwt(Map.of("role", "admin")))).isEqualTo(new ModelAccessCaller(USER, false));
        assertThat(resolve(defaults, jwt(Map.of("app_metadata", Map.of("role", List.of("user", "admin"))))))
                .isEqualTo(new ModelAccessCaller(USER, true));
    }

    @Test
    void theClaimPathAndValueAreConfigurable() {
        DefaultCallerResolver custom =
                new DefaultCallerResolver(new ModelAccessWebProperties.Security("realm.roles", "ma-admin", "ROLE_X"));
        assertThat(resolve(custom, jwt(Map.of("realm", Map.of("roles", List.of("ma-admin")))))
                        .admin())
                .isTrue();
        assertThat(resolve(custom, jwt(Map.of("app_metadata", Map.of("role", "admin"))))
                        .admin())
                .isFalse();
    }

    @Test
    void theAdminAuthorityAlsoCounts() {
        Jwt token = token(Map.of());
        assertThat(resolve(
                        defaults,
                        new JwtAuthenticationToken(
                                token, AuthorityUtils.createAuthorityList("ROLE_MODEL_ACCESS_ADMIN"))))
                .isEqualTo(new ModelAccessCaller(USER, true));
    }

    @Test
    void aSessionLoginWhoseNameIsAUuidIsACaller() {
        assertThat(resolve(
                        defaults,
                        UsernamePasswordAuthenticationToken.authenticated(
                                USER.toString(), "n/a", AuthorityUtils.createAuthorityList("ROLE_USER"))))
                .isEqualTo(new ModelAccessCaller(USER, false));
        assertThat(resolve(
                        defaults,
                        UsernamePasswordAuthenticationToken.authenticated(
                                USER.toString(), "n/a", AuthorityUtils.createAuthorityList("ROLE_MODEL_ACCESS_ADMIN"))))
                .isEqualTo(new ModelAccessCaller(USER, true));
    }

    @Test
    void anUnauthenticatedJwtIsNoCaller() {
        assertThat(resolve(defaults, new JwtAuthenticationToken(token(Map.of()))))
                .isNull();
    }

    @Test
    void noCallerWithoutAUuidOrAnAuthenticatedUser() {
        assertThat(resolve(
                        defaults,
                        UsernamePasswordAuthenticationToken.authenticated(
                                "alice", "n/a", AuthorityUtils.createAuthorityList("ROLE_MODEL_ACCESS_ADMIN"))))
                .isNull();
        assertThat(resolve(
                        defaults,
                        new AnonymousAuthenticationToken(
                                "key", USER.toString(), AuthorityUtils.createAuthorityList("ROLE_ANONYMOUS"))))
                .isNull();
        assertThat(resolve(defaults, UsernamePasswordAuthenticationToken.unauthenticated(USER.toString(), "pw")))
                .isNull();
        assertThat(defaults.resolve(new MockHttpServletRequest())).isNull();
        assertThat(resolve(
                        defaults,
                        new JwtAuthenticationToken(
                                Jwt.withTokenValue("t")
                                        .header("alg", "HS256")
                                        .subject(USER + "0")
                                        .build(),
                                AuthorityUtils.createAuthorityList("ROLE_USER"))))
                .isNull();
    }

    @Test
    void withoutASecurityContextTheContainersPrincipalIsUsed() {
        MockHttpServletRequest request = new MockHttpServletRequest();
        request.setUserPrincipal(() -> USER.toString());
        assertThat(defaults.resolve(request)).isEqualTo(new ModelAccessCaller(USER, false));
        request.addUserRole("ROLE_MODEL_ACCESS_ADMIN");
        assertThat(defaults.resolve(request)).isEqualTo(new ModelAccessCaller(USER, true));
    }

    private static ModelAccessCaller resolve(DefaultCallerResolver resolver, Authentication authentication) {
        SecurityContextHolder.getContext().setAuthentication(authentication);
        return resolver.resolve(new MockHttpServletRequest());
    }

    private static JwtAuthenticationToken jwt(Map<String, Object> claims) {
        return new JwtAuthenticationToken(token(claims), AuthorityUtils.createAuthorityList("ROLE_USER"));
    }

    private static Jwt token(Map<String, Object> claims) {
        return Jwt.withTokenValue("token")
                .header("alg", "HS256")
                .subject(USER.toString())
                .issuedAt(Instant.now())
                .claims(all -> all.putAll(claims))
                .build();
    }
}
