package dev.modelaccess.jooq;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modelaccess.testsupport.postgres.TestSchema;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The lease-based job lock, run against a direct connection ({@link PostgresJobLockTest}) and through a real
 * transaction-mode PgBouncer ({@link PostgresJobLockThroughPgBouncerTest}): the same behaviour either way.
 */
abstract class JobLockOnPostgresTests {

    static final int INSTANCES = 4;

    /** The schema, for looking at and tampering with the lease rows directly (never through the pooler). */
    TestSchema schema;

    ExecutorService threads;

    /** The connections the locks use: the schema's own pool, or a pool through the pooler. */
    abstract DataSource pool();

    @BeforeEach
    void startThreads() throws SQLException {
        threads = Executors.newFixedThreadPool(INSTANCES);
        schema.execute("delete from model_access_job_leases");
    }

    @AfterEach
    void stopThreads() {
        threads.shutdownNow();
    }

    @Test
    void ofInstancesStartingTheSameJobTogetherExactlyOneRunsIt() throws Exception {
        AtomicInteger runs = new AtomicInteger();
        CountDownLatch othersAnswered = new CountDownLatch(INSTANCES - 1);
        List<Future<Optional<String>>> answers = new ArrayList<>();
        for (int i = 0; i < INSTANCES; i++) {
            PostgresJobLock instance = new PostgresJobLock(pool());
            answers.add(threads.submit(() -> {
                Optional<String> answer = instance.runExclusively("reencrypt-keys", () -> {
                    runs.incrementAndGet();
                    // the winner holds the lease until every other instance has tried and answered: certain overlap
                    await(othersAnswered);
                    return "done";
                });
                if (answer.isEmpty()) {
                    othersAnswered.countDown();
                }
                return answer;
            }));
        }

        List<Optional<String>> results = new ArrayList<>();
        for (Future<Optional<String>> answer : answers) {
            results.add(answer.get(30, TimeUnit.SECONDS));
        }

        assertThat(runs).hasValue(1);
        assertThat(results).filteredOn(Optional::isPresent).singleElement().isEqualTo(Optional.of("done"));
        assertThat(results).filteredOn(Optional::isEmpty).hasSize(INSTANCES - 1);
        assertThat(schema.strings("select outcome from model_access_job_leases"))
                .containsExactly("completed");
    }

    @Test
    void sequentialRunsUnderConcurrentTrafficAreNeverRefusedAndLeaveNoLeaseBehind() throws Exception {
        PostgresJobLock a = new PostgresJobLock(pool());
        PostgresJobLock b = new PostgresJobLock(pool());
        CountDownLatch stop = new CountDownLatch(1);
        List<Future<?>> traffic = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            traffic.add(threads.submit(() -> {
                while (stop.getCount() > 0) {
                    try (Connection connection = pool().getConnection();
                            Statement statement = connection.createStatement()) {
                        statement.execute("select count(*) from model_access");
                    }
                }
                return null;
            }));
        }
        int refused = 0;
        for (int run = 0; run < 50; run++) {
            PostgresJobLock instance = run % 2 == 0 ? a : b;
            if (instance.runExclusively("reverify-keys", () -> "ran").isEmpty()) {
                refused++;
            }
        }
        stop.countDown();
        for (Future<?> load : traffic) {
            load.get(30, TimeUnit.SECONDS);
        }

