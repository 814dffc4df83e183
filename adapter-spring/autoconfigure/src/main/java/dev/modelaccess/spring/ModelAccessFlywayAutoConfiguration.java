package dev.modelaccess.spring;

import org.flywaydb.core.Flyway;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.flyway.autoconfigure.FlywayConfigurationCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/**
 * Lets the application's own Flyway (Spring Boot's {@code spring.flyway.*}) share its schema with the library.
 *
 * <p>The library migrates first ({@link ModelAccessDatabaseInitializerDetector}), so on a brand-new database the
 * application's Flyway finds a schema that is not empty but has no {@code flyway_schema_history}; Flyway refuses
 * that unless told to baseline, and its default baseline version, 1, would mark the application's own {@code V1}
 * as applied without running it. This customizer therefore sets {@code baselineOnMigrate=true} and {@code
 * baselineVersion=0}, each only when the application did not set {@code spring.flyway.baseline-on-migrate} or
 * {@code spring.flyway.baseline-version} itself: the baseline is then recorded below {@code V1}, and every one of
 * the application's migrations runs. Once {@code flyway_schema_history} exists, neither setting has any effect.
 * Off with {@code modelaccess.schema.migrate=false}.
 */
@AutoConfiguration(before = ModelAccessJooqAutoConfiguration.class)
@ConditionalOnClass({Flyway.class, FlywayConfigurationCustomizer.class})
@ConditionalOnBooleanProperty(name = "modelaccess.schema.migrate", matchIfMissing = true)
public class ModelAccessFlywayAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    public HostFlywayBaseline modelAccessHostFlywayBaseline(Environment environment) {
        return new HostFlywayBaseline(
                !environment.containsProperty("spring.flyway.baseline-on-migrate"),
                !environment.containsProperty("spring.flyway.baseline-version"));
    }

    /**
     * Baselines the application's Flyway below its {@code V1}, unless the application chose otherwise.
     *
     * @param setBaselineOnMigrate whether to set {@code baselineOnMigrate=true} (the application did not set it)
     * @param setBaselineVersion whether to set {@code baselineVersion=0} (the application did not set it)
     */
    public record HostFlywayBaseline(boolean setBaselineOnMigrate, boolean setBaselineVersion)
            implements FlywayConfigurationCustomizer {

        @Override
        public void customize(org.flywaydb.core.api.configuration.FluentConfiguration configuration) {
            if (setBaselineOnMigrate) {
                configuration.baselineOnMigrate(true);
            }
            if (setBaselineVersion) {
                configuration.baselineVersion("0").baselineDescription("<< model-access: below the first migration >>");
            }
        }
    }
}
