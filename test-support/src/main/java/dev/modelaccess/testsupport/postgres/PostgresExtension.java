package dev.modelaccess.testsupport.postgres;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.TestInstancePostProcessor;
import org.junit.platform.commons.support.HierarchyTraversalMode;
import org.junit.platform.commons.support.ReflectionSupport;

/**
 * The JUnit 5 extension behind {@link WithPostgres}; use it directly with {@code @ExtendWith(PostgresExtension.class)}
 * if you prefer.
 *
 * <p>The schema is created on first need for a test class (random name, {@code t_<class>_<hex>}), kept in the class's
 * extension store, and dropped with {@code CASCADE} when JUnit closes that store after the class.
 */
public final class PostgresExtension implements BeforeAllCallback, TestInstancePostProcessor, ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE =
            ExtensionContext.Namespace.create(PostgresExtension.class);
    private static final String KEY = "schema";

    @Override
    public void beforeAll(ExtensionContext context) throws IllegalAccessException {
        injectFields(context.getRequiredTestClass(), null, schemaOf(context));
    }

    @Override
    public void postProcessTestInstance(Object testInstance, ExtensionContext context) throws IllegalAccessException {
        injectFields(testInstance.getClass(), testInstance, schemaOf(context));
    }

    @Override
    public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        return isInjectable(parameterContext.getParameter().getType());
    }

    @Override
    public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        TestSchema schema = schemaOf(extensionContext);
        return parameterContext.getParameter().getType() == TestSchema.class ? schema : schema.dataSource();
    }

    /** The schema of the test class {@code context} belongs to, created on first call. */
    static TestSchema schemaOf(ExtensionContext context) {
        ExtensionContext classContext = context;
        while (classContext.getTestMethod().isPresent()
                && classContext.getParent().isPresent()) {
            classContext = classContext.getParent().get();
        }
        String owner = classContext.getRequiredTestClass().getSimpleName();
        return classContext
                .getStore(NAMESPACE)
                .computeIfAbsent(KEY, key -> new SchemaResource(PostgresServers.get(), owner), SchemaResource.class)
                .schema();
    }

    private static boolean isInjectable(Class<?> type) {
        return type == DataSource.class || type == TestSchema.class;
    }

    private static void injectFields(Class<?> testClass, @Nullable Object instance, TestSchema schema)
            throws IllegalAccessException {
        boolean statics = instance == null;
        for (Field field : ReflectionSupport.findFields(
                testClass,
                f -> isInjectable(f.getType())
                        && !Modifier.isFinal(f.getModifiers())
                        && Modifier.isStatic(f.getModifiers()) == statics,
                HierarchyTraversalMode.TOP_DOWN)) {
            field.setAccessible(true);
            field.set(instance, field.getType() == TestSchema.class ? schema : schema.dataSource());
        }
    }

    /** Store value that drops the schema when JUnit closes the class's store. */
    private record SchemaResource(TestSchema schema) implements AutoCloseable {

        SchemaResource(PostgresServer server, String owner) {
            this(TestSchema.create(server, owner));
        }

        @Override
        public void close() {
            schema.drop();
        }
    }
}
