package dev.modelaccess.example.resources;

import dev.modelaccess.core.access.ModelAccessService;
import dev.modelaccess.core.keys.UserKeys;
import dev.modelaccess.core.port.ChatCompletions;
import dev.modelaccess.core.port.ModelAccessStore;
import dev.modelaccess.core.resources.ModelResources;
import dev.modelaccess.core.resources.ResourceStore;
import dev.modelaccess.spring.ModelAccessSchemaMigration;
import org.flywaydb.core.Flyway;
import org.jooq.DSLContext;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.flyway.autoconfigure.FlywayMigrationStrategy;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Users' model-bound resources on the {@code resources} table, run with their own OpenRouter keys. */
@Configuration(proxyBeanMethods = false)
class ResourcesConfiguration {

    @Bean
    JooqResourceStore resourceStore(DSLContext dsl) {
        return new JooqResourceStore(dsl);
    }

    @Bean
    ModelResources modelResources(
            ResourceStore resources,
            ModelAccessStore catalog,
            ModelAccessService access,
            UserKeys keys,
            ChatCompletions completions,
            ResourcesProperties properties) {
        return new ModelResources(resources, catalog, access, keys, completions, properties.maxPerUser());
    }

    /**
     * The app's own migrations (db/example-app) run after the library's: {@code resources} references {@code
     * model_access}. Asking for the library's migration bean here makes it run first; when the application applies
     * the library's migrations itself ({@code modelaccess.schema.migrate=false}), they must be in place before.
     */
    @Bean
    FlywayMigrationStrategy afterTheLibrarysMigrations(ObjectProvider<ModelAccessSchemaMigration> library) {
        library.ifAvailable(migration -> {
            // created, hence applied: nothing more to do
        });
        return Flyway::migrate;
    }
}
