package dev.modelaccess.jooq;

import dev.modelaccess.core.port.CatalogChangeFeed;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Objects;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link CatalogChangeFeed} on PostgreSQL, on two paths:
 *
 * <ul>
 *   <li><b>LISTEN/NOTIFY</b>, the fast path: a trigger on {@code model_access} notifies the channel {@value #CHANNEL}
 *       after every statement that changes it (sync, admin API, plain SQL); each subscription LISTENs on a connection
 *       of its own and signals {@code onChange} from a daemon thread, within milliseconds of the commit.
 *   <li><b>The catalog version</b>, the path that works everywhere: {@link #withVersionPoll with a data source}, every
 *       couple of seconds one primary-key read of {@code model_access_catalog_version}, whose version a deferred
 *       trigger raises in the same transaction as every change to {@code model_access}. A change is signalled when
 *       the version moved. One autocommit statement, so it works through any pooler.
 * </ul>
 *
 * <p>LISTEN does not work through a transaction-mode pooler (PgBouncer's, Supabase's on port 6543): the LISTEN lands
 * on whatever server connection the pooler picked, and notifications never reach the client, silently. So after
 * every LISTEN the feed tests itself: it sends a notification to itself from a second connection and waits for it
 * ({@link #withSelfTestTimeout a couple of seconds} at most). When it does not arrive, the feed logs one WARN naming
 * the cause and the fix ({@code modelaccess.catalog.listen.jdbc-url}, a direct or session-mode URL), stops
 * listening, and relies on the version poll; {@link Subscription#path()} says which path is in use.
 *
 * <ul>
 *   <li>A signal after every (re)connect — notifications sent while disconnected are lost, so the listener reloads
 *       fully — and one per batch of notifications that arrive together.
 *   <li>A dead connection (server restart, {@code pg_terminate_backend}, network) is noticed when waiting for
 *       notifications fails, or at the latest by a {@code select 1} after {@link #withHealthCheckInterval a quiet
 *       while}; the subscription then reconnects, waiting {@link #withReconnectBackoff between attempts} (doubling up
 *       to a maximum of a few seconds), until it is closed. Every read has a {@link #withSocketTimeout socket timeout},
 *       so a half-open connection fails the check instead of hanging it.
 *   <li>Exceptions thrown by {@code onChange} are logged and do not stop the feed. Signals never overlap.
 * </ul>
 *
 * <p>Prefer {@link #fromJdbcUrl}: the connection is opened with pgjdbc directly, outside the application's pool.
 * {@link #fromDataSource} takes one connection from the data source for as long as the subscription is open (a
 * LISTEN lives and dies with its session).
 */
final class PostgresCatalogChangeFeed implements CatalogChangeFeed {

    /** The channel the {@code model_access} trigger notifies. */
    static final String CHANNEL = "model_access_changed";

    private static final Logger log = LoggerFactory.getLogger(PostgresCatalogChangeFeed.class);
    private static final String APPLICATION_NAME = "model-access change feed";
    private static final AtomicInteger THREADS = new AtomicInteger();

    private static final String VERSION = "select version from model_access_catalog_version where id = 1";

    private final ConnectionSource connections;
    private final Settings settings;

    /** The pooler WARN is logged once per feed, not once per subscription or reconnect. */
    private final AtomicBoolean warned = new AtomicBoolean();

    @FunctionalInterface
    private interface ConnectionSource {
        Connection open() throws SQLException;
    }

    /** How the feed behaves; every duration positive. */
    private record Settings(
            Duration minBackoff,
            Duration maxBackoff,
            Duration pollInterval,
            Duration healthCheckInterval,
            Duration socketTimeout,
            boolean listen,
            Duration selfTestTimeout,
            @Nullable DataSource versionSource,
            Duration versionPollInterval) {}

    private PostgresCatalogChangeFeed(ConnectionSource connections, Settings settings) {
        this.connections = connections;
        this.settings = settings;
    }

    private PostgresCatalogChangeFeed with(Settings changed) {
        return new PostgresCatalogChangeFeed(connections, changed);
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
        // its statements are never prepared server-side, whatever the application's URL says (pooler-safe)
        copy.setProperty("prepareThreshold", "0");
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
                new Settings(
                        Duration.ofSeconds(1),
                        DEFAULT_MAX_BACKOFF,
                        Duration.ofMillis(500),
                        Duration.ofSeconds(30),
                        Duration.ofSeconds(10),
                        true,
                        DEFAULT_SELF_TEST_TIMEOUT,
                        null,
                        DEFAULT_VERSION_POLL_INTERVAL));
    }

    /** How long the self-test waits for its own notification by default. */
    static final Duration DEFAULT_SELF_TEST_TIMEOUT = Duration.ofSeconds(2);

    /** How often the catalog version is read by default. */
    static final Duration DEFAULT_VERSION_POLL_INTERVAL = Duration.ofSeconds(2);

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
        return with(new Settings(
                min,
                max,
                settings.pollInterval(),
                settings.healthCheckInterval(),
                settings.socketTimeout(),
                settings.listen(),
                settings.selfTestTimeout(),
                settings.versionSource(),
                settings.versionPollInterval()));
    }

    /**
     * How long a read on the listening connection may block (JDBC's network timeout, default 10 s): a half-open
     * connection (the server or a middlebox gone without a reset) then fails the health check instead of hanging it,
     * and the feed reconnects.
     */
    PostgresCatalogChangeFeed withSocketTimeout(Duration timeout) {
        requirePositive(timeout, "timeout");
        return with(new Settings(
                settings.minBackoff(),
                settings.maxBackoff(),
                settings.pollInterval(),
                settings.healthCheckInterval(),
                timeout,
                settings.listen(),
                settings.selfTestTimeout(),
                settings.versionSource(),
                settings.versionPollInterval()));
    }

    /**
     * How long one wait for notifications lasts (default 500 ms); it bounds how long {@link Subscription#close()}
     * takes.
     */
    PostgresCatalogChangeFeed withPollInterval(Duration interval) {
        requirePositive(interval, "interval");
        return with(new Settings(
                settings.minBackoff(),
                settings.maxBackoff(),
                interval,
                settings.healthCheckInterval(),
                settings.socketTimeout(),
                settings.listen(),
                settings.selfTestTimeout(),
                settings.versionSource(),
                settings.versionPollInterval()));
    }

    /** After how long without notifications the connection is checked with {@code select 1} (default 30 s). */
    PostgresCatalogChangeFeed withHealthCheckInterval(Duration interval) {
        requirePositive(interval, "interval");
        return with(new Settings(
                settings.minBackoff(),
                settings.maxBackoff(),
                settings.pollInterval(),
                interval,
                settings.socketTimeout(),
                settings.listen(),
                settings.selfTestTimeout(),
                settings.versionSource(),
                settings.versionPollInterval()));
    }

    /**
     * Also reads the catalog version through {@code dataSource} (the application's pool) every {@code interval}
     * (default 2 s) and signals when it moved: the path that works behind any pooler.
     */
    PostgresCatalogChangeFeed withVersionPoll(DataSource dataSource, Duration interval) {
        Objects.requireNonNull(dataSource, "dataSource");
        requirePositive(interval, "interval");
        return with(new Settings(
                settings.minBackoff(),
                settings.maxBackoff(),
                settings.pollInterval(),
                settings.healthCheckInterval(),
                settings.socketTimeout(),
                settings.listen(),
                settings.selfTestTimeout(),
                dataSource,
                interval));
    }

    /** How long the self-test after each LISTEN waits for its own notification (default 2 s). */
    PostgresCatalogChangeFeed withSelfTestTimeout(Duration timeout) {
        requirePositive(timeout, "timeout");
        return with(new Settings(
                settings.minBackoff(),
                settings.maxBackoff(),
                settings.pollInterval(),
                settings.healthCheckInterval(),
                settings.socketTimeout(),
                settings.listen(),
                timeout,
                settings.versionSource(),
                settings.versionPollInterval()));
    }

    /** Only the version poll, no LISTEN at all (where LISTEN is known not to work); needs {@link #withVersionPoll}. */
    PostgresCatalogChangeFeed withoutListen() {
        return with(new Settings(
                settings.minBackoff(),
                settings.maxBackoff(),
                settings.pollInterval(),
                settings.healthCheckInterval(),
                settings.socketTimeout(),
                false,
                settings.selfTestTimeout(),
                settings.versionSource(),
                settings.versionPollInterval()));
    }

    /**
     * Starts a listener thread (unless {@link #withoutListen}) and a version poll thread (with {@link
     * #withVersionPoll}); signals {@code onChange} once connected, then on every batch of changes.
     */
    @Override
    public Subscription subscribe(Runnable onChange) {
        Listener listener = new Listener(Objects.requireNonNull(onChange, "onChange"));
        int number = THREADS.incrementAndGet();
        if (settings.listen()) {
            listener.thread = Thread.ofPlatform()
                    .daemon()
                    .name("model-access-change-feed-" + number)
                    .start(listener);
        } else {
            listener.path = settings.versionSource() == null ? Path.NONE : Path.POLL;
        }
        if (settings.versionSource() != null) {
            DataSource versions = settings.versionSource();
            listener.poller = Thread.ofPlatform()
                    .daemon()
                    .name("model-access-catalog-version-" + number)
                    .start(() -> listener.poll(versions));
        }
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
        private final Object signalling = new Object();
        private final String selfTestPayload = "self-test:" + UUID.randomUUID();
        private volatile @Nullable Thread thread;
        private volatile @Nullable Thread poller;
        private volatile Path path = Path.STARTING;

        Listener(Runnable onChange) {
            this.onChange = onChange;
        }

        @Override
        public Path path() {
            return path;
        }

        @Override
        public void run() {
            Duration backoff = settings.minBackoff();
            while (!isClosed()) {
                try (Connection connection = connections.open()) {
                    listen(connection);
                    if (!selfTest(connection)) {
                        try (Statement statement = connection.createStatement()) {
                            statement.execute("UNLISTEN " + CHANNEL); // a pooled connection goes back clean
                        }
                        giveUpListening();
                        break;
                    }
                    path = Path.LISTEN;
                    backoff = settings.minBackoff();
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
                    backoff = backoff.multipliedBy(2).compareTo(settings.maxBackoff()) > 0
                            ? settings.maxBackoff()
                            : backoff.multipliedBy(2);
                }
            }
            log.debug("Catalog change feed stopped");
        }

        private void listen(Connection connection) throws SQLException {
            connection.setNetworkTimeout(Runnable::run, (int)
                    Math.min(Integer.MAX_VALUE, settings.socketTimeout().toMillis()));
            connection.setAutoCommit(true);
            try (Statement statement = connection.createStatement()) {
                statement.execute("LISTEN " + CHANNEL);
            }
        }

        /**
         * Sends a notification to this listener from a second connection and waits for it: through a
         * transaction-mode pooler it never arrives. Other notifications that arrive meanwhile count as changes.
         */
        private boolean selfTest(Connection listening) throws SQLException {
            try (Connection sender = connections.open();
                    PreparedStatement notify = sender.prepareStatement("select pg_notify(?, ?)")) {
                sender.setAutoCommit(true);
                notify.setString(1, CHANNEL);
                notify.setString(2, selfTestPayload);
                notify.execute();
            }
            PGConnection postgres = listening.unwrap(PGConnection.class);
            long deadline = System.nanoTime() + settings.selfTestTimeout().toNanos();
            while (!isClosed()) {
                long left = Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime()));
                PGNotification[] notifications = postgres.getNotifications(
                        (int) Math.min(left, settings.pollInterval().toMillis()));
                if (notifications != null) {
                    for (PGNotification notification : notifications) {
                        if (selfTestPayload.equals(notification.getParameter())) {
                            return true;
                        }
                    }
                }
                if (System.nanoTime() >= deadline) {
                    return false;
                }
            }
            return true;
        }

        private void giveUpListening() {
            path = settings.versionSource() == null ? Path.NONE : Path.POLL;
            if (warned.compareAndSet(false, true)) {
                log.warn(
                        "LISTEN/NOTIFY does not work on this connection: a notification the change feed sent to"
                                + " itself did not arrive within {} ms. The usual cause is a transaction-mode"
                                + " connection pooler (PgBouncer in pool_mode=transaction, Supabase's pooler on"
                                + " port 6543), which does not pass notifications on. {} To get changes within a"
                                + " second, set modelaccess.catalog.listen.jdbc-url to a direct or session-mode URL"
                                + " of the same database (e.g. Supabase's session pooler on port 5432).",
                        settings.selfTestTimeout().toMillis(),
                        settings.versionSource() == null
                                ? "Other instances' changes now arrive only with the periodic reload."
                                : "Other instances' changes now arrive through the catalog version, read every "
                                        + settings.versionPollInterval().toMillis() + " ms.");
            } else {
                log.debug("LISTEN/NOTIFY self-test failed again; relying on the catalog version");
            }
        }

        /** Until closed (then UNLISTEN, so a pooled connection goes back clean) or until the connection fails. */
        private void receive(Connection connection) throws SQLException {
            PGConnection postgres = connection.unwrap(PGConnection.class);
            long quietSince = System.nanoTime();
            while (!isClosed()) {
                PGNotification[] notifications = postgres.getNotifications(
                        (int) Math.max(1, settings.pollInterval().toMillis()));
                if (notifications != null && notifications.length > 0) {
                    quietSince = System.nanoTime();
                    signal();
                } else if (System.nanoTime() - quietSince
                        > settings.healthCheckInterval().toNanos()) {
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

        /** Reads the catalog version every poll interval; signals on the first read and whenever it moved. */
        void poll(DataSource versions) {
            long seen = Long.MIN_VALUE;
            boolean failing = false;
            do {
                try (Connection connection = versions.getConnection();
                        Statement statement = connection.createStatement();
                        ResultSet row = statement.executeQuery(VERSION)) {
                    long version = row.next() ? row.getLong(1) : 0;
                    if (failing) {
                        log.info("The catalog version can be read again");
                        failing = false;
                    }
                    if (version != seen) {
                        seen = version;
                        signal();
                    }
                } catch (SQLException e) {
                    if (!failing && !isClosed()) {
                        log.warn("Could not read the catalog version ({}); trying again", e.getMessage());
                        failing = true;
                    }
                }
            } while (!await(settings.versionPollInterval()));
        }

        private void signal() {
            synchronized (signalling) {
                try {
                    onChange.run();
                } catch (RuntimeException e) {
                    log.warn("A catalog change listener failed; the feed goes on", e);
                }
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

        /** Stops the threads and waits (about one poll interval) until they have let their connections go. */
        @Override
        public void close() {
            closed.countDown();
            join(thread);
            join(poller);
        }

        private void join(@Nullable Thread worker) {
            if (worker == null || worker == Thread.currentThread()) {
                return;
            }
            try {
                worker.join(settings.pollInterval().plusSeconds(5).toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
