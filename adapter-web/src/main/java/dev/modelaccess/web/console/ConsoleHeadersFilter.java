package dev.modelaccess.web.console;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Sets the console's own security and cache headers on every response under the console path: a strict
 * Content-Security-Policy (no inline scripts or styles, nothing from another origin, no framing), {@code nosniff},
 * no referrer, and {@code no-cache} so that a new version of the module is picked up at once (the files are still
 * revalidated cheaply with {@code Last-Modified}).
 */
public final class ConsoleHeadersFilter extends OncePerRequestFilter {

    /** The policy the console's pages are served with. */
    public static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; "
            + "img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; "
            + "form-action 'self'";

    private final ConsolePaths paths;

    ConsoleHeadersFilter(ConsolePaths paths) {
        this.paths = paths;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return !(path.equals(paths.consoleNoSlash()) || path.startsWith(paths.console()));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        response.setHeader("Content-Security-Policy", CONTENT_SECURITY_POLICY);
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("Referrer-Policy", "no-referrer");
        response.setHeader("Cache-Control", "no-cache");
        chain.doFilter(request, response);
    }
}
