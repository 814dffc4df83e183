package dev.modelaccess.jooq;

import dev.modelaccess.core.StoreException;
import dev.modelaccess.core.port.JobLock;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import javax.sql.DataSource;

/**
 * {@link JobLock} on PostgreSQL session advisory locks, taken with {@code pg_try_advisory_lock} on a connection held
 * for the duration of the job and released in {@code finally}. The key is made like the catalog sync's: the job's
 * name and the oid of the {@code model_access} table the connection sees, so every instance sharing that table
 * contends for one lock per job, while applications in other schemas of the same database do not. A connection
 * whose unlock fails is aborted rather than returned to the pool, so a lock can never outlive its job.
 */
final class PostgresJobLock implements JobLock {

    private static final String KEY =
            "hashtext('dev.modelaccess.job:' || ?), hashtext(cast(cast('model_access' as regclass) as oid)::text)";

    private final DataSource dataSource;

    PostgresJobLock(DataSource dataSource) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    }

    @Override
    public <T> Optional<T> runExclusively(String job, Supplier<? extends T> work) {
        Objects.requireNonNull(job, "job");
        Objects.requireNonNull(work, "work");
        Connection connection;
        try {
            connection = dataSource.getConnection();
        } catch (SQLException e) {
            throw StoreException.of("Could not take the lock of job " + job, e.getSQLState(), e);
        }
        try {
            if (!call(connection, "select pg_try_advisory_lock(" + KEY + ")", job)) {
                close(connection);
                return Optional.empty();
            }
        } catch (SQLException e) {
            close(connection);
            throw StoreException.of("Could not take the lock of job " + job, e.getSQLState(), e);
        }
        try {
            return Optional.of(work.get());
        } finally {
            release(connection, job);
        }
    }

    private static void release(Connection connection, String job) {
        boolean released;
        try {
            released = call(connection, "select pg_advisory_unlock(" + KEY + ")", job);
        } catch (SQLException e) {
            released = false;
        }
        if (!released) {
            try {
                connection.abort(Runnable::run);
            } catch (SQLException e) {
                // the connection is gone either way; PostgreSQL ends the session and its locks with it
            }
        }
        close(connection);
    }

    private static boolean call(Connection connection, String sql, String job) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, job);
            try (ResultSet row = statement.executeQuery()) {
                return row.next() && row.getBoolean(1);
            }
        }
    }

    private static void close(Connection connection) {
        try {
            connection.close();
        } catch (SQLException e) {
            // nothing left to do with it
        }
    }
}
