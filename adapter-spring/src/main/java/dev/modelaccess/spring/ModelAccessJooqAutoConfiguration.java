package dev.modelaccess.spring;

import dev.modelaccess.core.port.ModelAccessStore;
import dev.modelaccess.core.port.UserProfiles;
import dev.modelaccess.jooq.JooqModelAccessStore;
import javax.sql.DataSource;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnSingleCandidate;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * PostgreSQL persistence on the application's {@link DataSource}: the library's migrations, the catalog store, the
 * change feed and the user profiles. Uses the application's {@link DSLContext} when it has one.
 */
@AutoConfiguration(
        afterName = {
            "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
            "org.springframework.boot.jooq.autoconfigure.JooqAutoConfiguration"
        })
@ConditionalOnClass({DSLContext.class, JooqModelAccessStore.class})
@ConditionalOnSingleCandidate(DataSource.class)
@EnableConfigurationProperties(ModelAccessProperties.class)
public class ModelAccessJooqAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnBooleanProperty(name = "modelaccess.schema.migrate", matchIfMissing = true)
    public ModelAccessSchemaMigration modelAccessSchemaMigration(DataSource dataSource) {
        return new ModelAccessSchemaMigration(dataSource);
    }

    @Bean
    @ConditionalOnMissingBean(ModelAccessStore.class)
    public JooqModelAccessStore modelAccessStore(
            ObjectProvider<DSLContext> dsl,
            DataSource dataSource,
            ObjectProvider<ModelAccessSchemaMigration> migration) {
        migration.ifAvailable(applied -> {});
        return new JooqModelAccessStore(dslContext(dsl, dataSource));
    }

    @Bean
    @ConditionalOnMissingBean(UserProfiles.class)
    public CachingUserProfiles modelAccessUserProfiles(
            ObjectProvider<DSLContext> dsl, DataSource dataSource, ModelAccessProperties properties) {
        ModelAccessProperties.Profiles settings = properties.profiles();
        return new CachingUserProfiles(
                new JooqUserProfiles(dslContext(dsl, dataSource), settings), settings.cacheTtl(), 100_000);
    }

    static DSLContext dslContext(ObjectProvider<DSLContext> host, DataSource dataSource) {
        return host.getIfUnique(() -> DSL.using(dataSource, SQLDialect.POSTGRES));
    }
}
