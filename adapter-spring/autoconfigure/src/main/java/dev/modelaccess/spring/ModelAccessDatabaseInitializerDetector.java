package dev.modelaccess.spring;

import java.util.Set;
import org.springframework.boot.sql.init.dependency.AbstractBeansOfTypeDatabaseInitializerDetector;
import org.springframework.core.Ordered;

/**
 * Makes the library's migration ({@link ModelAccessSchemaMigration}, or its check when migrations are off, {@link
 * ModelAccessSchemaCheck}) a database initializer that runs before every
 * other one Spring Boot knows of, whatever order the beans are created in: the application's {@code Flyway} and
 * {@code FlywayMigrationInitializer} (detected at orders 0 and 1), and every bean that depends on database
 * initialization, such as the application's {@code DSLContext}. So a host migration may reference the library's
 * tables, and the host's Flyway always meets a schema that already holds them (see {@link
 * ModelAccessFlywayAutoConfiguration} for why that is safe).
 */
public final class ModelAccessDatabaseInitializerDetector extends AbstractBeansOfTypeDatabaseInitializerDetector {

    /** Before Spring Boot's own detectors, which use 0 and 1. */
    static final int ORDER = Ordered.HIGHEST_PRECEDENCE + 100;

    @Override
    protected Set<Class<?>> getDatabaseInitializerBeanTypes() {
        return Set.of(ModelAccessSchemaMigration.class, ModelAccessSchemaCheck.class);
    }

    @Override
    public int getOrder() {
        return ORDER;
    }
}
