package dev.modelaccess.jooq;

import static dev.modelaccess.jooq.TestModels.model;
import static org.assertj.core.api.Assertions.assertThat;

import dev.modelaccess.core.port.CatalogChangeFeed;
import dev.modelaccess.core.port.CatalogChangeFeed.Path;
import dev.modelaccess.core.sync.UpstreamSnapshot;
import dev.modelaccess.testsupport.postgres.PgBouncer;
import dev.modelaccess.testsupport.postgres.TestSchema;
import dev.modelaccess.testsupport.postgres.WithPostgres;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Which path a change takes to an instance, and how fast: LISTEN on a direct connection (well within 1 s), the
 * catalog version through a real transaction-mode PgBouncer, where LISTEN cannot work (within 5 s), with exactly one
 * WARN that says why and what to set.
 */
@WithPostgres
class CatalogChangeFeedPathsTest {

    static final Duration PATIENCE = Duration.ofSeconds(20);

    static TestSchema schema;
    static PgBouncer pooler;

    @BeforeAll
    static void catalogWithOneModelAndAPooler() {
        ModelAccessSchema.migrate(schema.dataSource());
        Syncs.sync(
                JooqModelAccess.of(schema.dataSource()).store(),
                UpstreamSnapshot.of(List.of(model("openai/gpt-4o").build())),
                Instant.parse("2026-03-01T03:00:00Z"));
        pooler = PgBouncer.inFrontOf(schema);
    }

    @AfterAll
    static void stopThePooler() {
        if (pooler != null) {
            pooler.close();
        }
    }

    @Test
    void onADirectConnectionTheSelfTestPassesAndAChangeArrivesWithinOneSecond() throws Exception {
        Signals signals = new Signals();
        PostgresCatalogChangeFeed feed = PostgresCatalogChangeFeed.fromJdbcUrl(
                        schema.jdbcUrl(), schema.user(), schema.password())
                .withPollInterval(Duration.ofMillis(50))
                .withVersionPoll(schema.dataSource(), Duration.ofSeconds(2));
        try (CatalogChangeFeed.Subscription subscription = feed.subscribe(signals)) {
            awaitPath(subscription, Path.LISTEN);
            signals.drain();

            Duration latency = timeToSignal(signals, schema.dataSource());

            System.out.println("FRESHNESS direct (LISTEN): " + latency.toMillis() + " ms");
            assertThat(latency).isLessThan(Duration.ofSeconds(1));
        }
    }

    @Test
    void throughATransactionPoolerTheFeedWarnsOnceAndAChangeArrivesByTheVersionWithinFiveSeconds() throws Exception {
        PostgresCatalogChangeFeed feed = PostgresCatalogChangeFeed.fromJdbcUrl(
                        pooler.jdbcUrl(), pooler.user(), pooler.password())
                .withPollInterval(Duration.ofMillis(50))
                .withSelfTestTimeout(Duration.ofMillis(500))
                .withVersionPoll(pooler.dataSource(), Duration.ofSeconds(2));
        Signals signals = new Signals();

        String log = capturingStandardError(() -> {
            try {
                // subscribing twice (a restarted refresher) warns no more than once
                try (CatalogChangeFeed.Subscription first = feed.subscribe(() -> {})) {
                    awaitPath(first, Path.POLL);
                }
                try (CatalogChangeFeed.Subscription subscription = feed.subscribe(signals)) {
                    awaitPath(subscription, Path.POLL);
                    signals.drain();
                    for (int change = 0; change < 3; change++) {
                        Duration latency = timeToSignal(signals, pooler.dataSource());
                        System.out.println("FRESHNESS through PgBouncer (version poll): " + latency.toMillis() + " ms");
                        assertThat(latency).isLessThan(Duration.ofSeconds(5));
                    }
                }
                return null;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });

        assertThat(log.lines().filter(line -> line.contains("WARN")))
                .singleElement()
                .asString()
                .contains("transaction-mode connection pooler")
                .contains("modelaccess.catalog.listen.jdbc-url");
    }

    @Test
    void withoutListenOnlyTheVersionIsReadAndEveryCommittedTransactionMovesItOnce() throws Exception {
        Signals signals = new Signals();
        CatalogChangeFeed feed = JooqModelAccess.of(pooler.dataSource()).versionPollFeed(Duration.ofMillis(200));
        try (CatalogChangeFeed.Subscription subscription = feed.subscribe(signals)) {
            assertThat(subscription.path()).isEqualTo(Path.POLL);
            signals.awaitOne("the signal after the first read");
            long before = version();

            try (Connection connection = pooler.dataSource().getConnection()) {
                connection.setAutoCommit(false);
                try (Statement statement = connection.createStatement()) {
                    statement.execute("update model_access set is_pro = not is_pro");
                    statement.execute("update model_access set is_free = not is_free");
                }
                connection.commit();
            }

            signals.awaitOne("the signal for the committed transaction");
            assertThat(version()).isEqualTo(before + 1);
        }
    }

    @Test
    void aRolledBackChangeDoesNotMoveTheVersion() throws Exception {
        long before = version();
        try (Connection connection = schema.dataSource().getConnection()) {
            connection.setAutoCommit(false);
            try (Statement statement = connection.createStatement()) {
                statement.execute("update model_access set is_pro = not is_pro");
            }
            connection.rollback();
        }
        assertThat(version()).isEqualTo(before);
    }

    private static long version() throws Exception {
        return Long.parseLong(schema.strings("select version from model_access_catalog_version")
                .getFirst());
    }

    private static Duration timeToSignal(Signals signals, DataSource through) throws Exception {
        long started = System.nanoTime();
        try (Connection connection = through.getConnection();
                Statement statement = connection.createStatement()) {
            statement.execute("update model_access set is_pro = not is_pro where model_id = 'openai/gpt-4o'");
        }
        signals.awaitOne("the signal for the change");
        return Duration.ofNanos(System.nanoTime() - started);
    }

    private static void awaitPath(CatalogChangeFeed.Subscription subscription, Path path) {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (subscription.path() != path) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the feed never took path " + path + ", is " + subscription.path());
            }
            Thread.onSpinWait();
        }
    }

    private static String capturingStandardError(Supplier<Void> work) {
        PrintStream original = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            work.get();
        } finally {
            System.setErr(original);
        }
        String log = captured.toString(StandardCharsets.UTF_8);
        original.print(log);
        return log;
    }

    /** Counts signals; waits for them with a timeout. */
    static final class Signals implements Runnable {
        private final Semaphore permits = new Semaphore(0);

        @Override
        public void run() {
            permits.release();
        }

        void drain() {
            permits.drainPermits();
        }

        void awaitOne(String what) throws InterruptedException {
            assertThat(permits.tryAcquire(PATIENCE.toMillis(), TimeUnit.MILLISECONDS))
                    .as("waited for " + what)
                    .isTrue();
            permits.drainPermits();
        }
    }
}
