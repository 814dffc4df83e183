package dev.modelaccess.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Optional;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.http.HttpStatus;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * Resolves the caller of every {@link ModelAccessApi} handler before it runs: 401 without one, 403 for a non-admin on
 * an admin controller. Other handlers (the host's) pass untouched.
 */
record CallerInterceptor(CallerResolver resolver, ProblemWriter problems) implements HandlerInterceptor {

    static final String CALLER = CallerInterceptor.class.getName() + ".caller";

    /** Each handler type's annotation, looked up once (this runs on every request, the dropdown's included). */
    private static final ClassValue<Optional<ModelAccessApi>> API = new ClassValue<>() {
        @Override
        protected Optional<ModelAccessApi> computeValue(Class<?> type) {
            return Optional.ofNullable(AnnotatedElementUtils.findMergedAnnotation(type, ModelAccessApi.class));
        }
    };

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler)
            throws Exception {
        if (!(handler instanceof HandlerMethod method)) {
            return true;
        }
        ModelAccessApi api = API.get(method.getBeanType()).orElse(null);
        if (api == null) {
            return true;
        }
        ModelAccessCaller caller = resolver.resolve(request);
        if (caller == null) {
            problems.write(request, response, HttpStatus.UNAUTHORIZED, "A signed-in user is required");
            return false;
        }
        if (api.admin() && !caller.admin()) {
            problems.write(request, response, HttpStatus.FORBIDDEN, "This needs the admin role");
            return false;
        }
        request.setAttribute(CALLER, caller);
        return true;
    }
}
