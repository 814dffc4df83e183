package dev.modelaccess.web;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * The module's problem handling, applied to the module's own controllers only, and before any global advice of the
 * host (e.g. Spring Boot's {@code spring.mvc.problemdetails}), so its answers (413 among them) do not depend on the
 * host's.
 */
@Order(Ordered.HIGHEST_PRECEDENCE)
@RestControllerAdvice(
        assignableTypes = {
            ModelsController.class,
            AdminModelsController.class,
            AdminSyncController.class,
            AdminKeysController.class,
            AdminSuccessionController.class,
            OpenRouterKeyController.class,
            AdminPolicyController.class,
            AdminNotificationsController.class,
            AdminCatalogController.class
        })
final class ModelAccessWebProblems extends ModelAccessProblemHandler implements Ordered {

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }
}
