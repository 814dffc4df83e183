package dev.modelaccess.spring;

import dev.modelaccess.core.port.ModelAccessStore;
import dev.modelaccess.spring.ModelAccessStoreRequiredAutoConfiguration.ModelAccessStoreMissingException;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Turns a start without any {@link ModelAccessStore} into one message that says which dependency or bean to add. */
public final class ModelAccessStoreMissingFailureAnalyzer
        extends AbstractFailureAnalyzer<ModelAccessStoreMissingException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, ModelAccessStoreMissingException cause) {
        return new FailureAnalysis(
                "model-access cannot start: it has no " + ModelAccessStore.class.getSimpleName() + ". The jOOQ"
                        + " adapter (dev.modelaccess:model-access-jooq), which keeps the catalog in PostgreSQL, is not"
                        + " on the class path, and the application defines no " + ModelAccessStore.class.getSimpleName()
                        + " bean of its own.",
                "Either add the dependency dev.modelaccess:model-access-jooq (model-access-spring-boot-starter"
                        + " brings it unless it is excluded), or define a bean of type "
                        + ModelAccessStore.class.getName() + " in your application.",
                cause);
    }
}
