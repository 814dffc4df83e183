package dev.modelaccess.jooq;

import static dev.modelaccess.jooq.TestModels.model;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modelaccess.core.port.CatalogChangeFeed;
import dev.modelaccess.core.sync.UpstreamSnapshot;
import dev.modelaccess.testsupport.postgres.TestSchema;
import dev.modelaccess.testsupport.postgres.WithPostgres;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

@WithPostgres
class PostgresCatalogChangeFeedTest {

    static final Duration PATIENCE = Duration.ofSeconds(20);

    static TestSchema schema;

    @BeforeAll
    static void catalogWithOneModel() {
        ModelAccessSchema.migrate(schema.dataSource());
        Syncs.sync(
                JooqModelAccess.of(schema.dataSource()).store(),
                UpstreamSnapshot.of(List.of(model("openai/gpt-4o").build())),
                Instant.parse("2026-03-01T03:00:00Z"));
    }

    @Test
    void aChangeMadeWithPlainSqlReachesTheListener() throws Exception {
        Signals signals = new Signals();
        try (CatalogChangeFeed.Subscription subscription = feed().subscribe(signals)) {
            signals.awaitOne("the signal after connecting");

            schema.execute("update model_access set is_pro = not is_pro where model_id = 'openai/gpt-4o'");

            signals.awaitOne("the signal for the update");
        }
    }

    @Test
    void aCatalogRuleChangeReachesTheListenerSoEveryInstanceReloadsItsRules() throws Exception {
        Signals signals = new Signals();
        try (CatalogChangeFeed.Subscription subscription = feed().subscribe(signals)) {
            signals.awaitOne("the signal after connecting");

            JooqModelAccess.of(schema.dataSource())
                    .catalogPolicy()
                    .rules()
                    .replace(dev.modelaccess.core.policy.RuleSet.of(
                            dev.modelaccess.testsupport.policy.PolicySamples.issueRules()));

            signals.awaitOne("the signal for the rule change");
        }
    }

    @Test
    void killingTheListenersBackendLeadsToAReconnectAndAReloadSignal() throws Exception {
        Signals signals = new Signals();
        try (CatalogChangeFeed.Subscription subscription = feed().subscribe(signals)) {
            signals.awaitOne("the signal after connecting");

            assertThat(queryLong("select count(pg_terminate_backend(pid)) from pg_stat_activity"
                            + " where application_name = 'model-access change feed' and pid <> pg_backend_pid()"))
                    .isEqualTo(1);

            signals.awaitOne("the reload signal after reconnecting");
            schema.execute("update model_access set is_free = not is_free where model_id = 'openai/gpt-4o'");
            signals.awaitOne("the signal for an update after the reconnect");
        }
    }

    /**
     * A half-open connection (bytes no longer arrive, nothing is reset) must not hang the health check: the socket
     * timeout fails it and the feed reconnects.
     */
    @Test
    void aHalfOpenConnectionFailsTheHealthCheckWithinTheSocketTimeoutAndTheFeedReconnects() throws Exception {
        java.net.URI server = java.net.URI.create(schema.jdbcUrl().substring("jdbc:".length()));
        try (FreezingProxy proxy = new FreezingProxy(server.getHost(), server.getPort())) {
            String throughProxy =
                    schema.jdbcUrl().replace(server.getHost() + ":" + server.getPort(), "127.0.0.1:" + proxy.port());
            Signals signals = new Signals();
            PostgresCatalogChangeFeed feed = PostgresCatalogChangeFeed.fromJdbcUrl(
                            throughProxy, schema.user(), schema.password())
                    .withReconnectBackoff(Duration.ofMillis(20), Duration.ofMillis(200))
                    .withPollInterval(Duration.ofMillis(50))
                    .withHealthCheckInterval(Duration.ofMillis(200))
                    .withSocketTimeout(Duration.ofSeconds(1));
            try (CatalogChangeFeed.Subscription subscription = feed.subscribe(signals)) {
                signals.awaitOne("the signal after connecting");

                proxy.freezeOpenConnections();

                signals.awaitOne("the reload signal after reconnecting past the half-open connection");
                schema.execute("update model_access set is_pro = not is_pro where model_id = 'openai/gpt-4o'");
                signals.awaitOne("the signal for an update after the reconnect");
            }
        }
    }

