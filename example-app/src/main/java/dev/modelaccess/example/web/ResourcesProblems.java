package dev.modelaccess.example.web;

import dev.modelaccess.web.ModelAccessProblemHandler;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * The resources' errors as model-access-web answers its own: the same problem documents, ahead of Spring Boot's global
 * problem details handler.
 */
@Order(Ordered.HIGHEST_PRECEDENCE)
@RestControllerAdvice(assignableTypes = ResourcesController.class)
class ResourcesProblems extends ModelAccessProblemHandler {}
