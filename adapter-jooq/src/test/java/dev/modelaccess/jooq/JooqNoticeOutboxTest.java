package dev.modelaccess.jooq;

import static dev.modelaccess.jooq.TestModels.T0;
import static org.assertj.core.api.Assertions.assertThat;

import dev.modelaccess.core.catalog.UpstreamModel;
import dev.modelaccess.core.notify.Channel;
import dev.modelaccess.core.notify.ClaimedNotice;
import dev.modelaccess.core.notify.DeliveryAttempt;
import dev.modelaccess.core.notify.ModelUsage;
import dev.modelaccess.core.notify.NoticeOutbox;
import dev.modelaccess.core.notify.NoticeRouting;
import dev.modelaccess.core.notify.Notifications;
import dev.modelaccess.core.notify.OutboxEntry;
import dev.modelaccess.core.notify.OutboxRecord;
import dev.modelaccess.core.notify.OutboxStatus;
import dev.modelaccess.core.port.ModelAccessStore;
import dev.modelaccess.core.sync.CatalogSync;
import dev.modelaccess.core.sync.SyncGuards;
import dev.modelaccess.core.sync.SyncOutcome;
import dev.modelaccess.core.sync.SyncTrigger;
import dev.modelaccess.core.sync.UpstreamSnapshot;
import dev.modelaccess.testsupport.postgres.TestSchema;
import dev.modelaccess.testsupport.postgres.WithPostgres;
import dev.modelaccess.testsupport.time.MutableClock;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The outbox on PostgreSQL: written in the sync's transaction with one statement, claimed once, retried, resent. */
@WithPostgres
class JooqNoticeOutboxTest {

    static DataSource dataSource;
    static TestSchema schema;

    private static final NoticeRouting ALL_CHANNELS =
            new NoticeRouting(EnumSet.allOf(Channel.class), Map.of(), LocalTime.of(8, 0), ZoneOffset.UTC);

    private final MutableClock clock = new MutableClock(T0);

    @BeforeAll
    static void migrate() {
        ModelAccessSchema.migrate(dataSource);
    }

    @BeforeEach
    void emptyTables() throws SQLException {
        try (Connection connection = dataSource.getConnection();
                Statement statement = connection.createStatement()) {
            statement.execute("truncate model_access, model_access_events, sync_runs, model_access_outbox cascade");
        }
    }

    @Test
    void aSyncWritesAllItsNoticesWithOneMoreStatementInItsOwnTransaction() throws SQLException {
        List<UpstreamModel> before = TestModels.synthetic("m", 200);
        List<UpstreamModel> after = new ArrayList<>(before.subList(50, 200)); // 50 vanish
        for (int i = 0; i < 50; i++) {
            after.set(i, TestModels.repriced(after.get(i), "0.5")); // 50 repriced well beyond 10 %
        }
        after.addAll(TestModels.synthetic("fresh", 300)); // 300 new

        int without = statementsOfSecondSync(before, after, Notifications.off());
        emptyTables();
        int with = statementsOfSecondSync(before, after, notifications(ModelUsage.UNKNOWN));

        System.out.printf(
                "Sync transaction: %d statements without notices, %d with 3 notices on 3 channels%n", without, with);
        assertThat(with).as("statements of the sync's transaction with notices").isEqualTo(without + 1);
        assertThat(count("select count(*) from model_access_outbox"))
                .as("the first sync's notice and the second's 3, on 3 channels")
                .isEqualTo(12);
        assertThat(count("select count(distinct notice_id) from model_access_outbox"))
                .isEqualTo(4);
        assertThat(count("select count(*) from model_access_outbox where kind = 'models.awaiting_review'"
                        + " and (payload->>'count')::int = 300 and channel = 'email' and delivery = 'digest'"))
                .isEqualTo(1);
        assertThat(count("select count(*) from model_access_outbox where kind = 'models.vanished'"
                        + " and (payload->>'count')::int = 50 and payload->'usage_known'->>'users_with_default' ="
                        + " 'false' and delivery = 'immediate'"))
                .isEqualTo(3);
        assertThat(count("select count(*) from model_access_outbox where kind = 'prices.changed'"
                        + " and (payload->>'count')::int = 50 and cardinality(lines) = 20"))
                .isEqualTo(3);
    }

    @Test
    void aNoticeIsRolledBackWithTheChangeItReports() {
        ModelAccessStore store = JooqModelAccess.of(dataSource).store();
        List<OutboxEntry> entries = notifications(ModelUsage.UNKNOWN).forRevokedKeys(2, 10);

        try {
            store.inTransaction(tx -> {
                tx.enqueueNotices(entries);
                throw new IllegalStateException("the change failed");
            });
        } catch (RuntimeException expected) {
            assertThat(expected).hasMessageContaining("the change failed");
        }

        assertThat(count("select count(*) from model_access_outbox")).isZero();
    }

