package dev.modelaccess.spring;

import com.zaxxer.hikari.HikariDataSource;
import dev.modelaccess.core.keys.UserKeyStore;
import dev.modelaccess.core.port.CatalogChangeFeed;
import dev.modelaccess.core.port.JobLock;
import dev.modelaccess.core.port.ModelAccessStore;
import dev.modelaccess.core.port.UserProfiles;
import dev.modelaccess.jooq.JooqModelAccessStore;
import dev.modelaccess.jooq.JooqUserKeyStore;
import dev.modelaccess.jooq.JooqUserProfiles;
import dev.modelaccess.jooq.PostgresCatalogChangeFeed;
import dev.modelaccess.jooq.PostgresJobLock;
import java.sql.SQLException;
import java.util.Properties;
import javax.sql.DataSource;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnSingleCandidate;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.util.ClassUtils;

/**
 * PostgreSQL persistence on the application's {@link DataSource}: the library's migrations, the catalog store, the
 * change feed, users' stored OpenRouter keys and the user profiles. Uses the application's {@link DSLContext} when it has one.
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

    /** With {@code modelaccess.schema.migrate=false}: fails the start at once when the library's tables are missing. */
    @Bean
    @ConditionalOnMissingBean({ModelAccessSchemaCheck.class, ModelAccessStore.class})
    @ConditionalOnBooleanProperty(name = "modelaccess.schema.migrate", havingValue = false)
    public ModelAccessSchemaCheck modelAccessSchemaCheck(DataSource dataSource) {
        return new ModelAccessSchemaCheck(dataSource);
    }

    @Bean
    @ConditionalOnMissingBean(ModelAccessStore.class)
    public JooqModelAccessStore modelAccessStore(
            ObjectProvider<DSLContext> dsl,
            DataSource dataSource,
            ObjectProvider<ModelAccessSchemaMigration> migration,
            ObjectProvider<ModelAccessSchemaCheck> check) {
        migration.ifAvailable(applied -> {});
        check.ifAvailable(checked -> {});
        return new JooqModelAccessStore(dslContext(dsl, dataSource));
    }

    /**
     * Key maintenance jobs once across instances: PostgreSQL advisory locks on the application's data source, when
     * users' keys are in the library's tables (an application with a key store of its own brings its own lock, or
     * gets one per process).
     */
    @Bean
    @ConditionalOnMissingBean({JobLock.class, UserKeyStore.class})
    public PostgresJobLock modelAccessJobLock(DataSource dataSource) {
        return new PostgresJobLock(dataSource);
    }

    @Bean
    @ConditionalOnMissingBean(UserKeyStore.class)
    public JooqUserKeyStore modelAccessUserKeyStore(
            ObjectProvider<DSLContext> dsl,
            DataSource dataSource,
            ObjectProvider<ModelAccessSchemaMigration> migration) {
        migration.ifAvailable(applied -> {});
        return new JooqUserKeyStore(dslContext(dsl, dataSource));
    }

    @Bean
    @ConditionalOnMissingBean(UserProfiles.class)
    public CachingUserProfiles modelAccessUserProfiles(
            ObjectProvider<DSLContext> dsl, DataSource dataSource, ModelAccessProperties properties) {
        ModelAccessProperties.Profiles settings = properties.profiles();
        return new CachingUserProfiles(
                new JooqUserProfiles(
                        dslContext(dsl, dataSource),
                        new JooqUserProfiles.ProfileTable(
                                settings.table(),
                                settings.idColumn(),
                                settings.tierColumn(),
                                settings.defaultModelColumn())),
                settings.cacheTtl(),
                settings.maxStale(),
                100_000);
    }

    @Bean
    @ConditionalOnMissingBean(CatalogChangeFeed.class)
    @ConditionalOnBooleanProperty(name = "modelaccess.catalog.listen.enabled", matchIfMissing = true)
    public PostgresCatalogChangeFeed modelAccessChangeFeed(DataSource dataSource, ModelAccessProperties properties) {
        String jdbcUrl = properties.catalog().listen().jdbcUrl();
        if (jdbcUrl != null && !jdbcUrl.isBlank()) {
            return PostgresCatalogChangeFeed.fromJdbcUrl(jdbcUrl.strip(), null, null);
        }
        if (ClassUtils.isPresent(HIKARI, ModelAccessJooqAutoConfiguration.class.getClassLoader())) {
            PostgresCatalogChangeFeed direct = HikariUrls.feed(dataSource);
            if (direct != null) {
                return direct;
            }
        }
        return PostgresCatalogChangeFeed.fromDataSource(dataSource);
    }

    private static final String HIKARI = "com.zaxxer.hikari.HikariDataSource";

    /**
     * Listens outside the pool when the data source is HikariCP's, connecting as the pool does: its URL, credentials
     * and data-source properties (SSL settings and the like).
     */
    static final class HikariUrls {
        static @Nullable PostgresCatalogChangeFeed feed(DataSource dataSource) {
            try {
                if (!dataSource.isWrapperFor(HikariDataSource.class)) {
                    return null;
                }
                HikariDataSource hikari = dataSource.unwrap(HikariDataSource.class);
                String url = hikari.getJdbcUrl();
                if (url == null || !url.startsWith("jdbc:postgresql:")) {
                    return null;
                }
                return PostgresCatalogChangeFeed.fromJdbcUrl(url, connectionProperties(hikari));
            } catch (SQLException e) {
                return null;
            }
        }

        /** The pool's data-source properties, with its username and password when set. */
        static Properties connectionProperties(HikariDataSource hikari) {
            Properties properties = new Properties();
            Properties pool = hikari.getDataSourceProperties();
            pool.stringPropertyNames().forEach(name -> properties.setProperty(name, pool.getProperty(name)));
            if (hikari.getUsername() != null) {
                properties.setProperty("user", hikari.getUsername());
            }
            if (hikari.getPassword() != null) {
                properties.setProperty("password", hikari.getPassword());
            }
            return properties;
        }
    }

    static DSLContext dslContext(ObjectProvider<DSLContext> host, DataSource dataSource) {
        return host.getIfUnique(() -> DSL.using(dataSource, SQLDialect.POSTGRES));
    }
}
