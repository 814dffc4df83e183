package dev.modelaccess.web;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.core.MethodParameter;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;
import org.springframework.web.server.ResponseStatusException;

/**
 * A {@link ModelAccessCaller} parameter of any handler: the caller the interceptor resolved, or (for a host's own
 * controller) the {@link CallerResolver}'s answer; 401 when there is none.
 */
final class CallerArgumentResolver implements HandlerMethodArgumentResolver {

    private final CallerResolver resolver;

    CallerArgumentResolver(CallerResolver resolver) {
        this.resolver = resolver;
    }

    @Override
    public boolean supportsParameter(MethodParameter parameter) {
        return parameter.getParameterType() == ModelAccessCaller.class;
    }

    @Override
    public Object resolveArgument(
            MethodParameter parameter,
            ModelAndViewContainer mavContainer,
            NativeWebRequest webRequest,
            WebDataBinderFactory binderFactory) {
        HttpServletRequest request = webRequest.getNativeRequest(HttpServletRequest.class);
        if (request == null) {
            throw new ResponseStatusException(HttpStatus.UNAUTHORIZED, "A signed-in user is required");
        }
        if (request.getAttribute(CallerInterceptor.CALLER) instanceof ModelAccessCaller caller) {
            return caller;
        }
        ModelAccessCaller caller = resolver.resolve(request);
        if (caller == null) {
            throw new ResponseStatusException(HttpStatus.UNAUTHORIZED, "A signed-in user is required");
        }
        return caller;
    }
}
