package dev.modelaccess.example.web;

import dev.modelaccess.web.ModelAccessProblemHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** The resources' errors as model-access-web answers its own: the same problem documents. */
@RestControllerAdvice(assignableTypes = ResourcesController.class)
class ResourcesProblems extends ModelAccessProblemHandler {}
