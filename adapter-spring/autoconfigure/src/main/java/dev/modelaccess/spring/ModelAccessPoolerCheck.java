package dev.modelaccess.spring;

import com.zaxxer.hikari.HikariDataSource;
import java.net.URI;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.postgresql.PGConnection;
import org.postgresql.PGProperty;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.util.ClassUtils;

/**
 * Fails the start at once when the application's data source points at a known transaction-mode pooler endpoint -
 * Supabase's pooler (a host ending in {@value #SUPABASE_POOLER_HOST}) or the transaction pooler port {@value
 * #TRANSACTION_POOLER_PORT} - while pgjdbc would use server-side prepared statements ({@code prepareThreshold} not 0
 * and not {@code preferQueryMode=simple}). Through such a pooler those fail at random, at start-up or later under
 * load ({@code prepared statement "S_2" does not exist}); {@link ModelAccessPoolerFailureAnalyzer} then says exactly
 * what to add to the URL. Off with {@code modelaccess.pooler.check-prepare-threshold=false}.
 *
 * <p>With HikariCP the URL and data-source properties are read without connecting; otherwise one connection is
 * opened and asked (its URL and its effective prepare threshold).
 */
public final class ModelAccessPoolerCheck implements InitializingBean {

    static final String SUPABASE_POOLER_HOST = "pooler.supabase.com";
    static final int TRANSACTION_POOLER_PORT = 6543;

    private final DataSource dataSource;

    public ModelAccessPoolerCheck(DataSource dataSource) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    }

    @Override
    public void afterPropertiesSet() {
        Optional<Endpoint> endpoint = endpoint(dataSource);
        if (endpoint.isPresent() && endpoint.get().pooler() && endpoint.get().preparesStatements()) {
            throw new PreparedStatementsThroughPoolerException(endpoint.get().redactedUrl());
        }
    }

    /**
     * What the data source connects to.
     *
     * @param redactedUrl the JDBC URL without its query (which may hold a password)
     * @param pooler whether a host or port of the URL is a known transaction-mode pooler endpoint
     * @param preparesStatements whether pgjdbc would use server-side prepared statements
     */
    record Endpoint(String redactedUrl, boolean pooler, boolean preparesStatements) {}

    static Optional<Endpoint> endpoint(DataSource dataSource) {
        try {
            if (ClassUtils.isPresent(
                    "com.zaxxer.hikari.HikariDataSource", ModelAccessPoolerCheck.class.getClassLoader())) {
                Optional<Endpoint> pool = Hikari.endpoint(dataSource);
                if (pool.isPresent()) {
                    return pool;
                }
            }
            try (Connection connection = dataSource.getConnection()) {
                String url = connection.getMetaData().getURL();
                if (url == null || !connection.isWrapperFor(PGConnection.class)) {
                    return Optional.empty();
                }
                PGConnection postgres = connection.unwrap(PGConnection.class);
                return Optional.of(new Endpoint(
                        redact(url),
                        isPooler(url),
                        postgres.getPrepareThreshold() != 0 && !simple(url, new Properties())));
            }
        } catch (SQLException e) {
            return Optional.empty(); // the migrations report an unreachable database clearly enough
        }
    }

    /** Read from HikariCP's configuration, without connecting (only loaded when HikariCP is there). */
    private static final class Hikari {
        static Optional<Endpoint> endpoint(DataSource dataSource) throws SQLException {
            if (!dataSource.isWrapperFor(HikariDataSource.class)) {
                return Optional.empty();
            }
            HikariDataSource hikari = dataSource.unwrap(HikariDataSource.class);
            String url = hikari.getJdbcUrl();
            return url == null
                    ? Optional.empty()
                    : Optional.of(ModelAccessPoolerCheck.endpoint(url, hikari.getDataSourceProperties()));
        }
    }

    /** The endpoint of a pgjdbc URL with extra connection properties (those of the pool). */
    static Endpoint endpoint(String url, Properties properties) {
        String threshold = parameter(url, properties, PGProperty.PREPARE_THRESHOLD.getName());
        boolean prepares = !"0".equals(threshold == null ? null : threshold.strip()) && !simple(url, properties);
        return new Endpoint(redact(url), isPooler(url), prepares);
    }

    private static boolean simple(String url, Properties properties) {
        String mode = parameter(url, properties, PGProperty.PREFER_QUERY_MODE.getName());
        return mode != null && mode.strip().toLowerCase(Locale.ROOT).equals("simple");
    }

    /** Whether a host of the URL ends in Supabase's pooler domain or a port is the transaction pooler port. */
    static boolean isPooler(String url) {
        for (URI host : hosts(url)) {
            String name = host.getHost() == null ? "" : host.getHost().toLowerCase(Locale.ROOT);
            if (name.equals(SUPABASE_POOLER_HOST) || name.endsWith("." + SUPABASE_POOLER_HOST)) {
                return true;
            }
            if (host.getPort() == TRANSACTION_POOLER_PORT) {
                return true;
            }
        }
        return false;
    }

    private static List<URI> hosts(String url) {
        List<URI> hosts = new ArrayList<>();
        if (!url.startsWith("jdbc:postgresql://")) {
            return hosts;
        }
        String rest = url.substring("jdbc:postgresql://".length());
        int end = rest.length();
        for (char stop : new char[] {'/', '?'}) {
            int at = rest.indexOf(stop);
            if (at >= 0 && at < end) {
                end = at;
            }
        }
        for (String host : rest.substring(0, end).split(",")) {
            if (!host.isBlank()) {
                try {
                    hosts.add(URI.create("postgresql://" + host.strip()));
                } catch (IllegalArgumentException e) {
                    // not a host we can read; pgjdbc will say so when it connects
                }
            }
        }
        return hosts;
    }

    /** A parameter from the URL's query, else from the properties; the URL wins as in pgjdbc. */
    private static @Nullable String parameter(String url, Properties properties, String name) {
        int query = url.indexOf('?');
        if (query >= 0) {
            for (String pair : url.substring(query + 1).split("&")) {
                int equals = pair.indexOf('=');
                if (equals > 0 && pair.substring(0, equals).equalsIgnoreCase(name)) {
                    return pair.substring(equals + 1);
                }
            }
        }
        return properties.getProperty(name);
    }

    private static String redact(String url) {
        int query = url.indexOf('?');
        return query < 0 ? url : url.substring(0, query);
    }

    /** The start was stopped: server-side prepared statements through a transaction-mode pooler. */
    public static final class PreparedStatementsThroughPoolerException extends IllegalStateException {

        private static final long serialVersionUID = 1L;

        private final String url;

        PreparedStatementsThroughPoolerException(String url) {
            super("The data source " + url + " is a transaction-mode pooler endpoint, and pgjdbc would use"
                    + " server-side prepared statements through it: add prepareThreshold=0 to its JDBC URL");
            this.url = url;
        }

        /** The data source's URL, without its query. */
        public String url() {
            return url;
        }
    }
}
