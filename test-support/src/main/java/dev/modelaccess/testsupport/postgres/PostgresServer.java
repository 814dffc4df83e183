package dev.modelaccess.testsupport.postgres;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * A PostgreSQL server the tests may create schemas on.
 *
 * @param jdbcUrl the database to use, without {@code currentSchema}
 * @param description where it came from, for logs and failure messages (never holds a password)
 */
record PostgresServer(
        String jdbcUrl, @Nullable String user, @Nullable String password, String description) {

    private static final Pattern CURRENT_SCHEMA = Pattern.compile("([?&])currentSchema=[^&]*&?");

    PostgresServer {
        jdbcUrl = withoutCurrentSchema(jdbcUrl);
    }

    /** The server's URL with {@code currentSchema} set, so every connection lands in {@code schema}. */
    String jdbcUrl(String schema) {
        return jdbcUrl + (jdbcUrl.contains("?") ? "&" : "?") + "currentSchema=" + schema;
    }

    Connection connect(String url) throws SQLException {
        Properties properties = new Properties();
        if (user != null) {
            properties.setProperty("user", user);
        }
        if (password != null) {
            properties.setProperty("password", password);
        }
        return DriverManager.getConnection(url, properties);
    }

    private static String withoutCurrentSchema(String url) {
        String stripped = CURRENT_SCHEMA.matcher(url).replaceAll("$1");
        return stripped.endsWith("?") || stripped.endsWith("&")
                ? stripped.substring(0, stripped.length() - 1)
                : stripped;
    }
}
