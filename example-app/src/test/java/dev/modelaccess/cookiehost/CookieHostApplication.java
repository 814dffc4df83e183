package dev.modelaccess.cookiehost;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.UUID;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.csrf.CookieCsrfTokenRepository;
import org.springframework.security.web.csrf.CsrfFilter;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.security.web.csrf.CsrfTokenRequestAttributeHandler;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * A host that is not the example app and signs its users in with a session: Spring Security's form login, one
 * in-memory admin (named by a UUID, with the authority {@code ROLE_MODEL_ACCESS_ADMIN}), and CSRF tokens in the
 * {@code XSRF-TOKEN} cookie that a page's script sends back raw in {@code X-XSRF-TOKEN}. It switches the web module
 * and the console on and writes nothing for them. Outside {@code dev.modelaccess.example}, so the example app's scan
 * never sees it.
 */
@SpringBootApplication
public class CookieHostApplication {

    public static final UUID ADMIN = UUID.fromString("c0000000-0000-4000-8000-00000000c00c");
    public static final String PASSWORD = "cookie-host-password";

    @Bean
    UserDetailsService users() {
        return new InMemoryUserDetailsManager(User.withUsername(ADMIN.toString())
                .password("{noop}" + PASSWORD)
                .authorities("ROLE_MODEL_ACCESS_ADMIN")
                .build());
    }

    /** Everything needs a signed-in session; writes need the CSRF token as well. */
    @Bean
    SecurityFilterChain security(HttpSecurity http) throws Exception {
        return http.authorizeHttpRequests(requests -> requests.anyRequest().authenticated())
                .formLogin(
                        form -> form.defaultSuccessUrl("/model-access/", true).permitAll())
                .csrf(csrf -> csrf.csrfTokenRepository(CookieCsrfTokenRepository.withHttpOnlyFalse())
                        .csrfTokenRequestHandler(new CsrfTokenRequestAttributeHandler()))
                // the token is deferred: load it on every request so that the cookie is there again after login
                .addFilterAfter(new CsrfCookieFilter(), CsrfFilter.class)
                .build();
    }

    /** Renders the deferred CSRF token, which makes the repository write its cookie (as {@code csrf.spa()} does). */
    static final class CsrfCookieFilter extends OncePerRequestFilter {
        @Override
        protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                throws ServletException, IOException {
            CsrfToken token = (CsrfToken) request.getAttribute(CsrfToken.class.getName());
            if (token != null) {
                token.getToken();
            }
            chain.doFilter(request, response);
        }
    }
}
