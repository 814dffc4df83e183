package dev.modelaccess.testsupport.postgres;

import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.postgresql.PostgreSQLContainer;

/** Testcontainers, kept in a class of its own so that nothing loads it unless Docker is considered. */
final class ContainerPostgres {

    private static final Logger log = LoggerFactory.getLogger(ContainerPostgres.class);
    private static final String DEFAULT_IMAGE = "postgres:17-alpine";

    private ContainerPostgres() {}

    /** Whether a Docker engine answers; {@code false} as well when Testcontainers is not on the class path. */
    static boolean dockerAvailable() {
        if (!dockerConfigured()) {
            log.debug("No Docker socket, DOCKER_HOST or ~/.testcontainers.properties: not asking Testcontainers");
            return false;
        }
        try {
            Class.forName("org.testcontainers.DockerClientFactory", false, ContainerPostgres.class.getClassLoader());
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (ClassNotFoundException | LinkageError e) {
            log.debug("Testcontainers is not usable here", e);
            return false;
        } catch (RuntimeException e) {
            log.debug("No Docker engine answered", e);
            return false;
        }
    }

    /**
     * Whether anything points at a Docker engine. Without this check Testcontainers probes every strategy and logs an
     * ERROR in every test JVM of a machine that has no engine, where the embedded server is the expected path.
     */
    private static boolean dockerConfigured() {
        return System.getenv("DOCKER_HOST") != null
                || Files.exists(Path.of("/var/run/docker.sock"))
                || Files.exists(Path.of(System.getProperty("user.home"), ".testcontainers.properties"))
                || Files.exists(Path.of(System.getProperty("user.home"), ".docker", "run", "docker.sock"));
    }

    static PostgresServer start() {
        String image = System.getenv("MODELACCESS_TEST_POSTGRES_IMAGE");
        PostgreSQLContainer container =
                new PostgreSQLContainer(image == null || image.isBlank() ? DEFAULT_IMAGE : image.trim());
        container.start();
        Runtime.getRuntime().addShutdownHook(new Thread(container::stop, "postgres-container-shutdown"));
        return new PostgresServer(
                container.getJdbcUrl(),
                container.getUsername(),
                container.getPassword(),
                "PostgreSQL in a Testcontainers container (" + container.getDockerImageName() + ")");
    }
}
