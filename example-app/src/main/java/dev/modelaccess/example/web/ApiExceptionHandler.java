package dev.modelaccess.example.web;

import dev.modelaccess.core.LifecycleViolationException;
import dev.modelaccess.core.ModelAccessException;
import dev.modelaccess.core.ModelNotFoundException;
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
import dev.modelaccess.core.resources.ResourceModelUnusableException;
import dev.modelaccess.core.resources.ResourceNotFoundException;
import dev.modelaccess.core.resources.ResourceValidationException;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Turns failures into RFC 9457 problem documents: 404 unknown model or resource, 409 a status change the lifecycle
 * forbids or no usable OpenRouter key, 403 a resource whose model the user's tier may not use now, 422 a request
 * that cannot be honoured (model not usable by the tier, invalid values, a key OpenRouter refuses), 503 the
 * database or OpenRouter is unreachable or keys cannot be stored; OpenRouter's own refusals of a user's call as 402,
 * 422, 429 or 502. Spring MVC's own errors (unreadable body, wrong parameter type, unknown path) are problems too.
 */
@RestControllerAdvice
class ApiExceptionHandler extends ResponseEntityExceptionHandler {

    private static final Logger LOG = LoggerFactory.getLogger(ApiExceptionHandler.class);

    @ExceptionHandler(ModelNotFoundException.class)
    ProblemDetail notFound(ModelNotFoundException e) {
        return problem(HttpStatus.NOT_FOUND, e.getMessage());
    }

    @ExceptionHandler(LifecycleViolationException.class)
    ProblemDetail conflict(LifecycleViolationException e) {
        return problem(HttpStatus.CONFLICT, e.getMessage());
    }

    @ExceptionHandler(ModelNotAllowedException.class)
    ProblemDetail notAllowed(ModelNotAllowedException e) {
        return problem(HttpStatus.UNPROCESSABLE_CONTENT, e.getMessage());
    }

    @ExceptionHandler(InvalidRequestException.class)
    ProblemDetail invalid(InvalidRequestException e) {
        return problem(HttpStatus.UNPROCESSABLE_CONTENT, e.getMessage());
    }

    @ExceptionHandler(StoreException.class)
    ProblemDetail unavailable(StoreException e) {
        LOG.warn("The database failed", e);
        return problem(HttpStatus.SERVICE_UNAVAILABLE, "The database is unavailable; try again shortly");
    }

    @ExceptionHandler(NotFoundException.class)
    ProblemDetail notFound(NotFoundException e) {
        return problem(HttpStatus.NOT_FOUND, e.getMessage());
    }

    // ---- users' OpenRouter keys

    @ExceptionHandler(MalformedApiKeyException.class)
    ProblemDetail malformedKey(MalformedApiKeyException e) {
        return problem(HttpStatus.UNPROCESSABLE_CONTENT, e.getMessage());
    }

    @ExceptionHandler(ApiKeyRejectedException.class)
    ProblemDetail rejectedKey(ApiKeyRejectedException e) {
        return problem(
                HttpStatus.UNPROCESSABLE_CONTENT,
                "OpenRouter refused this API key (" + e.reason() + "); nothing was stored");
    }

    @ExceptionHandler(KeyVerificationUnavailableException.class)
    ProblemDetail verificationUnavailable(KeyVerificationUnavailableException e) {
        return problem(
                HttpStatus.SERVICE_UNAVAILABLE,
                "OpenRouter could not be asked whether this API key works; nothing was stored, try again later");
    }

    @ExceptionHandler(KeyMaterialMissingException.class)
    ProblemDetail keyMaterialMissing(KeyMaterialMissingException e) {
        LOG.warn("A user tried to store an OpenRouter key: {}", e.getMessage());
        return problem(
                HttpStatus.SERVICE_UNAVAILABLE,
                "This server cannot store OpenRouter keys: no encryption key material is configured"
                        + " (modelaccess.keys.keyset)");
    }

    @ExceptionHandler(SecretDecryptionException.class)
    ProblemDetail undecryptableKey(SecretDecryptionException e) {
        LOG.warn("A stored OpenRouter key does not decrypt: {}", e.getMessage());
        return problem(
                HttpStatus.CONFLICT,
                "Your stored OpenRouter key can no longer be read by this server; store it again"
                        + " (PUT /api/me/openrouter-key)");
    }

    @ExceptionHandler(SecretCipherException.class)
    ProblemDetail cipherFailed(SecretCipherException e) {
        LOG.error("Encrypting or decrypting a user's OpenRouter key failed", e);
        return problem(HttpStatus.SERVICE_UNAVAILABLE, "OpenRouter keys cannot be used on this server right now");
    }

    @ExceptionHandler(NoUsableKeyException.class)
    ProblemDetail noUsableKey(NoUsableKeyException e) {
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
    ProblemDetail invalidResource(ResourceValidationException e) {
        ProblemDetail problem = problem(HttpStatus.UNPROCESSABLE_CONTENT, e.getMessage());
        problem.setProperty("errors", e.problems());
        return problem;
    }

    @ExceptionHandler(ResourceNotFoundException.class)
    ProblemDetail resourceNotFound(ResourceNotFoundException e) {
        return problem(HttpStatus.NOT_FOUND, "No such resource");
    }

    @ExceptionHandler(ResourceModelUnusableException.class)
    ProblemDetail modelUnusable(ResourceModelUnusableException e) {
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
    ProblemDetail upstream(UpstreamException e) {
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
    ProblemDetail failed(ModelAccessException e) {
        LOG.error("Request failed", e);
        return problem(HttpStatus.INTERNAL_SERVER_ERROR, "The request failed");
    }

    private static ProblemDetail problem(HttpStatus status, String detail) {
        return ProblemDetail.forStatusAndDetail(status, detail);
    }
}
