package dev.modelaccess.web;

import dev.modelaccess.core.LifecycleViolationException;
import dev.modelaccess.core.ModelAccessException;
import dev.modelaccess.core.ModelNotFoundException;
import dev.modelaccess.core.SelectionChangedException;
import dev.modelaccess.core.StoreException;
import dev.modelaccess.core.UpstreamException;
import dev.modelaccess.core.UpstreamRejectedException;
import dev.modelaccess.core.UpstreamUnavailableException;
import dev.modelaccess.core.access.ModelNotAllowedException;
import dev.modelaccess.core.keys.ApiKeyRejectedException;
import dev.modelaccess.core.keys.KeyMaterialMissingException;
import dev.modelaccess.core.keys.KeyVerificationUnavailableException;
import dev.modelaccess.core.keys.MalformedApiKeyException;
import dev.modelaccess.core.keys.NoUsableKeyException;
import dev.modelaccess.core.keys.SecretCipherException;
import dev.modelaccess.core.keys.SecretDecryptionException;
import dev.modelaccess.core.resources.ResourceLimitReachedException;
import dev.modelaccess.core.resources.ResourceModelUnusableException;
import dev.modelaccess.core.resources.ResourceNotFoundException;
import dev.modelaccess.core.resources.ResourceValidationException;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.TypeMismatchException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.ServletRequestBindingException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Turns failures into RFC 9457 problem documents: 400 a model id that is no safe {@code author/slug}, 404 unknown
 * model or resource, 409 a status change the lifecycle
 * forbids or no usable OpenRouter key, 403 a resource whose model the user's tier may not use now, 422 a request
 * that cannot be honoured (model not usable by the tier, invalid values, a key OpenRouter refuses), 503 the
 * database or OpenRouter is unreachable or keys cannot be stored; OpenRouter's own refusals of a user's call as 402,
 * 422, 429 or 502; 413 a request body over the limit. Spring MVC's own errors (unreadable body, wrong parameter type,
 * unsupported method or media type) are problems too.
 *
 * <p>Not an advice by itself: the module applies it to its own controllers only, never the host's. A host applies it
 * to its own controllers built on model-access with a subclass, e.g. {@code
 * @RestControllerAdvice(assignableTypes = MyController.class) class MyProblems extends ModelAccessProblemHandler {}}.
 * It is not a {@link ResponseEntityExceptionHandler} bean either, so Spring Boot's own problem details handler
 * ({@code spring.mvc.problemdetails.enabled}) keeps serving the host.
 */
public class ModelAccessProblemHandler {

    private static final Logger LOG = LoggerFactory.getLogger(ModelAccessProblemHandler.class);

    /** Spring MVC's own problem answers, used as a helper (not a bean). */
    private final ResponseEntityExceptionHandler mvc = new ResponseEntityExceptionHandler() {};

    /** Spring MVC's own failures (unreadable body, wrong parameter type, …) as Spring MVC answers them. */
    @ExceptionHandler({
        HttpRequestMethodNotSupportedException.class,
        HttpMediaTypeNotSupportedException.class,
        HttpMediaTypeNotAcceptableException.class,
        ServletRequestBindingException.class,
        MissingServletRequestParameterException.class,
        MethodArgumentNotValidException.class,
        HandlerMethodValidationException.class,
        TypeMismatchException.class,
        HttpMessageNotReadableException.class,
        ErrorResponseException.class
    })
    public @Nullable ResponseEntity<Object> springMvc(Exception e, WebRequest request) throws Exception {
        RequestBodyTooLargeException tooLarge =
                request.getAttribute(RequestBodyLimitFilter.EXCEEDED, WebRequest.SCOPE_REQUEST)
                                instanceof RequestBodyTooLargeException exceeded
                        ? exceeded
                        : findTooLarge(e);
        if (tooLarge != null) {
            return ResponseEntity.status(HttpStatus.CONTENT_TOO_LARGE).body(tooLarge(tooLarge));
        }
        return mvc.handleException(e, request);
    }

    @ExceptionHandler(RequestBodyTooLargeException.class)
    public ProblemDetail tooLarge(RequestBodyTooLargeException e) {
        return problem(HttpStatus.CONTENT_TOO_LARGE, e.getMessage());
    }