    @Test
    void aDedupeKeyIsWrittenOncePerChannel() {
        ModelAccessStore store = JooqModelAccess.of(dataSource).store();
        store.inTransaction(tx -> tx.enqueueNotices(expiring("openai/gpt-4", 7)));

        int again = store.inTransaction(tx -> tx.enqueueNotices(expiring("openai/gpt-4", 7)));
        int otherLead = store.inTransaction(tx -> tx.enqueueNotices(expiring("openai/gpt-4", 1)));

        assertThat(again).isZero();
        assertThat(otherLead).isEqualTo(3);
        assertThat(count("select count(*) from model_access_outbox")).isEqualTo(6);
    }

    @Test
    void twoClaimersRacingGetDisjointEntriesAndALeaseKeepsThemUntilItEnds() throws Exception {
        NoticeOutbox outbox = JooqModelAccess.of(dataSource).noticeOutbox();
        enqueueRevoked(200);
        CountDownLatch start = new CountDownLatch(1);
        List<CompletableFuture<List<ClaimedNotice>>> claims = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            claims.add(CompletableFuture.supplyAsync(() -> {
                await(start);
                return outbox.claim(Channel.WEBHOOK, T0, Duration.ofMinutes(5), 80, UUID.randomUUID());
            }));
        }
        start.countDown();
        List<UUID> claimed = new ArrayList<>();
        for (var claim : claims) {
            claimed.addAll(claim.get().stream().map(ClaimedNotice::entryId).toList());
        }

