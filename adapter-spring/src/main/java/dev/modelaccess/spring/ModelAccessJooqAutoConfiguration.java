package dev.modelaccess.spring;

import com.zaxxer.hikari.HikariDataSource;
import dev.modelaccess.core.keys.UserKeyStore;
import dev.modelaccess.core.notify.NoticeOutbox;
import dev.modelaccess.core.port.CatalogChangeFeed;
import dev.modelaccess.core.port.JobLock;
import dev.modelaccess.core.port.ModelAccessStore;
import dev.modelaccess.core.port.UserProfiles;
import dev.modelaccess.jooq.JooqModelAccess;
import java.sql.SQLException;
import java.util.Properties;
import javax.sql.DataSource;
import org.jooq.DSLContext;
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
@ConditionalOnClass({DSLContext.class, JooqModelAccess.class})
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
    public ModelAccessStore modelAccessStore(
            ObjectProvider<DSLContext> dsl,
            DataSource dataSource,
            ObjectProvider<ModelAccessSchemaMigration> migration,
            ObjectProvider<ModelAccessSchemaCheck> check) {
        migration.ifAvailable(applied -> {});
        check.ifAvailable(checked -> {});
        return jooq(dsl, dataSource).store();
    }

    /**
     * Key maintenance jobs once across instances: PostgreSQL advisory locks on the application's data source, when
     * users' keys are in the library's tables (an application with a key store of its own brings its own lock, or
     * gets one per process).
     */
    @Bean
    @ConditionalOnMissingBean({JobLock.class, UserKeyStore.class})
    public JobLock modelAccessJobLock(DataSource dataSource) {
        return JooqModelAccess.of(dataSource).jobLock();
    }

    @Bean
    @ConditionalOnMissingBean(UserKeyStore.class)
    public UserKeyStore modelAccessUserKeyStore(
            ObjectProvider<DSLContext> dsl,
            DataSource dataSource,
            ObjectProvider<ModelAccessSchemaMigration> migration) {
        migration.ifAvailable(applied -> {});
        return jooq(dsl, dataSource).userKeys();
    }

    /** The notification outbox's dispatcher and console side, in the library's tables. */
    @Bean
    @ConditionalOnMissingBean
    public NoticeOutbox modelAccessNoticeOutbox(
            ObjectProvider<DSLContext> dsl,
            DataSource dataSource,
            ObjectProvider<ModelAccessSchemaMigration> migration) {
        migration.ifAvailable(applied -> {});
        return jooq(dsl, dataSource).noticeOutbox();
    }

    @Bean
    @ConditionalOnMissingBean(UserProfiles.class)
    public CachingUserProfiles modelAccessUserProfiles(
            ObjectProvider<DSLContext> dsl, DataSource dataSource, ModelAccessProperties properties) {
        ModelAccessProperties.Profiles settings = properties.profiles();
        return new CachingUserProfiles(
                jooq(dsl, dataSource)
                        .userProfiles(new JooqModelAccess.ProfileTable(
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
    public CatalogChangeFeed modelAccessChangeFeed(DataSource dataSource, ModelAccessProperties properties) {
        JooqModelAccess jooq = JooqModelAccess.of(dataSource);
        String jdbcUrl = properties.catalog().listen().jdbcUrl();
        if (jdbcUrl != null && !jdbcUrl.isBlank()) {
            return jooq.changeFeed(jdbcUrl.strip(), new Properties());
        }
        if (ClassUtils.isPresent(HIKARI, ModelAccessJooqAutoConfiguration.class.getClassLoader())) {
            CatalogChangeFeed direct = HikariUrls.feed(dataSource);
            if (direct != null) {
                return direct;
            }
        }
        return jooq.changeFeed();
    }

    private static final String HIKARI = "com.zaxxer.hikari.HikariDataSource";

    /**
     * Listens outside the pool when the data source is HikariCP's, connecting as the pool does: its URL, credentials
     * and data-source properties (SSL settings and the like).
     */
    static final class HikariUrls {
        static @Nullable CatalogChangeFeed feed(DataSource dataSource) {
            try {
                if (!dataSource.isWrapperFor(HikariDataSource.class)) {
                    return null;
                }
                HikariDataSource hikari = dataSource.unwrap(HikariDataSource.class);
                String url = hikari.getJdbcUrl();
                if (url == null || !url.startsWith("jdbc:postgresql:")) {
                    return null;
                }
                return JooqModelAccess.of(dataSource).changeFeed(url, connectionProperties(hikari));
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

    /** On the application's {@code DSLContext} when it has exactly one, else on jOOQ's defaults. */
    static JooqModelAccess jooq(ObjectProvider<DSLContext> host, DataSource dataSource) {
        DSLContext dsl = host.getIfUnique();
        return dsl == null ? JooqModelAccess.of(dataSource) : JooqModelAccess.of(dataSource, dsl);
    }
}
