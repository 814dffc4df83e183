package dev.modelaccess.web;

import dev.modelaccess.core.ModelNotFoundException;
import dev.modelaccess.core.catalog.Tier;
import dev.modelaccess.core.port.ModelAccessStore;
import dev.modelaccess.core.port.UserProfile;
import dev.modelaccess.core.port.UserProfiles;
import dev.modelaccess.testsupport.data.SharedData;
import dev.modelaccess.testsupport.memory.InMemoryModelAccessStore;
import dev.modelaccess.testsupport.openrouter.LocalOpenRouter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.test.context.DynamicPropertyRegistrar;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * A host whose filter chain permits every request (it only reads bearer tokens when they are sent), with its own
 * controller, on an in-memory catalog and OpenRouter's real 2026-08-14 list served on loopback.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
class PermitAllHost {

    static final UUID FREE = UUID.fromString("a0000000-0000-4000-8000-000000000001");
    static final UUID PRO = UUID.fromString("a0000000-0000-4000-8000-000000000002");
    static final UUID ADMIN = UUID.fromString("a0000000-0000-4000-8000-0000000000ad");

    /** OpenRouter's real list on loopback; started once for the test JVM. */
    static final LocalOpenRouter OPENROUTER =
            LocalOpenRouter.start().on("/api/v1/models", LocalOpenRouter.raw(200, "application/json", realModels()));

    private static byte[] realModels() {
        try {
            return Files.readAllBytes(SharedData.openRouterFile("models-2026-08-14.json"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The module's OpenRouter client aimed at the stand-in, in every test context built on this host. */
    @Bean
    DynamicPropertyRegistrar openRouterOnLoopback() {
        return registry -> registry.add("modelaccess.openrouter.base-url", OPENROUTER::baseUrl);
    }

    @Bean
    ModelAccessStore store() {
        return new InMemoryModelAccessStore();
    }

    @Bean
    UserProfiles profiles() {
        Map<UUID, UserProfile> profiles = new ConcurrentHashMap<>();
        profiles.put(FREE, new UserProfile(FREE, Tier.FREE, null));
        profiles.put(PRO, new UserProfile(PRO, Tier.PRO, null));
        return new UserProfiles() {
            @Override
            public Optional<UserProfile> find(UUID userId) {
                return Optional.ofNullable(profiles.get(userId));
            }

            @Override
            public void setDefaultModel(UUID userId, String modelId) {
                UserProfile current = profiles.getOrDefault(userId, UserProfile.unknown(userId));
                profiles.put(userId, new UserProfile(userId, current.tier(), modelId));
            }
        };
    }

    @Bean
    JwtDecoder jwtDecoder() {
        return NimbusJwtDecoder.withSecretKey(
                        new SecretKeySpec(Tokens.SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"))
                .macAlgorithm(MacAlgorithm.HS256)
                .build();
    }

    /** Permits everything: the module alone must keep the admin routes to admins. */
    @Bean
    SecurityFilterChain permitAll(HttpSecurity http) throws Exception {
        return http.csrf(AbstractHttpConfigurer::disable)
                .authorizeHttpRequests(requests -> requests.anyRequest().permitAll())
                .oauth2ResourceServer(oauth -> oauth.jwt(jwt -> {}))
                .build();
    }

    /** The host's own controller (registered as a member class): its JSON and its errors are the host's. */
    @RestController
    static class HostController {

        record HostView(String someValue, int itemCount) {}

        @GetMapping("/api/host/view")
        HostView view() {
            return new HostView("x", 2);
        }

        @PostMapping("/api/host/echo")
        HostView echo(@RequestBody HostView view) {
            return view;
        }

        @GetMapping("/api/host/missing")
        HostView missing() {
            throw new ModelNotFoundException("host/thing");
        }
    }
}
