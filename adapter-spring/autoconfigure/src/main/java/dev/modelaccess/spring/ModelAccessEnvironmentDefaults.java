package dev.modelaccess.spring;

import java.util.Map;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Keeps the library quiet in a host application, without overriding any choice the host made:
 *
 * <ul>
 *   <li>jOOQ's logo and tip of the day: the system properties {@code org.jooq.no-logo} and {@code org.jooq.no-tips}
 *       are set to {@code true} unless already set (they must be set before jOOQ's classes initialise, hence here,
 *       before the context is created);
 *   <li>jOOQ's once-per-JVM "Version mismatch" warning, which it logs whenever the database is newer than the
 *       versions its open-source {@code POSTGRES} dialect names, although every PostgreSQL the library supports
 *       works: jOOQ 3.21 has no setting for it, so its logger {@value #VERSION_LOGGER} defaults to {@code ERROR},
 *       through a lowest-precedence {@code logging.level} default that any host setting overrides.
 * </ul>
 */
public final class ModelAccessEnvironmentDefaults implements EnvironmentPostProcessor, Ordered {

    static final String VERSION_LOGGER = "org.jooq.impl.DefaultExecuteContext.logVersionSupport";
    static final String PROPERTY_SOURCE = "modelaccess-defaults";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        setUnlessSet("org.jooq.no-logo");
        setUnlessSet("org.jooq.no-tips");
        if (!environment.getPropertySources().contains(PROPERTY_SOURCE)) {
            environment
                    .getPropertySources()
                    .addLast(
                            new MapPropertySource(PROPERTY_SOURCE, Map.of("logging.level." + VERSION_LOGGER, "ERROR")));
        }
    }

    private static void setUnlessSet(String property) {
        if (System.getProperty(property) == null) {
            System.setProperty(property, "true");
        }
    }

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }
}
