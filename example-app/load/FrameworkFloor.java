import java.nio.file.Files;
import java.nio.file.Path;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.context.PropertyPlaceholderAutoConfiguration;
import org.springframework.boot.http.converter.autoconfigure.HttpMessageConvertersAutoConfiguration;
import org.springframework.boot.servlet.autoconfigure.HttpEncodingAutoConfiguration;
import org.springframework.boot.tomcat.autoconfigure.servlet.TomcatServletWebServerAutoConfiguration;
import org.springframework.boot.webmvc.autoconfigure.DispatcherServletAutoConfiguration;
import org.springframework.boot.webmvc.autoconfigure.WebMvcAutoConfiguration;
import org.springframework.boot.webmvc.autoconfigure.error.ErrorMvcAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The framework's floor for {@code GET /api/models}: Spring MVC on Tomcat, from the example app's own libraries and
 * with its JVM options, answering the same bytes from memory with an ETag, and nothing else (no metrics, no
 * model-access). With {@code --floor.security=true}, Spring Security's stock bearer-token chain stands in front, the
 * least a host's security does (see {@link Security}). {@code run-load-test.sh} runs both beside the app and nginx, so
 * one run shows how much of the app's cost is the framework's, how much its security chain's, and how much the work on
 * top of them.
 *
 * <pre>
 * java -cp 'extracted/lib/*' example-app/load/FrameworkFloor.java body.json --server.port=38082 [--floor.security=true]
 * </pre>
 */
@RestController
@ImportAutoConfiguration({
    PropertyPlaceholderAutoConfiguration.class,
    TomcatServletWebServerAutoConfiguration.class,
    DispatcherServletAutoConfiguration.class,
    WebMvcAutoConfiguration.class,
    HttpMessageConvertersAutoConfiguration.class,
    HttpEncodingAutoConfiguration.class,
    ErrorMvcAutoConfiguration.class
})
public class FrameworkFloor {

    private static byte[] body;

    @GetMapping("/api/models")
    ResponseEntity<byte[]> models() {
        return ResponseEntity.ok()
                .contentType(MediaType.APPLICATION_JSON)
                .eTag("\"framework-floor\"")
                .body(body);
    }

    /**
     * Spring Security's resource server as its reference guide sets it up for a stateless API, every request
     * authenticated, with a decoder that accepts any bearer token unchecked: no signature, no claims, no cache. Any
     * real host's chain does at least this much.
     */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnProperty(name = "floor.security", havingValue = "true")
    @EnableWebSecurity
    static class Security {

        @Bean
        SecurityFilterChain bearerTokens(HttpSecurity http) throws Exception {
            Jwt anyToken = Jwt.withTokenValue("floor")
                    .header("alg", "none")
                    .subject("floor")
                    .build();
            http.csrf(AbstractHttpConfigurer::disable)
                    .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                    .authorizeHttpRequests(requests -> requests.anyRequest().authenticated())
                    .oauth2ResourceServer(oauth -> oauth.jwt(jwt -> jwt.decoder(token -> anyToken)));
            return http.build();
        }
    }

    public static void main(String[] args) throws Exception {
        body = Files.readAllBytes(Path.of(args[0]));
        SpringApplication.run(FrameworkFloor.class, args);
        System.out.println("framework floor started");
    }
}
