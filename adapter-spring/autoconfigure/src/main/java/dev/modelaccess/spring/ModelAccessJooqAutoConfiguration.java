package dev.modelaccess.spring;

import com.zaxxer.hikari.HikariDataSource;
import dev.modelaccess.core.keys.UserKeyStore;
import dev.modelaccess.core.notify.NoticeOutbox;
import dev.modelaccess.core.port.CatalogChangeFeed;
import dev.modelaccess.core.port.DecisionStore;
import dev.modelaccess.core.port.JobLock;
import dev.modelaccess.core.port.ModelAccessStore;
import dev.modelaccess.core.port.ModelReferences;
import dev.modelaccess.core.port.SuccessionStore;
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

    /**
     * Stops the start when the data source is a known transaction-mode pooler endpoint without {@code
     * prepareThreshold=0}; off with {@code modelaccess.pooler.check-prepare-threshold=false}.
     */
    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnBooleanProperty(name = "modelaccess.pooler.check-prepare-threshold", matchIfMissing = true)
    public ModelAccessPoolerCheck modelAccessPoolerCheck(DataSource dataSource) {
        return new ModelAccessPoolerCheck(dataSource);
    }

    /**
     * The library's migrations, on {@code modelaccess.schema.jdbc-url} when set (a direct connection, like {@code
     * spring.flyway.url}), else on the application's data source.
     */
    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnBooleanProperty(name = "modelaccess.schema.migrate", matchIfMissing = true)
    public ModelAccessSchemaMigration modelAccessSchemaMigration(
            DataSource dataSource, ModelAccessProperties properties, ObjectProvider<ModelAccessPoolerCheck> check) {
        check.ifAvailable(checked -> {});
        ModelAccessProperties.Schema schema = properties.schema();
        if (schema.jdbcUrl() == null || schema.jdbcUrl().isBlank()) {
            return new ModelAccessSchemaMigration(dataSource);
        }
        return new ModelAccessSchemaMigration(migrationDataSource(schema));
    }

    /** pgjdbc's own unpooled data source on the migrations' URL, never with server-side prepared statements. */
    static DataSource migrationDataSource(ModelAccessProperties.Schema schema) {
        String url = java.util.Objects.requireNonNull(schema.jdbcUrl()).strip();
        if (!url.startsWith("jdbc:postgresql:")) {
            throw new IllegalArgumentException("modelaccess.schema.jdbc-url must be a jdbc:postgresql: URL");
        }
        org.postgresql.ds.PGSimpleDataSource direct = new org.postgresql.ds.PGSimpleDataSource();
        direct.setURL(url);
        if (schema.user() != null) {
            direct.setUser(schema.user());
        }
        if (schema.password() != null) {
            direct.setPassword(schema.password());
        }
        direct.setPrepareThreshold(0);
        direct.setApplicationName("model-access migrations");
        return direct;
    }

    /** With {@code modelaccess.schema.migrate=false}: fails the start at once when the library's tables are missing. */
    @Bean
    @ConditionalOnMissingBean({ModelAccessSchemaCheck.class, ModelAccessStore.class})
    @ConditionalOnBooleanProperty(name = "modelaccess.schema.migrate", havingValue = false)
    public ModelAccessSchemaCheck modelAccessSchemaCheck(DataSource dataSource) {
        return new ModelAccessSchemaCheck(dataSource);
    }

    /** The catalog store; every statement of a sync's transaction bounded by {@code modelaccess.sync.statement-timeout}. */
    @Bean
    @ConditionalOnMissingBean(ModelAccessStore.class)
    public ModelAccessStore modelAccessStore(
            ObjectProvider<DSLContext> dsl,
            DataSource dataSource,
            ModelAccessProperties properties,
            ObjectProvider<ModelAccessSchemaMigration> migration,
            ObjectProvider<ModelAccessSchemaCheck> check) {
        migration.ifAvailable(applied -> {});
        check.ifAvailable(checked -> {});
        return jooq(dsl, dataSource)
                .withSyncStatementTimeout(properties.sync().statementTimeout())
                .store();
    }

    /** The admin's catalog rules in {@code catalog_rules} (a change notifies the change feed). */
    @Bean
    @ConditionalOnMissingBean(dev.modelaccess.core.policy.CatalogRules.class)
    public dev.modelaccess.core.policy.CatalogRules modelAccessCatalogRules(
            ObjectProvider<DSLContext> dsl, DataSource dataSource, ModelAccessStore store) {
        return jooq(dsl, dataSource).catalogPolicy().rules();
    }

    /** The pending price holds in {@code model_review_holds}. */
    @Bean
    @ConditionalOnMissingBean(dev.modelaccess.core.policy.ReviewHolds.class)
    public dev.modelaccess.core.policy.ReviewHolds modelAccessReviewHolds(
            ObjectProvider<DSLContext> dsl, DataSource dataSource, ModelAccessStore store) {
        return jooq(dsl, dataSource).catalogPolicy().holds();
    }

    /**
     * Key maintenance jobs once across instances: a lease row per job on the application's data source (pooler-safe), when
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
    @ConditionalOnMissingBean(SuccessionStore.class)
    public SuccessionStore modelAccessSuccessionStore(
            ObjectProvider<DSLContext> dsl,
            DataSource dataSource,
            ObjectProvider<ModelAccessSchemaMigration> migration,
            ObjectProvider<ModelAccessSchemaCheck> check) {
        migration.ifAvailable(applied -> {});
        check.ifAvailable(checked -> {});
        return jooq(dsl, dataSource).successionStore();
    }

    /** Every admin decision in one transaction, for the catalog's export and import. */
    @Bean
    @ConditionalOnMissingBean(DecisionStore.class)
    public DecisionStore modelAccessDecisionStore(
            ObjectProvider<DSLContext> dsl,
            DataSource dataSource,
            ObjectProvider<ModelAccessSchemaMigration> migration,
            ObjectProvider<ModelAccessSchemaCheck> check) {
        migration.ifAvailable(applied -> {});
        check.ifAvailable(checked -> {});
        return jooq(dsl, dataSource).decisionStore();
    }

    /**
     * The users' default models in the profiles table, moved to a retired model's successor. Declared before {@link
     * #modelAccessUserProfiles} on purpose: it exists exactly when that one does (the application brings no {@link
     * UserProfiles} of its own, whose defaults the library could not move).
     */
    @Bean(DEFAULT_MODELS)
    @ConditionalOnMissingBean(value = UserProfiles.class, name = DEFAULT_MODELS)
    public ModelReferences modelAccessDefaultModels(
            ObjectProvider<DSLContext> dsl, DataSource dataSource, ModelAccessProperties properties) {
        ModelAccessProperties.Profiles settings = properties.profiles();
        return jooq(dsl, dataSource)
                .defaultModels(new JooqModelAccess.ProfileTable(
                        settings.table(), settings.idColumn(), settings.tierColumn(), settings.defaultModelColumn()));
    }

    /** The bean name of {@link #modelAccessDefaultModels}. */
    public static final String DEFAULT_MODELS = "modelAccessDefaultModels";

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

    /**
     * LISTEN/NOTIFY (on {@code modelaccess.catalog.listen.jdbc-url}, else the pool's URL, else a pool connection),
     * tested on start-up, and the catalog version read through the pool every {@code
     * modelaccess.catalog.version-poll-interval}; only the latter with {@code modelaccess.catalog.listen.enabled=false}.
     */
    @Bean
    @ConditionalOnMissingBean(CatalogChangeFeed.class)
    public CatalogChangeFeed modelAccessChangeFeed(DataSource dataSource, ModelAccessProperties properties) {
        JooqModelAccess jooq = JooqModelAccess.of(dataSource);
        ModelAccessProperties.Catalog catalog = properties.catalog();
        if (!catalog.listen().enabled()) {
            return jooq.versionPollFeed(catalog.versionPollInterval());
        }
        JooqModelAccess.FeedTiming timing = new JooqModelAccess.FeedTiming(
                catalog.versionPollInterval(), catalog.listen().selfTestTimeout());
        String jdbcUrl = catalog.listen().jdbcUrl();
        if (jdbcUrl != null && !jdbcUrl.isBlank()) {
            return jooq.changeFeed(jdbcUrl.strip(), new Properties(), timing);
        }
        if (ClassUtils.isPresent(HIKARI, ModelAccessJooqAutoConfiguration.class.getClassLoader())) {
            CatalogChangeFeed direct = HikariUrls.feed(dataSource, timing);
            if (direct != null) {
                return direct;
            }
        }
        return jooq.changeFeed(timing);
    }

    private static final String HIKARI = "com.zaxxer.hikari.HikariDataSource";

    /**
     * Listens outside the pool when the data source is HikariCP's, connecting as the pool does: its URL, credentials
     * and data-source properties (SSL settings and the like).
     */
    static final class HikariUrls {
        static @Nullable CatalogChangeFeed feed(DataSource dataSource, JooqModelAccess.FeedTiming timing) {
            try {
                if (!dataSource.isWrapperFor(HikariDataSource.class)) {
                    return null;
                }
                HikariDataSource hikari = dataSource.unwrap(HikariDataSource.class);
                String url = hikari.getJdbcUrl();
                if (url == null || !url.startsWith("jdbc:postgresql:")) {
                    return null;
                }
                return JooqModelAccess.of(dataSource).changeFeed(url, connectionProperties(hikari), timing);
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