        assertThat(refused).as("sequential runs refused").isZero();
        assertThat(schema.strings("select count(*) from model_access_job_leases where expires_at > now()"))
                .containsExactly("0");
        assertThat(schema.strings("select token from model_access_job_leases where job = 'reverify-keys'"))
                .containsExactly("50");
    }

    @Test
    void theLeaseIsReleasedAfterTheJobEvenWhenItFailedAndRecordsWhy() throws SQLException {
        PostgresJobLock a = new PostgresJobLock(pool());
        PostgresJobLock b = new PostgresJobLock(pool());

        assertThatThrownBy(() -> a.runExclusively("reverify-keys", () -> {
                    throw new IllegalStateException("the job failed");
                }))
                .hasMessage("the job failed");

        assertThat(schema.strings("select outcome from model_access_job_leases where job = 'reverify-keys'"))
                .containsExactly("failed: IllegalStateException: the job failed");
        assertThat(b.runExclusively("reverify-keys", () -> "ran")).contains("ran");
        assertThat(a.runExclusively("reverify-keys", () -> b.runExclusively("reencrypt-keys", () -> "other job")))
                .contains(Optional.of("other job"));
        assertThat(a.runExclusively("reverify-keys", () -> b.runExclusively("reverify-keys", () -> "same job")))
                .contains(Optional.empty());
    }

    @Test
    void aConnectionDroppedMidJobEndsTheJobWithTheReasonAndTheNextRunIsNotBlocked() throws SQLException {
        PostgresJobLock lock = new PostgresJobLock(pool());

        assertThatThrownBy(() -> lock.runExclusively("reverify-keys", () -> {
                    try (Connection connection = pool().getConnection();
                            Statement statement = connection.createStatement()) {
                        // the server connection under this job goes away, as when a pooler or the database drops it
                        statement.execute("select pg_terminate_backend(pg_backend_pid())");
                        return "unreachable";
                    } catch (SQLException e) {
                        throw new IllegalStateException("the job lost its connection: " + e.getMessage(), e);
                    }
                }))
                .hasMessageContaining("the job lost its connection");

        assertThat(schema.strings("select outcome from model_access_job_leases where job = 'reverify-keys'"))
                .singleElement()
                .asString()
                .startsWith("failed: IllegalStateException: the job lost its connection");
        assertThat(new PostgresJobLock(pool()).runExclusively("reverify-keys", () -> "ran"))
                .contains("ran");
    }

    @Test
    void aLeaseWhoseHolderDiedIsTakenOverOnceItExpiresAndNotBefore() throws SQLException {
        schema.execute("""
                insert into model_access_job_leases (job, owner, token, acquired_at, expires_at)
                values ('reverify-keys', 'crashed-instance', 7, now() - interval '1 minute', now() + interval '1 hour')
                """);
        PostgresJobLock lock = new PostgresJobLock(pool());

        assertThat(lock.runExclusively("reverify-keys", () -> "ran")).isEmpty();

        schema.execute("update model_access_job_leases set expires_at = now() - interval '1 millisecond'");

        assertThat(lock.runExclusively("reverify-keys", () -> "ran")).contains("ran");
        assertThat(schema.strings("select token || ' ' || outcome from model_access_job_leases"))
                .containsExactly("8 completed");
    }

    @Test
    void theLeaseIsRenewedWhileALongJobRunsSoNoOtherInstanceTakesIt() throws Exception {
        PostgresJobLock holder = new PostgresJobLock(pool(), Duration.ofMillis(600));
        PostgresJobLock other = new PostgresJobLock(pool(), Duration.ofMillis(600));

        Optional<Optional<String>> answer = holder.runExclusively("reverify-keys", () -> {
            // run well past the lease: until the row shows three renewals (the expiry moved three times)
            String first = expiry();
            awaitExpiryMoves(first, 3);
            return other.runExclusively("reverify-keys", () -> "stolen");
        });

        assertThat(answer).contains(Optional.empty());
    }

    @Test
    void aHolderWhoseLeaseWasTakenOverIsInterruptedAndCannotEndTheNewHoldersLease() throws Exception {
        PostgresJobLock holder = new PostgresJobLock(pool(), Duration.ofMillis(600));
        CountDownLatch never = new CountDownLatch(1);

        assertThatThrownBy(() -> holder.runExclusively("reverify-keys", () -> {
                    try {
                        // another instance takes over, as after this one stalled longer than the lease
                        schema.execute("update model_access_job_leases set token = token + 1, owner = 'other'");
                        never.await(30, TimeUnit.SECONDS);
                        return "not interrupted";
                    } catch (InterruptedException e) {
                        throw new IllegalStateException("interrupted: lease lost", e);
                    } catch (SQLException e) {
                        throw new IllegalStateException(e);
                    }
                }))
                .hasMessage("interrupted: lease lost");

        assertThat(Thread.currentThread().isInterrupted()).isFalse();
        assertThat(schema.strings("select owner || ' ' || coalesce(outcome, 'running') from model_access_job_leases"))
                .containsExactly("other running");
    }

    @Test
    void aSchemaOfItsOwnDoesNotContendWithThisOne() {
        TestSchema other = schema.createSchema();
        ModelAccessSchema.migrate(other.dataSource());
        PostgresJobLock here = new PostgresJobLock(pool());
        PostgresJobLock there = new PostgresJobLock(other.dataSource());

        assertThat(here.runExclusively("reverify-keys", () -> there.runExclusively("reverify-keys", () -> "ran")))
                .contains(Optional.of("ran"));
    }

    @Test
    void aLeaseShorterThanTheRenewalCanKeepUpIsRefused() {
        assertThatThrownBy(() -> new PostgresJobLock(pool(), Duration.ofMillis(100)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("The job lease must be at least 300 ms, was PT0.1S");
    }

    private String expiry() {
        try {
            return schema.strings("select expires_at from model_access_job_leases")
                    .get(0);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private void awaitExpiryMoves(String from, int times) {
        String last = from;
        int moves = 0;
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (moves < times) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the lease was renewed only " + moves + " times");
            }
            String now = expiry();
            if (!now.equals(last)) {
                moves++;
                last = now;
            }
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(20, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the other instances never answered");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