    private static @Nullable RequestBodyTooLargeException findTooLarge(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof RequestBodyTooLargeException tooLarge) {
                return tooLarge;
            }
        }
        return null;
    }

    /**
     * The failures whose own message is the problem's detail, with their status: 404 an unknown model or resource,
     * 409 a status change the lifecycle forbids, 422 a model the tier may not use, invalid values, a value that is
     * not shaped like an OpenRouter key. (Each of these types is final, so its class is the key.)
     */
    private static final Map<Class<? extends Exception>, HttpStatus> TOLD_AS_IS = Map.of(
            ModelNotFoundException.class, HttpStatus.NOT_FOUND,
            NotFoundException.class, HttpStatus.NOT_FOUND,
            LifecycleViolationException.class, HttpStatus.CONFLICT,
            SelectionChangedException.class, HttpStatus.CONFLICT,
            ModelNotAllowedException.class, HttpStatus.UNPROCESSABLE_CONTENT,
            InvalidRequestException.class, HttpStatus.UNPROCESSABLE_CONTENT,
            MalformedApiKeyException.class, HttpStatus.UNPROCESSABLE_CONTENT);

    @ExceptionHandler({
        ModelNotFoundException.class,
        NotFoundException.class,
        LifecycleViolationException.class,
        SelectionChangedException.class,
        ModelNotAllowedException.class,
        InvalidRequestException.class,
        MalformedApiKeyException.class
    })
    public ProblemDetail toldAsIs(Exception e) {
        return problem(TOLD_AS_IS.get(e.getClass()), e.getMessage());
    }

    @ExceptionHandler(InvalidModelIdException.class)
    public ProblemDetail invalidModelId(InvalidModelIdException e) {
        ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, e.getMessage());
        problem.setProperty("field", e.field());
        return problem;
    }

    @ExceptionHandler(InvalidIdException.class)
    public ProblemDetail invalidId(InvalidIdException e) {
        ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, e.getMessage());
        problem.setProperty("field", e.field());
        return problem;
    }

    @ExceptionHandler(StoreException.class)
    public ProblemDetail unavailable(StoreException e) {
        LOG.warn("The database failed", e);
        return problem(HttpStatus.SERVICE_UNAVAILABLE, "The database is unavailable; try again shortly");
    }

    // ---- users' OpenRouter keys

    @ExceptionHandler(ApiKeyRejectedException.class)
    public ProblemDetail rejectedKey(ApiKeyRejectedException e) {
        LOG.info("OpenRouter refused the API key user {} offered: {}", e.userId(), e.reason());
        return problem(
                HttpStatus.UNPROCESSABLE_CONTENT,
                "OpenRouter refused this API key (unknown, revoked or expired); nothing was stored");
    }

    @ExceptionHandler(KeyVerificationUnavailableException.class)
    public ProblemDetail verificationUnavailable(KeyVerificationUnavailableException e) {
        return problem(
                HttpStatus.SERVICE_UNAVAILABLE,
                "OpenRouter could not be asked whether this API key works; nothing was stored, try again later");
    }

    @ExceptionHandler(KeyMaterialMissingException.class)
    public ProblemDetail keyMaterialMissing(KeyMaterialMissingException e) {
        LOG.warn("A user tried to store an OpenRouter key: {}", e.getMessage());
        return problem(
                HttpStatus.SERVICE_UNAVAILABLE,
                "This server cannot store OpenRouter keys: no encryption key material is configured"
                        + " (modelaccess.keys.keyset)");
    }

    @ExceptionHandler(SecretDecryptionException.class)
    public ProblemDetail undecryptableKey(SecretDecryptionException e) {
        LOG.warn("A stored OpenRouter key does not decrypt: {}", e.getMessage());
        return problem(
                HttpStatus.CONFLICT,
                "Your stored OpenRouter key can no longer be read by this server; store it again"
                        + " (PUT /api/me/openrouter-key)");
    }

    @ExceptionHandler(SecretCipherException.class)
    public ProblemDetail cipherFailed(SecretCipherException e) {
        LOG.error("Encrypting or decrypting a user's OpenRouter key failed", e);
        return problem(HttpStatus.SERVICE_UNAVAILABLE, "OpenRouter keys cannot be used on this server right now");
    }

    @ExceptionHandler(NoUsableKeyException.class)
    public ProblemDetail noUsableKey(NoUsableKeyException e) {
        String detail = switch (e.reason()) {
            case NONE -> "You have no OpenRouter key stored; store one first (PUT /api/me/openrouter-key)";
            case DISABLED -> "Your OpenRouter key is switched off";
            case INVALID ->
                "OpenRouter no longer accepts your stored key; store a new one (PUT /api/me/openrouter-key)";
        };
        ProblemDetail problem = problem(HttpStatus.CONFLICT, detail);
        problem.setProperty("reason", e.reason().name().toLowerCase(Locale.ROOT));
        return problem;
    }

    // ---- resources

    @ExceptionHandler(ResourceValidationException.class)
    public ProblemDetail invalidResource(ResourceValidationException e) {
        ProblemDetail problem = problem(HttpStatus.UNPROCESSABLE_CONTENT, e.getMessage());
        problem.setProperty("errors", e.problems());
        return problem;
    }

    @ExceptionHandler(ResourceLimitReachedException.class)
    public ProblemDetail resourceLimitReached(ResourceLimitReachedException e) {
        ProblemDetail problem = problem(HttpStatus.UNPROCESSABLE_CONTENT, e.getMessage());
        problem.setProperty("limit", e.limit());
        return problem;
    }

    @ExceptionHandler(ResourceNotFoundException.class)
    public ProblemDetail resourceNotFound(ResourceNotFoundException e) {
        return problem(HttpStatus.NOT_FOUND, "No such resource");
    }

    @ExceptionHandler(ResourceModelUnusableException.class)
    public ProblemDetail modelUnusable(ResourceModelUnusableException e) {
        ProblemDetail problem = problem(HttpStatus.FORBIDDEN, e.getMessage());
        problem.setProperty("reason", e.reason().name().toLowerCase(Locale.ROOT));
        problem.setProperty("model", e.modelId());
        return problem;
    }

    // ---- OpenRouter failing a call made for a user

    /**
     * OpenRouter failed a call made for a user (a run): 402 too few credits, 422 a request OpenRouter refused (400,
     * or 403 input flagged by moderation), 429 rate-limited, 503 unreachable, timed out or failing (5xx), 502 an
     * answer that could not be used or another refusal. Never a 500: the application itself did not break.
     */
    @ExceptionHandler(UpstreamException.class)
    public ProblemDetail upstream(UpstreamException e) {
        Integer status = e.status();
        String said = e.upstreamMessage() == null ? "" : ": " + e.upstreamMessage();
        LOG.info("OpenRouter failed a call: {}", e.getMessage());
        ProblemDetail problem;
        if (e instanceof UpstreamRejectedException && status != null && status == 402) {
            problem = problem(
                    HttpStatus.PAYMENT_REQUIRED,
                    "OpenRouter says the account behind your key has too few credits" + said);
        } else if (e instanceof UpstreamRejectedException && status != null && (status == 400 || status == 403)) {
            problem = problem(HttpStatus.UNPROCESSABLE_CONTENT, "OpenRouter refused the request" + said);
        } else if (e instanceof UpstreamUnavailableException && status != null && status == 429) {
            problem = problem(HttpStatus.TOO_MANY_REQUESTS, "OpenRouter is rate-limiting your key; try again later");
        } else if (e instanceof UpstreamUnavailableException) {
            problem = problem(
                    HttpStatus.SERVICE_UNAVAILABLE,
                    "OpenRouter is unavailable right now"
                            + (status == null ? " (no answer in time)" : " (HTTP " + status + ")") + said
                            + "; try again later");
        } else {
            problem = problem(
                    HttpStatus.BAD_GATEWAY,
                    "OpenRouter's answer could not be used" + (status == null ? "" : " (HTTP " + status + ")") + said);
        }
        if (status != null) {
            problem.setProperty("upstream_status", status);
        }
        return problem;
    }

    @ExceptionHandler(ModelAccessException.class)
    public ProblemDetail failed(ModelAccessException e) {
        LOG.error("Request failed", e);
        return problem(HttpStatus.INTERNAL_SERVER_ERROR, "The request failed");
    }

    /** A problem document with {@code status} and {@code detail}. */
    protected static ProblemDetail problem(HttpStatus status, String detail) {
        return ProblemDetail.forStatusAndDetail(status, detail);
    }
}
