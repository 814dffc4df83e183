package dev.modelaccess.spring;

import dev.modelaccess.core.port.ModelAccessStore;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingClass;
import org.springframework.context.annotation.Bean;

/**
 * Fails the start when the jOOQ adapter was left out (excluded from the starter) and the application defines no
 * {@link ModelAccessStore} of its own. Without a store the library's use cases back off silently and the first bean
 * that needs one fails with a bare {@code NoSuchBeanDefinitionException}; this fails before any bean is created,
 * and {@link ModelAccessStoreMissingFailureAnalyzer} says what to add.
 */
@AutoConfiguration(after = ModelAccessJooqAutoConfiguration.class, before = ModelAccessAutoConfiguration.class)
@ConditionalOnMissingClass("dev.modelaccess.jooq.JooqModelAccess")
@ConditionalOnMissingBean(ModelAccessStore.class)
public class ModelAccessStoreRequiredAutoConfiguration {

    /**
     * Runs before any singleton is created, so the host's own beans never get to fail on the missing store. Backs
     * off, like every bean of the library, once there is a store.
     */
    @Bean
    @ConditionalOnMissingBean(ModelAccessStore.class)
    static BeanFactoryPostProcessor modelAccessStoreRequired() {
        return beanFactory -> {
            throw new ModelAccessStoreMissingException();
        };
    }

    /** Neither the jOOQ adapter nor the application provides a {@link ModelAccessStore}. */
    public static final class ModelAccessStoreMissingException extends IllegalStateException {

        private static final long serialVersionUID = 1L;

        ModelAccessStoreMissingException() {
            super("No " + ModelAccessStore.class.getName() + ": model-access-jooq is not on the class path and the"
                    + " application defines no store of its own");
        }
    }
}
