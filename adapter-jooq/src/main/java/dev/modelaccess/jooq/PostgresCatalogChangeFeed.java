package dev.modelaccess.jooq;

import dev.modelaccess.core.port.CatalogChangeFeed;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Objects;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link CatalogChangeFeed} on PostgreSQL: a trigger on {@code model_access} notifies the channel {@value
 * #CHANNEL} after every statement that changes it (sync, admin API, plain SQL); each subscription LISTENs on a
 * connection of its own and signals {@code onChange} from a daemon thread.
 *
 * <ul>
 *   <li>A signal after every (re)connect — notifications sent while disconnected are lost, so the listener reloads
 *       fully — and one per batch of notifications that arrive together.
 *   <li>A dead connection (server restart, {@code pg_terminate_backend}, network) is noticed when waiting for
 *       notifications fails, or at the latest by a {@code select 1} after {@link #withHealthCheckInterval a quiet
 *       while}; the subscription then reconnects, waiting {@link #withReconnectBackoff between attempts} (doubling up
 *       to a maximum of a few seconds), until it is closed. Every read has a {@link #withSocketTimeout socket timeout},
 *       so a half-open connection fails the check instead of hanging it.
 *   <li>Exceptions thrown by {@code onChange} are logged and do not stop the feed.
 * </ul>
 *
 * <p>Prefer {@link #fromJdbcUrl}: the connection is opened with pgjdbc directly, outside the application's pool.
 * {@link #fromDataSource} takes one connection from the data source for as long as the subscription is open (a
 * LISTEN lives and dies with its session). Either way, do not point it at a transaction-mode pooler such as
 * PgBouncer's: LISTEN needs a session of its own.
 */
final class PostgresCatalogChangeFeed implements CatalogChangeFeed {

    /** The channel the {@code model_access} trigger notifies. */
    static final String CHANNEL = "model_access_changed";

    private static final Logger log = LoggerFactory.getLogger(PostgresCatalogChangeFeed.class);
    private static final String APPLICATION_NAME = "model-access change feed";
    private static final AtomicInteger THREADS = new AtomicInteger();

    private final ConnectionSource connections;
    private final Duration minBackoff;
    private final Duration maxBackoff;
    private final Duration pollInterval;
    private final Duration healthCheckInterval;
    private final Duration socketTimeout;

    @FunctionalInterface
    private interface ConnectionSource {
        Connection open() throws SQLException;
    }

    private PostgresCatalogChangeFeed(
            ConnectionSource connections,
            Duration minBackoff,
            Duration maxBackoff,
            Duration pollInterval,
            Duration healthCheckInterval,
            Duration socketTimeout) {
        this.connections = connections;
        this.minBackoff = minBackoff;
        this.maxBackoff = maxBackoff;
        this.pollInterval = pollInterval;
        this.healthCheckInterval = healthCheckInterval;
        this.socketTimeout = socketTimeout;
    }

    /**
     * A feed that opens its own connections with pgjdbc (application name {@value #APPLICATION_NAME}).
     *
     * @param jdbcUrl a {@code jdbc:postgresql:} URL of the database holding {@code model_access}
     */
    static PostgresCatalogChangeFeed fromJdbcUrl(String jdbcUrl, @Nullable String user, @Nullable String password) {
        Properties properties = new Properties();
        if (user != null) {
            properties.setProperty("user", user);
        }
        if (password != null) {
            properties.setProperty("password", password);
        }
        return fromJdbcUrl(jdbcUrl, properties);
    }

    /**
     * A feed that opens its own connections with pgjdbc, with the same connection properties as the application's
     * pool (e.g. HikariCP's data-source properties: SSL settings, credentials, timeouts), so that it connects the way
     * the pool does. Its application name is {@value #APPLICATION_NAME} and TCP keep-alive is on, whatever the
     * properties say.
     *
     * @param jdbcUrl a {@code jdbc:postgresql:} URL of the database holding {@code model_access}
     * @param properties pgjdbc connection properties ({@code user}, {@code password}, {@code sslmode}, …); copied
     */
    static PostgresCatalogChangeFeed fromJdbcUrl(String jdbcUrl, Properties properties) {
        Objects.requireNonNull(jdbcUrl, "jdbcUrl");
        if (!jdbcUrl.startsWith("jdbc:postgresql:")) {
            throw new IllegalArgumentException("Not a PostgreSQL JDBC URL (jdbc:postgresql:…)");
        }
        Properties copy = new Properties();
        properties.stringPropertyNames().forEach(name -> copy.setProperty(name, properties.getProperty(name)));
        copy.setProperty("ApplicationName", APPLICATION_NAME);
        copy.setProperty("tcpKeepAlive", "true");
        return defaults(() -> DriverManager.getConnection(jdbcUrl, copy));
    }

    /** A feed that takes one connection from {@code dataSource} per subscription and holds it until closed. */
    static PostgresCatalogChangeFeed fromDataSource(DataSource dataSource) {
        Objects.requireNonNull(dataSource, "dataSource");
        return defaults(dataSource::getConnection);
    }

    private static PostgresCatalogChangeFeed defaults(ConnectionSource connections) {
        return new PostgresCatalogChangeFeed(
                connections,
                Duration.ofSeconds(1),
                DEFAULT_MAX_BACKOFF,
                Duration.ofMillis(500),
                Duration.ofSeconds(30),
                Duration.ofSeconds(10));
    }

    /**
     * The default longest wait between reconnect attempts: short, so that after a database outage changes flow
     * again within seconds of its return (notifications sent while disconnected are lost; the reconnect reloads).
     */
    static final Duration DEFAULT_MAX_BACKOFF = Duration.ofSeconds(4);

    /**
     * Waits between reconnect attempts: {@code min} first, doubling up to {@code max}. Default 1 s to {@link
     * #DEFAULT_MAX_BACKOFF 4 s}.
     */
    PostgresCatalogChangeFeed withReconnectBackoff(Duration min, Duration max) {
        requirePositive(min, "min");
        if (max.compareTo(min) < 0) {
            throw new IllegalArgumentException("max backoff must not be below min backoff");
        }
        return new PostgresCatalogChangeFeed(connections, min, max, pollInterval, healthCheckInterval, socketTimeout);
    }

    /**
     * How long a read on the listening connection may block (JDBC's network timeout, default 10 s): a half-open
     * connection (the server or a middlebox gone without a reset) then fails the health check instead of hanging it,
     * and the feed reconnects.
     */
    PostgresCatalogChangeFeed withSocketTimeout(Duration timeout) {
        requirePositive(timeout, "timeout");
        return new PostgresCatalogChangeFeed(
                connections, minBackoff, maxBackoff, pollInterval, healthCheckInterval, timeout);
    }

    /**
     * How long one wait for notifications lasts (default 500 ms); it bounds how long {@link Subscription#close()}
     * takes.
     */
    PostgresCatalogChangeFeed withPollInterval(Duration interval) {
        requirePositive(interval, "interval");
        return new PostgresCatalogChangeFeed(
                connections, minBackoff, maxBackoff, interval, healthCheckInterval, socketTimeout);
    }

    /** After how long without notifications the connection is checked with {@code select 1} (default 30 s). */
    PostgresCatalogChangeFeed withHealthCheckInterval(Duration interval) {
        requirePositive(interval, "interval");
        return new PostgresCatalogChangeFeed(
                connections, minBackoff, maxBackoff, pollInterval, interval, socketTimeout);
    }

    /** Starts a listener thread; signals {@code onChange} once connected, then on every batch of changes. */
    @Override
    public Subscription subscribe(Runnable onChange) {
        Listener listener = new Listener(Objects.requireNonNull(onChange, "onChange"));
        Thread thread = new Thread(listener, "model-access-change-feed-" + THREADS.incrementAndGet());
        thread.setDaemon(true);
        listener.thread = thread;
        thread.start();
        return listener;
    }

    private static void requirePositive(Duration duration, String name) {
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, was " + duration);
        }
    }

    private final class Listener implements Subscription, Runnable {

        private final Runnable onChange;
        private final CountDownLatch closed = new CountDownLatch(1);
        private @Nullable Thread thread;

        Listener(Runnable onChange) {
            this.onChange = onChange;
        }

        @Override
        public void run() {
            Duration backoff = minBackoff;
            while (!isClosed()) {
                try (Connection connection = connections.open()) {
                    listen(connection);
                    backoff = minBackoff;
                    log.debug("Listening for catalog changes on channel {}", CHANNEL);
                    signal();
                    receive(connection);
                } catch (SQLException | RuntimeException e) {
                    if (isClosed()) {
                        break;
                    }
                    log.warn(
                            "The catalog change feed lost its database connection ({}); reconnecting in {} ms",
                            e.getMessage(),
                            backoff.toMillis());
                    log.debug("Catalog change feed failure", e);
                    if (await(backoff)) {
                        break;
                    }
                    backoff = backoff.multipliedBy(2).compareTo(maxBackoff) > 0 ? maxBackoff : backoff.multipliedBy(2);
                }
            }
            log.debug("Catalog change feed stopped");
        }

        private void listen(Connection connection) throws SQLException {
            connection.setNetworkTimeout(Runnable::run, (int) Math.min(Integer.MAX_VALUE, socketTimeout.toMillis()));
            connection.setAutoCommit(true);
            try (Statement statement = connection.createStatement()) {
                statement.execute("LISTEN " + CHANNEL);
            }
        }

        /** Until closed (then UNLISTEN, so a pooled connection goes back clean) or until the connection fails. */
        private void receive(Connection connection) throws SQLException {
            PGConnection postgres = connection.unwrap(PGConnection.class);
            long quietSince = System.nanoTime();
            while (!isClosed()) {
                PGNotification[] notifications = postgres.getNotifications((int) Math.max(1, pollInterval.toMillis()));
                if (notifications != null && notifications.length > 0) {
                    quietSince = System.nanoTime();
                    signal();
                } else if (System.nanoTime() - quietSince > healthCheckInterval.toNanos()) {
                    try (Statement statement = connection.createStatement()) {
                        statement.execute("select 1");
                    }
                    quietSince = System.nanoTime();
                }
            }
            try (Statement statement = connection.createStatement()) {
                statement.execute("UNLISTEN " + CHANNEL);
            }
        }

        private void signal() {
            try {
                onChange.run();
            } catch (RuntimeException e) {
                log.warn("A catalog change listener failed; the feed goes on", e);
            }
        }

        /** Waits for {@code duration} unless closed first; returns whether it was closed. */
        private boolean await(Duration duration) {
            try {
                return closed.await(duration.toNanos(), TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return true;
            }
        }

        private boolean isClosed() {
            return closed.getCount() == 0 || Thread.currentThread().isInterrupted();
        }

        /** Stops the listener and waits (about one poll interval) until it has let its connection go. */
        @Override
        public void close() {
            closed.countDown();
            Thread listener = thread;
            if (listener == null || listener == Thread.currentThread()) {
                return;
            }
            try {
                listener.join(pollInterval.plusSeconds(5).toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
