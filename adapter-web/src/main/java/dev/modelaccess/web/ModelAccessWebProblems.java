package dev.modelaccess.web;

import org.springframework.web.bind.annotation.RestControllerAdvice;

/** The module's problem handling, applied to the module's own controllers only. */
@RestControllerAdvice(
        assignableTypes = {
            ModelsController.class,
            AdminModelsController.class,
            AdminSyncController.class,
            OpenRouterKeyController.class
        })
final class ModelAccessWebProblems extends ModelAccessProblemHandler {}
