package dev.modelaccess.spring;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import dev.modelaccess.core.port.CatalogChangeFeed;
import dev.modelaccess.jooq.JooqModelAccess;
import dev.modelaccess.testsupport.postgres.TestSchema;
import dev.modelaccess.testsupport.postgres.WithPostgres;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The LISTEN connection is opened the way the application's HikariCP pool opens its connections. */
@WithPostgres
class ListenConnectionTest {

    static TestSchema schema;

    @Test
    void thePoolsDataSourcePropertiesAndCredentialsAreCopied() {
        try (HikariDataSource hikari = new HikariDataSource()) {
            hikari.setJdbcUrl("jdbc:postgresql://db.example/app");
            hikari.setUsername("app");
            hikari.setPassword("secret");
            hikari.addDataSourceProperty("sslmode", "verify-full");
            hikari.addDataSourceProperty("sslrootcert", "/etc/ssl/db.pem");

            Properties properties = ModelAccessJooqAutoConfiguration.HikariUrls.connectionProperties(hikari);

            assertThat(properties)
                    .containsEntry("user", "app")
                    .containsEntry("password", "secret")
                    .containsEntry("sslmode", "verify-full")
                    .containsEntry("sslrootcert", "/etc/ssl/db.pem");
        }
    }

    /**
     * The test server speaks no SSL: with the pool's {@code sslmode=require} the feed must fail to connect as the
     * pool would (a feed that dropped the property would connect); with {@code sslmode=disable} it connects.
     */
    @Test
    void theFeedConnectsWithThePoolsSslSettings() throws Exception {
        assertThat(signalsWithSslMode("disable", Duration.ofSeconds(20))).isTrue();
        assertThat(signalsWithSslMode("require", Duration.ofSeconds(3))).isFalse();
    }

    private static boolean signalsWithSslMode(String sslMode, Duration patience) throws InterruptedException {
        try (HikariDataSource hikari = new HikariDataSource()) {
            hikari.setJdbcUrl(schema.jdbcUrl());
            hikari.setUsername(schema.user());
            hikari.setPassword(schema.password());
            hikari.addDataSourceProperty("sslmode", sslMode);
            hikari.setInitializationFailTimeout(-1);
            CatalogChangeFeed feed =
                    ModelAccessJooqAutoConfiguration.HikariUrls.feed(hikari, JooqModelAccess.FeedTiming.DEFAULT);
            assertThat(feed).isNotNull();
            Semaphore signals = new Semaphore(0);
            try (CatalogChangeFeed.Subscription subscription = feed.subscribe(signals::release)) {
                return signals.tryAcquire(patience.toMillis(), TimeUnit.MILLISECONDS);
            }
        }
    }
}
