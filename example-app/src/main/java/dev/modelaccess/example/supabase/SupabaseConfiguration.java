package dev.modelaccess.example.supabase;

import dev.modelaccess.jooq.SupabaseFlavor;
import dev.modelaccess.spring.ModelAccessSchemaMigration;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.flyway.autoconfigure.FlywayMigrationInitializer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * With {@code app.supabase.enabled=true}: once the library's migrations and the example app's own have run, applies
 * the library's Supabase flavor ({@link SupabaseFlavor}: the key table and the library's tables) and the example
 * app's ({@link ExampleSupabaseFlavor}: {@code profiles} and {@code resources}).
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnBooleanProperty("app.supabase.enabled")
class SupabaseConfiguration {

    @Bean
    SupabaseFlavors supabaseFlavors(
            DataSource dataSource,
            ObjectProvider<ModelAccessSchemaMigration> libraryMigration,
            ObjectProvider<FlywayMigrationInitializer> appMigration) {
        // Asked for here so that both have run before the flavors: they need the tables those create.
        libraryMigration.ifAvailable(migration -> {});
        appMigration.ifAvailable(migration -> {});
        return new SupabaseFlavors(dataSource);
    }

    /** Applies both flavors when created. */
    static final class SupabaseFlavors implements InitializingBean {

        private static final Logger LOG = LoggerFactory.getLogger(SupabaseFlavors.class);

        private final DataSource dataSource;

        SupabaseFlavors(DataSource dataSource) {
            this.dataSource = dataSource;
        }

        @Override
        public void afterPropertiesSet() {
            int library = SupabaseFlavor.migrate(dataSource);
            int app = ExampleSupabaseFlavor.migrate(dataSource);
            LOG.info(
                    "Supabase flavor: {} library and {} example-app migrations applied (row level security on the"
                            + " key table, profiles and resources)",
                    library,
                    app);
        }
    }
}
