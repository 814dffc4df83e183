package dev.modelaccess.example.security;

import dev.modelaccess.example.DemoMode;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.oauth2.server.resource.web.BearerTokenAuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import tools.jackson.databind.json.JsonMapper;

/**
 * Bearer-token security: every {@code /api/**} call needs a valid JWT (HS256 secret or JWKS), whose {@code sub} is
 * the user id (a UUID); {@code /api/admin/**} also needs the claim {@code app_metadata.role = admin}. Missing,
 * malformed, expired, unsigned ({@code alg: none}) or wrongly signed tokens get 401, non-admins on admin routes 403,
 * both as {@code application/problem+json}.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(AppSecurityProperties.class)
public class SecurityConfiguration {

    /** The role every authenticated caller has. */
    public static final String USER = "USER";
    /** The role of callers whose token says {@code app_metadata.role = admin}. */
    public static final String ADMIN = "ADMIN";

    @Bean
    TokenKeys tokenKeys(AppSecurityProperties properties, Environment environment) {
        return TokenKeys.resolve(properties, DemoMode.isOn(environment));
    }

    @Bean
    JwtDecoder jwtDecoder(TokenKeys keys) {
        NimbusJwtDecoder decoder = keys.hmacSecret()
                .map(secret -> NimbusJwtDecoder.withSecretKey(new SecretKeySpec(secret, "HmacSHA256"))
                        .macAlgorithm(MacAlgorithm.HS256)
                        .build())
                .orElseGet(() -> NimbusJwtDecoder.withJwkSetUri(String.valueOf(keys.jwkSetUri()))
                        .jwsAlgorithms(algorithms -> {
                            algorithms.add(SignatureAlgorithm.RS256);
                            algorithms.add(SignatureAlgorithm.ES256);
                            algorithms.add(SignatureAlgorithm.PS256);
                        })
                        .build());
        decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(
                JwtValidators.createDefault(),
                new JwtClaimValidator<String>(JwtClaimNames.SUB, SecurityConfiguration::isUuid)));
        return decoder;
    }

    @Bean
    SecurityFilterChain apiSecurity(HttpSecurity http, JwtDecoder decoder, JsonMapper json) throws Exception {
        ProblemResponses problems = new ProblemResponses(json);
        BearerTokenAuthenticationEntryPoint bearer = new BearerTokenAuthenticationEntryPoint();
        http.csrf(AbstractHttpConfigurer::disable)
                .httpBasic(AbstractHttpConfigurer::disable)
                .formLogin(AbstractHttpConfigurer::disable)
                .logout(AbstractHttpConfigurer::disable)
                .requestCache(AbstractHttpConfigurer::disable)
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .authorizeHttpRequests(requests -> requests.requestMatchers(
                                "/actuator/health", "/actuator/health/**", "/error")
                        .permitAll()
                        // The OpenAPI description of the API and its UI (springdoc)
                        .requestMatchers("/v3/api-docs", "/v3/api-docs/**", "/swagger-ui.html", "/swagger-ui/**")
                        .permitAll()
                        // The admin console's static files and, in demo mode, the demo pages: they hold no data;
                        // every call they make to /api is authorised as any other.
                        .requestMatchers("/model-access", "/model-access/**", "/demo", "/demo/**")
                        .permitAll()
                        .requestMatchers("/api/admin/**", "/actuator/**")
                        .hasRole(ADMIN)
                        .requestMatchers("/api/**")
                        .hasRole(USER)
                        .anyRequest()
                        .denyAll())
                .oauth2ResourceServer(oauth -> oauth.jwt(
                                jwt -> jwt.decoder(decoder).jwtAuthenticationConverter(authenticationConverter()))
                        .authenticationEntryPoint((request, response, failure) -> {
                            bearer.commence(request, response, failure);
                            problems.write(request, response, HttpStatus.UNAUTHORIZED, unauthorizedDetail(failure));
                        })
                        .accessDeniedHandler((request, response, denied) ->
                                problems.write(request, response, HttpStatus.FORBIDDEN, "This needs the admin role")))
                .exceptionHandling(exceptions -> exceptions
                        .authenticationEntryPoint((request, response, failure) -> {
                            bearer.commence(request, response, failure);
                            problems.write(request, response, HttpStatus.UNAUTHORIZED, unauthorizedDetail(failure));
                        })
                        .accessDeniedHandler((request, response, denied) ->
                                problems.write(request, response, HttpStatus.FORBIDDEN, "This needs the admin role")));
        return http.build();
    }

    @Bean
    RequestRejectedHandler requestRejectedHandler(JsonMapper json) {
        ProblemResponses problems = new ProblemResponses(json);
        return (request, response, rejected) -> problems.write(
                request, response, HttpStatus.BAD_REQUEST, "The request URL was rejected as potentially malicious");
    }

    static JwtAuthenticationConverter authenticationConverter() {
        JwtAuthenticationConverter converter = new JwtAuthenticationConverter();
        converter.setJwtGrantedAuthoritiesConverter(SecurityConfiguration::authorities);
        return converter;
    }

    static Collection<GrantedAuthority> authorities(Jwt jwt) {
        List<GrantedAuthority> authorities = new ArrayList<>(2);
        authorities.add(new SimpleGrantedAuthority("ROLE_" + USER));
        if (isAdmin(jwt)) {
            authorities.add(new SimpleGrantedAuthority("ROLE_" + ADMIN));
        }
        return authorities;
    }

    static boolean isAdmin(Jwt jwt) {
        Object appMetadata = jwt.getClaims().get("app_metadata");
        return appMetadata instanceof Map<?, ?> metadata && "admin".equals(metadata.get("role"));
    }

    /** The user id of an authenticated caller. */
    public static UUID userId(Jwt jwt) {
        return UUID.fromString(jwt.getSubject());
    }

    private static boolean isUuid(String subject) {
        if (subject == null || subject.length() != 36) {
            return false;
        }
        try {
            UUID.fromString(subject);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static String unauthorizedDetail(org.springframework.security.core.AuthenticationException failure) {
        if (failure instanceof OAuth2AuthenticationException oauth
                && oauth.getError().getDescription() != null) {
            return "The bearer token was rejected: " + oauth.getError().getDescription();
        }
        return "A valid bearer token is required";
    }
}
