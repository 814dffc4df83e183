package dev.modelaccess.testsupport.postgres;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A fresh, empty schema on the test PostgreSQL server, created for one test class and dropped after it. Every
 * connection it hands out (pooled or not) has {@code currentSchema} set to it, so unqualified names land here.
 */
public final class TestSchema {

    private static final Logger log = LoggerFactory.getLogger(TestSchema.class);

    private final PostgresServer server;
    private final String name;
    private final String jdbcUrl;
    private final HikariDataSource dataSource;
    private final List<TestSchema> siblings = new ArrayList<>();

    private TestSchema(PostgresServer server, String name) {
        this.server = server;
        this.name = name;
        this.jdbcUrl = server.jdbcUrl(name);
        HikariConfig config = new HikariConfig();
        config.setPoolName("test-" + name);
        config.setJdbcUrl(jdbcUrl);
        config.setUsername(server.user());
        config.setPassword(server.password());
        config.setMaximumPoolSize(10);
        config.setMinimumIdle(1);
        this.dataSource = new HikariDataSource(config);
    }

    static TestSchema create(PostgresServer server, String owner) {
        String name = randomName(owner);
        try (Connection connection = server.connect(server.jdbcUrl());
                Statement statement = connection.createStatement()) {
            statement.execute("create schema " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not create schema " + name + " on " + server.description(), e);
        }
        return new TestSchema(server, name);
    }

    /** The schema's name: lower-case letters, digits and underscores only, so it never needs quoting. */
    public String name() {
        return name;
    }

    /** A connection pool (HikariCP) whose connections land in this schema. Closed when the schema is dropped. */
    public DataSource dataSource() {
        return dataSource;
    }

    /** A JDBC URL whose connections land in this schema ({@code currentSchema} is set). */
    public String jdbcUrl() {
        return jdbcUrl;
    }

    public @Nullable String user() {
        return server.user();
    }

    public @Nullable String password() {
        return server.password();
    }

    /** Opens a new connection outside the pool (for tests that need a connection of their own). */
    public Connection openConnection() throws SQLException {
        return server.connect(jdbcUrl);
    }

    /** Runs one or more SQL statements on a connection of its own (outside the pool). */
    public void execute(String sql) throws SQLException {
        try (Connection connection = openConnection();
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    /** The first column of every row a query returns, as text, on a connection of its own (outside the pool). */
    public List<String> strings(String sql) throws SQLException {
        try (Connection connection = openConnection();
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(sql)) {
            List<String> values = new ArrayList<>();
            while (rows.next()) {
                values.add(rows.getString(1));
            }
            return values;
        }
    }

    /** The names of the tables in this schema. */
    public List<String> tables() {
        try {
            return strings("select table_name from information_schema.tables where table_schema = '" + name + "'");
        } catch (SQLException e) {
            throw new IllegalStateException("Could not list the tables of schema " + name, e);
        }
    }

    /**
     * The Spring Boot properties that point an application's datasource at this schema ({@code
     * spring.datasource.url}, {@code username}, {@code password}), as {@code name=value}: prefix them with {@code --}
     * for command-line arguments.
     */
    public List<String> springDatasource() {
        return List.of(
                "spring.datasource.url=" + jdbcUrl,
                "spring.datasource.username=" + (user() == null ? "" : user()),
                "spring.datasource.password=" + (password() == null ? "" : password()));
    }

    /** A SQL script (or any text) from the test class path, read as UTF-8; fails when it is not there. */
    public static String script(String classpathName) {
        try (InputStream in = Objects.requireNonNull(
                TestSchema.class.getClassLoader().getResourceAsStream(classpathName), classpathName)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read " + classpathName, e);
        }
    }

    /** Creates one more fresh schema on the same database, dropped together with this one. */
    public synchronized TestSchema createSchema() {
        TestSchema sibling = create(server, name);
        siblings.add(sibling);
        return sibling;
    }

    PostgresServer server() {
        return server;
    }

    /** Where the server came from (JDBC URL, Testcontainers or embedded). */
    public String serverDescription() {
        return server.description();
    }

    @Override
    public String toString() {
        return "schema " + name + " on " + server.description();
    }

    synchronized void drop() {
        siblings.forEach(TestSchema::drop);
        siblings.clear();
        dataSource.close();
        try (Connection connection = server.connect(server.jdbcUrl());
                Statement statement = connection.createStatement()) {
            statement.execute("set lock_timeout = '10s'");
            statement.execute("drop schema if exists " + name + " cascade");
        } catch (SQLException e) {
            log.warn("Could not drop test schema {} on {}", name, server.description(), e);
        }
    }

    private static String randomName(String owner) {
        String base = owner.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
        if (base.length() > 30) {
            base = base.substring(0, 30);
        }
        byte[] random = new byte[4];
        ThreadLocalRandom.current().nextBytes(random);
        return "t_" + base + "_" + HexFormat.of().formatHex(random);
    }
}
