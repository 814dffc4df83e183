package dev.modelaccess.web;

import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;

/**
 * Tells the API who is calling. The module never configures the host's security: it asks this port, after the host's
 * own authentication has run. Define a bean of this type to replace {@link DefaultCallerResolver}.
 */
@FunctionalInterface
public interface CallerResolver {

    /**
     * The caller of this request.
     *
     * @return the caller, or null when none can be resolved (answered 401)
     */
    @Nullable
    ModelAccessCaller resolve(HttpServletRequest request);
}
