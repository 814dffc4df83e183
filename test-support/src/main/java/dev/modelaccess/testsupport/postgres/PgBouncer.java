package dev.modelaccess.testsupport.postgres;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * A real PgBouncer (Debian's {@code pgbouncer} package, {@value #BINARY}) in <b>transaction</b> pooling mode in front
 * of a {@link TestSchema}, started as a child process on a free loopback port and stopped by {@link #close()}: the
 * pooler that Supabase's port 6543 and most serverless guides put between an application and PostgreSQL. No Docker.
 *
 * <p>Its connections land in the schema: PgBouncer does not pass {@code search_path} from the client, so the
 * pooled database entry sets it on every server connection with {@code connect_query}. The pool is small (4 server
 * connections by default), so that clients share server connections as they do in production. Without the binary
 * the test is skipped with how to install it, except under {@code CI=true}, where it fails.
 */
public final class PgBouncer implements AutoCloseable {

    /** Where Debian's package installs it. */
    public static final String BINARY = "/usr/sbin/pgbouncer";

    private static final String DATABASE = "modelaccess";

    private final Path directory;
    private final Process process;
    private final int port;
    private final @Nullable String user;
    private final @Nullable String password;
    private final HikariDataSource dataSource;

    private PgBouncer(Path directory, Process process, int port, @Nullable String user, @Nullable String password) {
        this.directory = directory;
        this.process = process;
        this.port = port;
        this.user = user;
        this.password = password;
        HikariConfig config = new HikariConfig();
        config.setPoolName("pgbouncer-" + port);
        config.setJdbcUrl(jdbcUrl());
        config.setUsername(user);
        config.setPassword(password);
        config.setMaximumPoolSize(10);
        config.setMinimumIdle(1);
        this.dataSource = new HikariDataSource(config);
    }

    /** Skips the calling test when PgBouncer is not installed, or fails it under {@code CI=true}. */
    public static void assumeInstalled() {
        if (Files.isExecutable(Path.of(BINARY))) {
            return;
        }
        String message = "PgBouncer is not installed at " + BINARY + " (apt-get install -y pgbouncer)";
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            Assertions.fail(message + "; under CI=true the pooler tests must run");
        }
        Assumptions.abort(message + "; the tests through a transaction-mode pooler are skipped");
    }

    /** A transaction-mode PgBouncer with a pool of 4 server connections in front of {@code schema}. */
    public static PgBouncer inFrontOf(TestSchema schema) {
        return inFrontOf(schema, 4);
    }

    /** A transaction-mode PgBouncer with a pool of {@code poolSize} server connections in front of {@code schema}. */
    public static PgBouncer inFrontOf(TestSchema schema, int poolSize) {
        assumeInstalled();
        PostgresServer server = schema.server();
        URI target = URI.create(server.jdbcUrl().substring("jdbc:".length()));
        String database = target.getPath().substring(1);
        String host = target.getHost() == null || target.getHost().equals("localhost") ? "127.0.0.1" : target.getHost();
        int targetPort = target.getPort() < 0 ? 5432 : target.getPort();
        String user = server.user() == null ? "postgres" : server.user();
        try {
            Path directory = Files.createTempDirectory(
                    "pgbouncer-", PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxrwxrwx")));
            // created with the umask applied; PgBouncer drops root for nobody, who must write its log there
            Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("rwxrwxrwx"));
            int port = freePort();
            Files.writeString(directory.resolve("userlist.txt"), "\"" + user + "\" \"\"\n", StandardCharsets.UTF_8);
            String serverPassword = server.password() == null ? "" : " password=" + server.password();
            Files.writeString(
                    directory.resolve("pgbouncer.ini"),
                    """
                    [databases]
                    %s = host=%s port=%d dbname=%s user=%s%s connect_query='set search_path to %s'
                    [pgbouncer]
                    listen_addr = 127.0.0.1
                    listen_port = %d
                    unix_socket_dir =
                    auth_type = trust
                    auth_file = %s
                    pool_mode = transaction
                    default_pool_size = %d
                    max_client_conn = 500
                    server_reset_query =
                    ignore_startup_parameters = extra_float_digits,options
                    logfile = %s
                    """.formatted(
                                    DATABASE,
                                    host,
                                    targetPort,
                                    database,
                                    user,
                                    serverPassword,
                                    schema.name(),
                                    port,
                                    directory.resolve("userlist.txt"),
                                    poolSize,
                                    directory.resolve("pgbouncer.log")),
                    StandardCharsets.UTF_8);
            ProcessBuilder command = isRoot()
                    ? new ProcessBuilder(
                            BINARY,
                            "-u",
                            "nobody",
                            directory.resolve("pgbouncer.ini").toString())
                    : new ProcessBuilder(
                            BINARY, directory.resolve("pgbouncer.ini").toString());
            Process process = command.redirectErrorStream(true)
                    .redirectOutput(directory.resolve("stdout.log").toFile())
                    .start();
            awaitReady(process, port, user, server.password(), directory);
            return new PgBouncer(directory, process, port, user, server.password());
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start PgBouncer", e);
        }
    }

    /**
     * The pooler's JDBC URL with {@code prepareThreshold=0}, as Supabase's and PgBouncer's docs ask for a
     * transaction-mode pooler.
     */
    public String jdbcUrl() {
        return urlWithoutPrepareThreshold() + "?prepareThreshold=0";
    }

    /** The pooler's JDBC URL as a new user would write it: pgjdbc's default server-side prepared statements. */
    public String urlWithoutPrepareThreshold() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + DATABASE;
    }

    public int port() {
        return port;
    }

    public @Nullable String user() {
        return user;
    }

    public @Nullable String password() {
        return password;
    }

    /** A HikariCP pool (10 connections) on {@link #jdbcUrl()}; closed with the pooler. */
    public HikariDataSource dataSource() {
        return dataSource;
    }

    /** Opens a connection through the pooler, outside the pool. */
    public Connection openConnection() throws SQLException {
        return connect(jdbcUrl(), user, password);
    }

    /** What PgBouncer logged so far (for failure messages). */
    public String log() {
        try {
            return Files.readString(directory.resolve("pgbouncer.log"), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    @Override
    public void close() {
        dataSource.close();
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    private static void awaitReady(Process process, int port, String user, @Nullable String password, Path directory) {
        String url = "jdbc:postgresql://127.0.0.1:" + port + "/" + DATABASE + "?prepareThreshold=0";
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        SQLException last = null;
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("PgBouncer exited at once: " + read(directory.resolve("stdout.log"))
                        + read(directory.resolve("pgbouncer.log")));
            }
            try (Connection connection = connect(url, user, password);
                    Statement statement = connection.createStatement()) {
                statement.execute("select 1");
                return;
            } catch (SQLException e) {
                last = e;
            }
            try {
                process.waitFor(100, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        process.destroyForcibly();
        throw new IllegalStateException(
                "PgBouncer did not answer on port " + port + ": " + read(directory.resolve("pgbouncer.log")), last);
    }

    private static Connection connect(String url, @Nullable String user, @Nullable String password)
            throws SQLException {
        Properties properties = new Properties();
        if (user != null) {
            properties.setProperty("user", user);
        }
        if (password != null) {
            properties.setProperty("password", password);
        }
        return DriverManager.getConnection(url, properties);
    }

    private static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            return "";
        }
    }

    private static boolean isRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
