package dev.modelaccess.example.demo;

import dev.modelaccess.example.DemoMode;
import dev.modelaccess.example.security.TokenKeys;
import dev.modelaccess.web.console.ConsoleHeadersFilter;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Conditional;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * Demo mode only (the bean exists only then): the admin token for the console's one-click sign-in, and the small
 * demo user page (pick a demo user, see their dropdown and default, save a key, create and run a resource), which
 * talks to the same {@code /api} as any front end would. Tokens are minted only with the secret generated for this
 * run; with a configured one the token endpoints answer 404.
 */
@RestController
@Conditional(DemoMode.class)
class DemoPagesController {

    private static final Map<String, MediaType> PAGE_FILES = Map.of(
            "index.html", MediaType.valueOf("text/html;charset=UTF-8"),
            "demo.js", MediaType.valueOf("text/javascript;charset=UTF-8"),
            "demo.css", MediaType.valueOf("text/css;charset=UTF-8"));

    private final @Nullable DemoTokens tokens;
    private final java.time.Duration validity;

    DemoPagesController(TokenKeys keys, DemoProperties properties, ObjectProvider<Clock> clock) {
        // Only with the secret generated for this run: a configured secret (say, a Supabase project's) is trusted by
        // other services too, which would accept these 24-hour tokens, admin ones included. Without one, both
        // endpoints answer 404 and mint nothing.
        this.tokens = keys.generated()
                ? keys.hmacSecret()
                        .map(secret -> new DemoTokens(secret, clock.getIfUnique(Clock::systemUTC)))
                        .orElse(null)
                : null;
        this.validity = properties.tokenValidity();
    }

    /**
     * The console asks for this (relative to its own path); outside demo mode, or with a configured secret, it is
     * absent (404).
     */
    @GetMapping("${modelaccess.web.console.path:/model-access/}demo-token")
    ResponseEntity<Map<String, String>> adminToken() {
        DemoTokens tokens = this.tokens;
        if (tokens == null) {
            return ResponseEntity.notFound().build();
        }
        DemoSetup.DemoUser admin = DemoSetup.USERS.stream()
                .filter(DemoSetup.DemoUser::admin)
                .findFirst()
                .orElseThrow();
        return noStore(Map.of("token", tokens.sign(admin.id(), true, validity)));
    }

    /** The demo users who are not admins, each with a fresh token; 404 with a configured secret. */
    @GetMapping("/demo/users")
    ResponseEntity<Map<String, List<Map<String, String>>>> users() {
        DemoTokens tokens = this.tokens;
        if (tokens == null) {
            return ResponseEntity.notFound().build();
        }
        return noStore(Map.of(
                "data",
                DemoSetup.USERS.stream()
                        .filter(user -> !user.admin())
                        .map(user -> Map.of(
                                "label", user.label(),
                                "id", user.id().toString(),
                                "tier", user.tier().dbValue(),
                                "token", tokens.sign(user.id(), false, validity)))
                        .toList()));
    }

    @GetMapping({"/demo", "/demo/"})
    ResponseEntity<byte[]> page() {
        return file("index.html");
    }

    @GetMapping("/demo/{name}")
    ResponseEntity<byte[]> file(@PathVariable String name) {
        MediaType type = PAGE_FILES.get(name);
        if (type == null) {
            return ResponseEntity.notFound().build();
        }
        try (InputStream in = DemoPagesController.class.getResourceAsStream("/demo-page/" + name)) {
            if (in == null) {
                return ResponseEntity.notFound().build();
            }
            return ResponseEntity.ok()
                    .contentType(type)
                    .cacheControl(CacheControl.noCache())
                    .header("Content-Security-Policy", ConsoleHeadersFilter.CONTENT_SECURITY_POLICY)
                    .header("X-Content-Type-Options", "nosniff")
                    .body(in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static <T> ResponseEntity<T> noStore(T body) {
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(body);
    }
}