        assertThat(claimed).hasSize(200).doesNotHaveDuplicates();
        assertThat(outbox.claim(Channel.WEBHOOK, T0.plusSeconds(299), Duration.ofMinutes(5), 500, UUID.randomUUID()))
                .as("within the lease")
                .isEmpty();
        assertThat(outbox.claim(Channel.WEBHOOK, T0.plusSeconds(300), Duration.ofMinutes(5), 500, UUID.randomUUID()))
                .as("once the lease ended")
                .hasSize(200);
    }

    @Test
    void aFailedAttemptIsRecordedAndRetriedADeadLetterIsResentOnlyByTheAdmin() {
        NoticeOutbox outbox = JooqModelAccess.of(dataSource).noticeOutbox();
        enqueueRevoked(1);
        UUID claim = UUID.randomUUID();
        ClaimedNotice entry = outbox.claim(Channel.SLACK, T0, Duration.ofMinutes(1), 10, claim)
                .getFirst();

        outbox.failed(
                List.of(entry.entryId()),
                claim,
                T0,
                Duration.ofMillis(12),
                "HTTP 500",
                Optional.of(T0.plusSeconds(30)));
        assertThat(outbox.claim(Channel.SLACK, T0.plusSeconds(29), Duration.ofMinutes(1), 10, UUID.randomUUID()))
                .isEmpty();
        UUID second = UUID.randomUUID();
        ClaimedNotice retried = outbox.claim(Channel.SLACK, T0.plusSeconds(30), Duration.ofMinutes(1), 10, second)
                .getFirst();
        assertThat(retried.attempts()).isEqualTo(1);
        outbox.failed(
                List.of(entry.entryId()),
                second,
                T0.plusSeconds(31),
                Duration.ofMillis(5),
                "timed out",
                Optional.empty());

        OutboxRecord dead = outbox.recent(Optional.of(OutboxStatus.DEAD), 10).getFirst();
        assertThat(dead.entryId()).isEqualTo(entry.entryId());
        assertThat(dead.attempts()).isEqualTo(2);
        assertThat(dead.lastError()).isEqualTo("timed out");
        assertThat(outbox.entry(entry.entryId())).contains(dead);
        assertThat(outbox.entry(UUID.randomUUID())).as("no such entry").isEmpty();
        assertThat(outbox.attempts(entry.entryId()))
                .extracting(DeliveryAttempt::attempt, DeliveryAttempt::delivered, DeliveryAttempt::error)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(1, false, "HTTP 500"),
                        org.assertj.core.groups.Tuple.tuple(2, false, "timed out"));
        assertThat(outbox.claim(
                        Channel.SLACK, T0.plus(Duration.ofDays(3)), Duration.ofMinutes(1), 10, UUID.randomUUID()))
                .as("a dead letter is never claimed")
                .isEmpty();

        assertThat(outbox.resend(entry.entryId(), T0.plus(Duration.ofDays(3)))).isTrue();
        assertThat(outbox.resend(UUID.randomUUID(), T0)).isFalse();
        UUID third = UUID.randomUUID();
        ClaimedNotice resent = outbox.claim(
                        Channel.SLACK, T0.plus(Duration.ofDays(3)), Duration.ofMinutes(1), 10, third)
                .getFirst();
        assertThat(resent.firstDueAt()).isEqualTo(T0.plus(Duration.ofDays(3)));
        assertThat(outbox.delivered(Map.of(entry.entryId(), Duration.ofMillis(3)), third, T0.plus(Duration.ofDays(3))))
                .isEqualTo(1);
        assertThat(outbox.recent(Optional.of(OutboxStatus.DELIVERED), 10)).hasSize(1);
    }

    @Test
    void aClaimWhoseLeaseWasTakenOverRecordsNothing() {
        NoticeOutbox outbox = JooqModelAccess.of(dataSource).noticeOutbox();
        enqueueRevoked(1);
        UUID slow = UUID.randomUUID();
        ClaimedNotice entry = outbox.claim(Channel.WEBHOOK, T0, Duration.ofMinutes(1), 10, slow)
                .getFirst();
        UUID next = UUID.randomUUID();
        outbox.claim(Channel.WEBHOOK, T0.plusSeconds(61), Duration.ofMinutes(1), 10, next);

        assertThat(outbox.delivered(Map.of(entry.entryId(), Duration.ZERO), slow, T0.plusSeconds(70)))
                .isZero();
        assertThat(outbox.delivered(Map.of(entry.entryId(), Duration.ZERO), next, T0.plusSeconds(70)))
                .isEqualTo(1);
    }

    @Test
    void aModelExpiringIsNotifiedOncePerLeadTimeTheTightestItFallsWithin() {
        ModelAccessStore store = JooqModelAccess.of(dataSource).store();
        Syncs.sync(
                store,
                UpstreamSnapshot.of(List.of(
                        TestModels.model("old/soon")
                                .expirationDate("2026-04-10")
                                .build(),
                        TestModels.model("old/later")
                                .expirationDate("2026-09-01")
                                .build(),
                        TestModels.model("old/never").build())),
                T0);
        var expiry = new dev.modelaccess.core.notify.ExpiryNotices(
                store, notifications(ModelUsage.UNKNOWN), List.of(30, 7, 1), clock);

        clock.set(Instant.parse("2026-03-10T06:00:00Z")); // 31 days left
        assertThat(expiry.check()).isZero();
        clock.set(Instant.parse("2026-03-11T06:00:00Z")); // 30 days
        assertThat(expiry.check()).as("one notice on 3 channels").isEqualTo(3);
        assertThat(expiry.check()).as("the same day again").isZero();
        clock.set(Instant.parse("2026-03-25T06:00:00Z")); // 16 days
        assertThat(expiry.check()).isZero();
        clock.set(Instant.parse("2026-04-05T06:00:00Z")); // 5 days: the 7-day notice, missed on day 7
        assertThat(expiry.check()).isEqualTo(3);
        clock.set(Instant.parse("2026-04-06T06:00:00Z"));
        assertThat(expiry.check()).isZero();
        clock.set(Instant.parse("2026-04-09T06:00:00Z")); // 1 day
        assertThat(expiry.check()).isEqualTo(3);
        clock.set(Instant.parse("2026-04-11T06:00:00Z")); // passed
        assertThat(expiry.check()).isZero();

        assertThat(count("select count(*) from model_access_outbox where channel = 'webhook'"
                        + " and payload->>'model_id' = 'old/soon'"))
                .isEqualTo(3);
        assertThat(count("select count(distinct payload->>'lead_days') from model_access_outbox"
                        + " where channel = 'webhook' and payload->>'lead_days' in ('30', '7', '1')"))
                .isEqualTo(3);
    }

    private int statementsOfSecondSync(List<UpstreamModel> before, List<UpstreamModel> after, Notifications notices) {
        StatementLog log = new StatementLog();
        ModelAccessStore store = new JooqModelAccessStore(log.on(dataSource));
        CatalogSync first = new CatalogSync(
                () -> UpstreamSnapshot.of(before), store, new SyncGuards(0, 1), clock, UUID::randomUUID, notices);
        assertThat(first.run(SyncTrigger.MANUAL, true)).isInstanceOf(SyncOutcome.Succeeded.class);
        clock.advance(Duration.ofHours(1));
        log.clear();
        CatalogSync second = new CatalogSync(
                () -> UpstreamSnapshot.of(after), store, new SyncGuards(0, 1), clock, UUID::randomUUID, notices);
        assertThat(second.run(SyncTrigger.MANUAL, true)).isInstanceOf(SyncOutcome.Succeeded.class);
        return log.statements().size();
    }

    private Notifications notifications(ModelUsage usage) {
        return new Notifications(
                new Notifications.Settings(ALL_CHANNELS, new BigDecimal("0.10"), "https://admin.example/console"),
                usage,
                clock);
    }

    private List<OutboxEntry> expiring(String modelId, int lead) {
        var model = new dev.modelaccess.core.catalog.CatalogModel(
                UUID.randomUUID(),
                TestModels.model(modelId).build(),
                "f",
                dev.modelaccess.core.catalog.ModelStatus.NEW,
                null,
                dev.modelaccess.core.catalog.TierFlags.NONE,
                T0,
                T0,
                null,
                T0,
                null,
                null,
                T0,
                T0);
        return notifications(ModelUsage.UNKNOWN)
                .forExpiring(model, java.time.LocalDate.of(2026, 3, 5), java.time.LocalDate.of(2026, 3, 1), lead);
    }

    private void enqueueRevoked(int notices) {
        ModelAccessStore store = JooqModelAccess.of(dataSource).store();
        List<OutboxEntry> entries = new ArrayList<>();
        for (int i = 0; i < notices; i++) {
            entries.addAll(notifications(ModelUsage.UNKNOWN).forRevokedKeys(1 + i, 100));
        }
        store.inTransaction(tx -> tx.enqueueNotices(entries));
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static long count(String sql) {
        try (Connection connection = dataSource.getConnection();
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
