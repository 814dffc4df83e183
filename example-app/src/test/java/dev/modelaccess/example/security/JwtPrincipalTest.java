package dev.modelaccess.example.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.core.OAuth2AuthenticatedPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;

/**
 * The example app's bearer-token authentication is Spring Security's own ({@link JwtAuthenticationConverter} with its
 * default principal) in everything a caller can read: name, authorities, principal, claims and credentials.
 */
class JwtPrincipalTest {

    static List<Jwt> tokens() {
        Instant issued = Instant.parse("2026-11-26T07:00:00Z");
        Jwt.Builder base = Jwt.withTokenValue("header.payload.signature")
                .header("alg", "HS256")
                .header("typ", "JWT")
                .issuedAt(issued)
                .expiresAt(issued.plusSeconds(3600))
                .audience(List.of("authenticated"));
        return List.of(
                base.subject("22222222-2222-4222-8222-222222222222").build(),
                base.subject("33333333-3333-4333-8333-333333333333")
                        .claim("app_metadata", Map.of("role", "admin"))
                        .build(),
                Jwt.withTokenValue("t")
                        .header("alg", "HS256")
                        .claim("scope", "read")
                        .build());
    }

    @ParameterizedTest
    @MethodSource("tokens")
    void theAuthenticationIsSpringSecuritysOwn(Jwt jwt) {
        JwtAuthenticationConverter standard = new JwtAuthenticationConverter();
        standard.setJwtGrantedAuthoritiesConverter(SecurityConfiguration::authorities);

        Authentication expected = standard.convert(jwt);
        Authentication actual = SecurityConfiguration.authenticationConverter().convert(jwt);

        assertThat(actual.getClass()).isEqualTo(expected.getClass());
        assertThat(actual.getName()).isEqualTo(expected.getName());
        assertThat(authorities(actual)).isEqualTo(authorities(expected));
        assertThat(actual.getCredentials()).isSameAs(expected.getCredentials());
        assertThat(actual.isAuthenticated()).isEqualTo(expected.isAuthenticated());
        // Every field of the token: its value, timestamps, headers and claims.
        assertThat(actual.getPrincipal()).usingRecursiveComparison().isEqualTo(expected.getPrincipal());
        OAuth2AuthenticatedPrincipal named = (OAuth2AuthenticatedPrincipal) actual.getPrincipal();
        OAuth2AuthenticatedPrincipal standardNamed = (OAuth2AuthenticatedPrincipal) expected.getPrincipal();
        assertThat(named.getName()).isEqualTo(standardNamed.getName());
        assertThat(named.getAttributes()).isEqualTo(standardNamed.getAttributes());
        assertThat(authorities(named.getAuthorities())).isEqualTo(authorities(standardNamed.getAuthorities()));
    }

    @ParameterizedTest
    @MethodSource("tokens")
    void aTokenThatIsAPrincipalAlreadyIsNotCopiedAgain(Jwt jwt) {
        JwtPrincipal once = JwtPrincipal.of(jwt);

        assertThat(JwtPrincipal.of(once)).isSameAs(once);
        assertThat(SecurityConfiguration.authenticationConverter().convert(once).getPrincipal())
                .isSameAs(once);
    }

    private static List<String> authorities(Authentication authentication) {
        return authorities(authentication.getAuthorities());
    }

    private static List<String> authorities(java.util.Collection<? extends GrantedAuthority> authorities) {
        return authorities.stream().map(GrantedAuthority::getAuthority).sorted().toList();
    }
}
