package dev.modelaccess.jooq;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modelaccess.testsupport.postgres.TestSchema;
import dev.modelaccess.testsupport.postgres.WithPostgres;
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
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

@WithPostgres
class PostgresJobLockTest {

    static final int INSTANCES = 4;

    static DataSource dataSource;
    static ExecutorService threads;

    @BeforeAll
    static void migrate() {
        ModelAccessSchema.migrate(dataSource);
        threads = Executors.newFixedThreadPool(INSTANCES);
    }

    @AfterAll
    static void stopThreads() {
        threads.shutdownNow();
    }

    @Test
    void ofInstancesStartingTheSameJobTogetherExactlyOneRunsIt() throws Exception {
        AtomicInteger runs = new AtomicInteger();
        CountDownLatch othersAnswered = new CountDownLatch(INSTANCES - 1);
        List<Future<Optional<String>>> answers = new ArrayList<>();
        for (int i = 0; i < INSTANCES; i++) {
            PostgresJobLock instance = new PostgresJobLock(dataSource);
            answers.add(threads.submit(() -> {
                Optional<String> answer = instance.runExclusively("reencrypt-keys", () -> {
                    runs.incrementAndGet();
                    // the winner holds the lock until every other instance has tried and answered: certain overlap
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
    }

    @Test
    void theLockIsReleasedAfterTheJobEvenWhenItFailedAndOtherJobsNeverContend() {
        PostgresJobLock a = new PostgresJobLock(dataSource);
        PostgresJobLock b = new PostgresJobLock(dataSource);

        assertThatThrownBy(() -> a.runExclusively("reverify-keys", () -> {
                    throw new IllegalStateException("the job failed");
                }))
                .hasMessage("the job failed");
        assertThat(b.runExclusively("reverify-keys", () -> "ran")).contains("ran");
        assertThat(a.runExclusively("reverify-keys", () -> b.runExclusively("reencrypt-keys", () -> "other job")))
                .contains(Optional.of("other job"));
        assertThat(a.runExclusively("reverify-keys", () -> b.runExclusively("reverify-keys", () -> "same job")))
                .contains(Optional.empty());
    }

    @Test
    void aSchemaOfItsOwnDoesNotContendWithThisOne(TestSchema schema) {
        TestSchema other = schema.createSchema();
        ModelAccessSchema.migrate(other.dataSource());
        PostgresJobLock here = new PostgresJobLock(dataSource);
        PostgresJobLock there = new PostgresJobLock(other.dataSource());

        assertThat(here.runExclusively("reverify-keys", () -> there.runExclusively("reverify-keys", () -> "ran")))
                .contains(Optional.of("ran"));
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
