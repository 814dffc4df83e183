package dev.modelaccess.jooq;

import java.io.PrintWriter;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.jspecify.annotations.Nullable;
import org.postgresql.PGConnection;

/**
 * Runs a Flyway migration of the library all or nothing: every pending version and its history row in <em>one</em>
 * transaction on <em>one</em> connection, committed only when Flyway has finished without error.
 *
 * <p>Why: on PostgreSQL, Flyway (10 and later, with its default transactional lock) uses two connections. It writes
 * the history rows on one, inside a transaction that holds its {@code pg_advisory_xact_lock} for the whole run, and
 * applies each migration on the other, committing each on its own. When anything fails after a migration committed
 * - the next migration, a dropped connection, or, through a transaction-mode pooler without {@code
 * prepareThreshold=0}, a history insert answered with {@code prepared statement "S_2" does not exist} - the history
 * transaction rolls back while the migration stays: tables without their history row, and every later start fails
 * with {@code relation "model_access" already exists}. ({@code flyway.postgresql.transactional.lock=false} would
 * use one connection, but a session advisory lock, which leaks through a transaction-mode pooler.)
 *
 * <p>Here Flyway is given a data source whose every connection is the same physical connection, with {@code
 * commit}, {@code setAutoCommit} and {@code close} made no-ops (auto-commit is only pretended); Flyway's advisory
 * lock is then transaction-scoped in that one transaction. Through a pooler the transaction pins one server
 * connection from start to end, and server-side prepared statements are switched off on it ({@code
 * prepareThreshold} 0) for the run. Only transactional statements can be migrated this way: the library's
 * migrations never use {@code CREATE INDEX CONCURRENTLY} and the like.
 */
final class OneTransactionMigration {

    private OneTransactionMigration() {}

    /**
     * Applies {@code configuration}'s pending migrations to {@code dataSource} in one transaction.
     *
     * @return how many migrations were applied
     * @throws FlywayException when a migration fails (then nothing at all was applied)
     */
    static int migrate(FluentConfiguration configuration, DataSource dataSource) {
        Connection physical;
        try {
            physical = dataSource.getConnection();
        } catch (SQLException e) {
            throw new FlywayException("Could not open a connection for the migrations: " + e.getMessage(), e);
        }
        try (physical) {
            boolean autoCommit = physical.getAutoCommit();
            PGConnection postgres =
                    physical.isWrapperFor(PGConnection.class) ? physical.unwrap(PGConnection.class) : null;
            int prepareThreshold = postgres == null ? 0 : postgres.getPrepareThreshold();
            if (postgres != null) {
                postgres.setPrepareThreshold(0);
            }
            physical.setAutoCommit(false);
            Shared shared = new Shared(physical, dataSource);
            boolean committed = false;
            try {
                int applied = configuration.dataSource(shared).load().migrate().migrationsExecuted;
                if (shared.rolledBack) {
                    throw new FlywayException("A migration was rolled back; nothing was applied");
                }
                physical.commit();
                committed = true;
                return applied;
            } finally {
                if (!committed) {
                    rollbackQuietly(physical);
                }
                restore(physical, autoCommit, postgres, prepareThreshold);
            }
        } catch (SQLException e) {
            throw new FlywayException("The migrations' connection failed: " + e.getMessage(), e);
        }
    }

    private static void rollbackQuietly(Connection connection) {
        try {
            connection.rollback();
        } catch (SQLException e) {
            // a dead connection: PostgreSQL has rolled the transaction back already
        }
    }

    private static void restore(
            Connection connection, boolean autoCommit, @Nullable PGConnection postgres, int prepareThreshold) {
        try {
            if (postgres != null) {
                postgres.setPrepareThreshold(prepareThreshold);
            }
            connection.setAutoCommit(autoCommit);
        } catch (SQLException e) {
            // a dead connection; the pool discards it
        }
    }

    /** A data source handing out the one connection, whose transaction only {@link #migrate} ends. */
    private static final class Shared implements DataSource, InvocationHandler {

        private final Connection physical;
        private final DataSource origin;
        private final Connection proxy;
        private volatile boolean rolledBack;
        private boolean pretendedAutoCommit = true;

        Shared(Connection physical, DataSource origin) {
            this.physical = physical;
            this.origin = origin;
            this.proxy = (Connection) Proxy.newProxyInstance(
                    OneTransactionMigration.class.getClassLoader(), new Class<?>[] {Connection.class}, this);
        }

        @Override
        public @Nullable Object invoke(Object self, Method method, @Nullable Object[] args) throws Throwable {
            switch (method.getName()) {
                case "close", "commit" -> {
                    if (method.getParameterCount() == 0) {
                        return null;
                    }
                }
                case "setAutoCommit" -> {
                    pretendedAutoCommit = (Boolean) args[0];
                    return null;
                }
                case "getAutoCommit" -> {
                    return pretendedAutoCommit;
                }
                case "rollback" -> {
                    if (method.getParameterCount() == 0) {
                        rolledBack = true;
                    }
                }
                case "isClosed" -> {
                    return physical.isClosed();
                }
                case "equals" -> {
                    return self == args[0];
                }
                case "hashCode" -> {
                    return System.identityHashCode(self);
                }
                default -> {
                    // passed on below
                }
            }
            try {
                return method.invoke(physical, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        }

        @Override
        public Connection getConnection() {
            return proxy;
        }

        @Override
        public Connection getConnection(String username, String password) {
            return proxy;
        }

        @Override
        public PrintWriter getLogWriter() throws SQLException {
            return origin.getLogWriter();
        }

        @Override
        public void setLogWriter(PrintWriter out) throws SQLException {
            origin.setLogWriter(out);
        }

        @Override
        public void setLoginTimeout(int seconds) throws SQLException {
            origin.setLoginTimeout(seconds);
        }

        @Override
        public int getLoginTimeout() throws SQLException {
            return origin.getLoginTimeout();
        }

        @Override
        public Logger getParentLogger() throws SQLFeatureNotSupportedException {
            return origin.getParentLogger();
        }

        @Override
        public <T> T unwrap(Class<T> type) throws SQLException {
            return origin.unwrap(type);
        }

        @Override
        public boolean isWrapperFor(Class<?> type) throws SQLException {
            return origin.isWrapperFor(type);
        }
    }
}
