package dev.modelaccess.jooq;

import dev.modelaccess.core.StoreException;
import dev.modelaccess.core.port.JobLock;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link JobLock} on a lease row per job in {@code model_access_job_leases}, so that it works the same through a
 * direct connection, a session pooler and a transaction-mode pooler (PgBouncer's, Supabase's on port 6543): every
 * step is one autocommit statement on whatever connection the pool hands out, and nothing is tied to a session.
 *
 * <ol>
 *   <li><b>Take</b>: one {@code INSERT … ON CONFLICT DO UPDATE … WHERE expires_at <= now()}: it succeeds only when
 *       the job has no row yet or its lease has expired (ended, or its holder stopped renewing), sets this lock as
 *       the owner with an expiry of now + {@linkplain #lease() the lease}, and increments the fencing token.
 *   <li><b>Renew</b>: while the job runs, a daemon thread pushes the expiry out every third of the lease, on the
 *       condition that the token is still this run's and the lease has not expired. A renewal that fails for a
 *       broken connection is tried again at the next tick; one that finds the lease gone (taken over after this
 *       instance stalled longer than the lease) interrupts the job, whose outcome is then recorded as lost.
 *   <li><b>End</b>: in {@code finally}, the row (still only with this run's token) gets its expiry set to now and
 *       the outcome recorded: {@code completed}, {@code failed: <reason>} or {@code lease lost}. The next run, on
 *       any instance, can take it at once.
 * </ol>
 *
 * <p>Why a lease rather than session advisory locks (which leaked through a transaction pooler: the lock stayed on
 * whatever server connection it landed on) or a transaction-scoped lock held for the whole job (which pins one
 * server connection of the pooler for as long as the job runs and is cut by {@code idle_in_transaction} timeouts):
 * a lease needs no connection between statements, survives a dropped connection (the next statement uses another
 * one), and a crashed holder blocks the job no longer than the lease. Times come from the database's clock, so the
 * instances' clocks need not agree. The lease row is found through the connections' {@code search_path}, so
 * applications in other schemas of the same database do not contend.
 */
final class PostgresJobLock implements JobLock {

    /** How long a lease holds unless renewed, when not given. */
    static final Duration DEFAULT_LEASE = Duration.ofSeconds(30);

    private static final Logger log = LoggerFactory.getLogger(PostgresJobLock.class);

    private static final String TAKE = """
            insert into model_access_job_leases as lease (job, owner, token, acquired_at, expires_at)
            values (?, ?, 1, clock_timestamp(), clock_timestamp() + ? * interval '1 millisecond')
            on conflict (job) do update
                set owner = excluded.owner, token = lease.token + 1, acquired_at = excluded.acquired_at,
                    expires_at = excluded.expires_at, ended_at = null, outcome = null
                where lease.expires_at <= clock_timestamp()
            returning token""";

    private static final String RENEW = """
            update model_access_job_leases
            set expires_at = clock_timestamp() + ? * interval '1 millisecond'
            where job = ? and token = ? and expires_at > clock_timestamp()""";

    private static final String END = """
            update model_access_job_leases
            set expires_at = clock_timestamp(), ended_at = clock_timestamp(), outcome = ?
            where job = ? and token = ?""";

    private final DataSource dataSource;
    private final Duration lease;
    private final String owner;

    PostgresJobLock(DataSource dataSource) {
        this(dataSource, DEFAULT_LEASE);
    }

    PostgresJobLock(DataSource dataSource, Duration lease) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        Objects.requireNonNull(lease, "lease");
        if (lease.compareTo(Duration.ofMillis(300)) < 0) {
            throw new IllegalArgumentException("The job lease must be at least 300 ms, was " + lease);
        }
        this.lease = lease;
        this.owner = host() + "/" + ProcessHandle.current().pid() + "/"
                + UUID.randomUUID().toString().substring(0, 8);
    }

    /** How long a lease holds unless renewed (renewed every third of it while the job runs). */
    Duration lease() {
        return lease;
    }

    @Override
    public <T> Optional<T> runExclusively(String job, Supplier<? extends T> work) {
        Objects.requireNonNull(job, "job");
        Objects.requireNonNull(work, "work");
        OptionalLong token = take(job);
        if (token.isEmpty()) {
            return Optional.empty();
        }
        Renewal renewal = new Renewal(job, token.getAsLong(), Thread.currentThread());
        String outcome = "completed";
        try {
            return Optional.of(work.get());
        } catch (RuntimeException | Error e) {
            outcome = renewal.lost.get() ? "lease lost" : "failed: " + describe(e);
            throw e;
        } finally {
            renewal.stop();
            if (renewal.lost.get()) {
                outcome = "lease lost";
                Thread.interrupted(); // the interrupt was for the job; do not leak it to the caller's thread
            }
            end(job, token.getAsLong(), outcome);
        }
    }

    private OptionalLong take(String job) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(TAKE)) {
            statement.setString(1, job);
            statement.setString(2, owner);
            statement.setLong(3, lease.toMillis());
            try (ResultSet row = statement.executeQuery()) {
                return row.next() ? OptionalLong.of(row.getLong(1)) : OptionalLong.empty();
            }
        } catch (SQLException e) {
            throw StoreException.of("Could not take the lease of job " + job, e.getSQLState(), e);
        }
    }

    private boolean renew(String job, long token) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(RENEW)) {
            statement.setLong(1, lease.toMillis());
            statement.setString(2, job);
            statement.setLong(3, token);
            return statement.executeUpdate() == 1;
        }
    }

    private void end(String job, long token, String outcome) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(END)) {
            statement.setString(1, outcome.length() > 2000 ? outcome.substring(0, 2000) : outcome);
            statement.setString(2, job);
            statement.setLong(3, token);
            statement.executeUpdate();
        } catch (SQLException e) {
            // the lease then expires by itself, at most one lease after the job ended
            log.warn(
                    "Could not end the lease of job {} ({}); it expires within {} by itself",
                    job,
                    e.getMessage(),
                    lease);
        }
    }

    private static String describe(Throwable failure) {
        String message = failure.getMessage();
        return failure.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }

    private static String host() {
        String host = System.getenv("HOSTNAME");
        return host == null || host.isBlank() ? "host" : host.strip();
    }

    /** Renews the lease every third of it until stopped; interrupts the job when the lease is found lost. */
    private final class Renewal implements Runnable {

        private final String job;
        private final long token;
        private final Thread worker;
        private final CountDownLatch stopped = new CountDownLatch(1);
        private final AtomicBoolean lost = new AtomicBoolean();
        private final Thread thread;

        Renewal(String job, long token, Thread worker) {
            this.job = job;
            this.token = token;
            this.worker = worker;
            this.thread = Thread.ofPlatform()
                    .daemon()
                    .name("model-access-lease-" + job)
                    .start(this);
        }

        @Override
        public void run() {
            long every = Math.max(100, lease.toMillis() / 3);
            try {
                while (!stopped.await(every, TimeUnit.MILLISECONDS)) {
                    try {
                        if (!renew(job, token)) {
                            lost.set(true);
                            log.warn(
                                    "The lease of job {} was lost (held by another instance after this one did not"
                                            + " renew it within {}); stopping the job",
                                    job,
                                    lease);
                            worker.interrupt();
                            return;
                        }
                    } catch (SQLException e) {
                        log.debug("Could not renew the lease of job {}; trying again", job, e);
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        void stop() {
            stopped.countDown();
            try {
                thread.join(Duration.ofSeconds(10));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
