package dev.modelaccess.testsupport.postgres;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Gives the annotated test class a real PostgreSQL and a fresh schema of its own, dropped after the class.
 *
 * <p>Parameters of type {@link javax.sql.DataSource} or {@link TestSchema} (constructor, lifecycle and test methods)
 * are resolved, and non-final fields of those types are set (static fields before {@code @BeforeAll}, instance fields
 * when the test instance is created). A {@code @Nested} class shares the schema of the class that encloses it. See
 * the {@linkplain dev.modelaccess.testsupport.postgres package} for where the server comes from.
 */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@ExtendWith(PostgresExtension.class)
public @interface WithPostgres {}
