package dev.modelaccess.example.security;

import dev.modelaccess.example.DemoMode;
import dev.modelaccess.web.ProblemWriter;
import java.time.Duration;
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
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtAudienceValidator;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationProvider;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.firewall.HttpFirewall;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import tools.jackson.databind.json.JsonMapper;

/**
 * Bearer-token security: every {@code /api/**} call needs a valid JWT (HS256 secret or JWKS), whose {@code sub} is
 * the user id (a UUID); {@code /api/admin/**} also needs the claim {@code app_metadata.role = admin}. Missing,
 * malformed, expired, unsigned ({@code alg: none}) or wrongly signed tokens, tokens without {@code exp}, for another
 * audience or (when {@code app.security.issuer} is set) from another issuer get 401 with one stable detail
 * ({@link #UNAUTHORIZED_DETAIL}); non-admins on admin routes 403; both as {@code application/problem+json}.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(AppSecurityProperties.class)
public class SecurityConfiguration {

    /** The role every authenticated caller has. */
    public static final String USER = "USER";
    /** The role of callers whose token says {@code app_metadata.role = admin}. */
    public static final String ADMIN = "ADMIN";

    /** The one {@code detail} of every 401: stable, and free of the token library's internal messages. */
    public static final String UNAUTHORIZED_DETAIL =
            "The bearer token is missing, malformed, expired or not signed by a trusted key.";

    /** How many HS256 tokens whose signature was verified are remembered, and for how long (claims: every call). */
    static final int VERIFIED_TOKENS = 10_000;

    static final Duration VERIFIED_TOKENS_MAXIMUM_AGE = Duration.ofMinutes(5);

    @Bean
    TokenKeys tokenKeys(AppSecurityProperties properties, Environment environment) {
        return TokenKeys.resolve(properties, DemoMode.isOn(environment));
    }

    @Bean
    JwtDecoder jwtDecoder(TokenKeys keys, AppSecurityProperties properties) {
        byte[] secret = keys.hmacSecret().orElse(null);
        if (secret != null) {
            NimbusJwtDecoder verifier = NimbusJwtDecoder.withSecretKey(new SecretKeySpec(secret, "HmacSHA256"))
                    .macAlgorithm(MacAlgorithm.HS256)
                    .build();
            // The claims are checked by VerifiedTokens on every call, cached token or not.
            verifier.setJwtValidator(jwt -> OAuth2TokenValidatorResult.success());
            return new VerifiedTokens(
                    verifier, tokenValidator(properties), VERIFIED_TOKENS, VERIFIED_TOKENS_MAXIMUM_AGE);
        }
        NimbusJwtDecoder decoder = NimbusJwtDecoder.withJwkSetUri(String.valueOf(keys.jwkSetUri()))
                .jwsAlgorithms(algorithms -> {
                    algorithms.add(SignatureAlgorithm.RS256);
                    algorithms.add(SignatureAlgorithm.ES256);
                    algorithms.add(SignatureAlgorithm.PS256);
                })
                .build();
        decoder.setJwtValidator(tokenValidator(properties));
        return decoder;
    }

    /**
     * What a correctly signed token must also satisfy: {@code exp} present and not past, {@code nbf} not ahead (both
     * with Spring's 60 s of clock skew), {@code aud} naming the configured audience, {@code iss} equal to the
     * configured issuer when there is one, and a UUID {@code sub}.
     */
    static OAuth2TokenValidator<Jwt> tokenValidator(AppSecurityProperties properties) {
        JwtTimestampValidator timestamps = new JwtTimestampValidator();
        timestamps.setAllowEmptyExpiryClaim(false);
        List<OAuth2TokenValidator<Jwt>> validators = new ArrayList<>();
        validators.add(timestamps);
        validators.add(new JwtAudienceValidator(properties.audience()));
        if (properties.issuer() != null) {
            validators.add(new JwtIssuerValidator(properties.issuer()));
        }
        validators.add(new JwtClaimValidator<String>(JwtClaimNames.SUB, SecurityConfiguration::isUuid));
        return JwtValidators.createDefaultWithValidators(validators);
    }

    @Bean
    SecurityFilterChain apiSecurity(HttpSecurity http, JwtDecoder decoder, JsonMapper json) throws Exception {
        ProblemWriter problems = new ProblemWriter(json);
        AuthenticationEntryPoint unauthorized = (request, response, failure) -> {
            response.setHeader(HttpHeaders.WWW_AUTHENTICATE, bearerChallenge(failure));
            problems.write(request, response, HttpStatus.UNAUTHORIZED, UNAUTHORIZED_DETAIL);
        };
        AccessDeniedHandler forbidden = (request, response, denied) ->
                problems.write(request, response, HttpStatus.FORBIDDEN, "This needs the admin role");
        http.csrf(AbstractHttpConfigurer::disable)
                .httpBasic(AbstractHttpConfigurer::disable)
                .formLogin(AbstractHttpConfigurer::disable)
                .logout(AbstractHttpConfigurer::disable)
                .requestCache(AbstractHttpConfigurer::disable)
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                // The API first: its routes share no path with the rest, so the order below changes no answer, and
                // a call to it is decided after two patterns instead of after all of them.
                .authorizeHttpRequests(requests -> requests.requestMatchers("/api/admin/**")
                        .hasRole(ADMIN)
                        .requestMatchers("/api/**")
                        .hasRole(USER)
                        .requestMatchers("/actuator/health", "/actuator/health/**", "/error")
                        .permitAll()
                        // The OpenAPI description of the API and its UI (springdoc)
                        .requestMatchers("/v3/api-docs", "/v3/api-docs/**", "/swagger-ui.html", "/swagger-ui/**")
                        .permitAll()
                        // The admin console's static files and, in demo mode, the demo pages: they hold no data;
                        // every call they make to /api is authorised as any other.
                        .requestMatchers("/model-access", "/model-access/**", "/demo", "/demo/**")
                        .permitAll()
                        .requestMatchers("/actuator/**")
                        .hasRole(ADMIN)
                        .anyRequest()
                        .denyAll())
                .oauth2ResourceServer(oauth -> oauth.bearerTokenResolver(new BearerTokens())
                        .jwt(jwt -> jwt.authenticationManager(authenticationManager(decoder)))
                        .authenticationEntryPoint(unauthorized)
                        .accessDeniedHandler(forbidden))
                .exceptionHandling(exceptions ->
                        exceptions.authenticationEntryPoint(unauthorized).accessDeniedHandler(forbidden));
        return http.build();
    }

    /**
     * Spring Security's own observations off: the chain is then not wrapped per filter, per authentication and per
     * authorization (management.observations.enable.spring.security=false only made those observations no-ops,
     * still created on every request). The request as a whole keeps its http.server.requests observation.
     */
    @Bean
    SecurityObservationSettings securityObservationSettings() {
        return SecurityObservationSettings.noObservations();
    }

    /** Spring Security's default firewall, its header checks without a regular expression for printable ASCII. */
    @Bean
    HttpFirewall httpFirewall() {
        return HeaderRules.firewall();
    }

    @Bean
    RequestRejectedHandler requestRejectedHandler(JsonMapper json) {
        ProblemWriter problems = new ProblemWriter(json);
        return (request, response, rejected) -> problems.write(
                request, response, HttpStatus.BAD_REQUEST, "The request URL was rejected as potentially malicious");
    }

    /**
     * Verifies bearer tokens with decoder. A manager of its own, without the application's event publisher: the shared
     * one published an {@code AuthenticationSuccessEvent} through the application context on every request, for no
     * listener. A failed token is still answered by the entry point above.
     */
    static AuthenticationManager authenticationManager(JwtDecoder decoder) {
        JwtAuthenticationProvider provider = new JwtAuthenticationProvider(decoder);
        provider.setJwtAuthenticationConverter(authenticationConverter());
        return new ProviderManager(provider);
    }

    static JwtAuthenticationConverter authenticationConverter() {
        JwtAuthenticationConverter converter = new JwtAuthenticationConverter();
        converter.setJwtGrantedAuthoritiesConverter(SecurityConfiguration::authorities);
        converter.setJwtPrincipalConverter(JwtPrincipal::of);
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

    /**
     * The {@code WWW-Authenticate} challenge of RFC 6750 §3, in the product's own words: no error code when no bearer
     * token came (§3.1), {@code invalid_token} for one that is malformed or failed any check. The token library's own
     * description (which may quote the parser's internals or the token's claims) is never passed on.
     */
    static String bearerChallenge(AuthenticationException failure) {
        if (!(failure instanceof OAuth2AuthenticationException)) {
            return "Bearer";
        }
        return "Bearer error=\"" + OAuth2ErrorCodes.INVALID_TOKEN + "\", error_description=\"" + UNAUTHORIZED_DETAIL
                + "\"";
    }
}