    @Test
    void theDefaultReconnectBackoffIsCappedAtAFewSeconds() {
        assertThat(PostgresCatalogChangeFeed.DEFAULT_MAX_BACKOFF).isLessThanOrEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void aFeedThatChecksItsConnectionAfterEveryQuietPollStillDeliversChanges() throws Exception {
        Signals signals = new Signals();
        try (CatalogChangeFeed.Subscription subscription =
                feed().withHealthCheckInterval(Duration.ofMillis(1)).subscribe(signals)) {
            signals.awaitOne("the signal after connecting");

            schema.execute("update model_access set is_pro = not is_pro where model_id = 'openai/gpt-4o'");

            signals.awaitOne("the signal for the update");
        }
    }

    @Test
    void aFeedOnTheApplicationsDataSourceWorksTheSame() throws Exception {
        Signals signals = new Signals();
        CatalogChangeFeed feed =
                PostgresCatalogChangeFeed.fromDataSource(schema.dataSource()).withPollInterval(Duration.ofMillis(50));
        try (CatalogChangeFeed.Subscription subscription = feed.subscribe(signals)) {
            signals.awaitOne("the signal after connecting");

            schema.execute("delete from model_access where model_id = 'nobody/has-this'");

            signals.awaitOne("the signal for the delete (statement-level, even when no row matched)");
        }
    }

    @Test
    void aListenerThatThrowsDoesNotStopTheFeed() throws Exception {
        Signals signals = new Signals();
        Runnable failingFirst = () -> {
            signals.run();
            if (signals.total == 1) {
                throw new IllegalStateException("listener bug");
            }
        };
        try (CatalogChangeFeed.Subscription subscription = feed().subscribe(failingFirst)) {
            signals.awaitOne("the first signal, whose listener throws");

            schema.execute(
                    "update model_access set is_enterprise = not is_enterprise where model_id = 'openai/gpt-4o'");

            signals.awaitOne("a signal after the listener threw");
        }
    }

    @Test
    void closingReleasesTheConnectionAndClosingTwiceIsHarmless() throws Exception {
        Signals signals = new Signals();
        CatalogChangeFeed.Subscription subscription = feed().subscribe(signals);
        signals.awaitOne("the signal after connecting");

        subscription.close();
        subscription.close();

        long deadline = System.nanoTime() + PATIENCE.toNanos();
        long listening;
        do {
            listening = queryLong(
                    "select count(*) from pg_stat_activity where application_name = 'model-access change feed'");
        } while (listening > 0 && System.nanoTime() < deadline);
        assertThat(listening).as("feed sessions left on the server").isZero();
    }

    @Test
    void anUnreachableDatabaseDoesNotFailTheSubscriptionWhichRetriesUntilClosed() {
        Signals signals = new Signals();
        CatalogChangeFeed feed = PostgresCatalogChangeFeed.fromJdbcUrl(
                        "jdbc:postgresql://127.0.0.1:1/none?connectTimeout=1", "nobody", null)
                .withReconnectBackoff(Duration.ofMillis(10), Duration.ofMillis(40));

        CatalogChangeFeed.Subscription subscription = feed.subscribe(signals);
        long started = System.nanoTime();
        subscription.close();

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(PATIENCE);
        assertThat(signals.total).isZero();
    }

    @Test
    void settingsThatCannotWorkAreRefused() {
        assertThatThrownBy(() -> PostgresCatalogChangeFeed.fromJdbcUrl("jdbc:mysql://db/app", null, null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> feed().withReconnectBackoff(Duration.ofSeconds(2), Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> feed().withPollInterval(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> feed().withHealthCheckInterval(Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> feed().withSocketTimeout(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
    }

    private static PostgresCatalogChangeFeed feed() {
        return PostgresCatalogChangeFeed.fromJdbcUrl(schema.jdbcUrl(), schema.user(), schema.password())
                .withReconnectBackoff(Duration.ofMillis(20), Duration.ofMillis(200))
                .withPollInterval(Duration.ofMillis(50));
    }

    /** Counts signals; waits for them with a timeout. */
    static final class Signals implements Runnable {
        private final Semaphore permits = new Semaphore(0);
        volatile int total;

        @Override
        public void run() {
            total++;
            permits.release();
        }

        void awaitOne(String what) throws InterruptedException {
            assertThat(permits.tryAcquire(PATIENCE.toMillis(), TimeUnit.MILLISECONDS))
                    .as("waited for " + what)
                    .isTrue();
            permits.drainPermits();
        }
    }

    private static long queryLong(String sql) throws SQLException {
        return Long.parseLong(schema.strings(sql).getFirst());
    }
}
