package dev.modelaccess.example.web;

import dev.modelaccess.core.LifecycleViolationException;
import dev.modelaccess.core.ModelAccessException;
import dev.modelaccess.core.ModelNotFoundException;
import dev.modelaccess.core.StoreException;
import dev.modelaccess.core.access.ModelNotAllowedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Turns failures into RFC 9457 problem documents: 404 unknown model, 409 a status change the lifecycle forbids, 422
 * a request that cannot be honoured (model not usable by the tier, invalid values), 503 the database is
 * unreachable. Spring MVC's own errors (unreadable body, wrong parameter type, unknown path) are problems too.
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

    @ExceptionHandler(ModelAccessException.class)
    ProblemDetail failed(ModelAccessException e) {
        LOG.error("Request failed", e);
        return problem(HttpStatus.INTERNAL_SERVER_ERROR, "The request failed");
    }

    private static ProblemDetail problem(HttpStatus status, String detail) {
        return ProblemDetail.forStatusAndDetail(status, detail);
    }
}
