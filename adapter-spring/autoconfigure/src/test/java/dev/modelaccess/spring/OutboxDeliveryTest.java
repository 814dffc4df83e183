package dev.modelaccess.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modelaccess.core.notify.Channel;
import dev.modelaccess.core.notify.ModelUsage;
import dev.modelaccess.core.notify.NoticeChannel;
import dev.modelaccess.core.notify.NoticeOutbox;
import dev.modelaccess.core.notify.NoticeRouting;
import dev.modelaccess.core.notify.Notifications;
import dev.modelaccess.core.notify.OutboxDispatcher;
import dev.modelaccess.core.notify.OutboxEntry;
import dev.modelaccess.core.notify.OutboxRecord;
import dev.modelaccess.core.notify.OutboxStatus;
import dev.modelaccess.core.notify.RetryPolicy;
import dev.modelaccess.core.port.ModelAccessStore;
import dev.modelaccess.jooq.JooqModelAccess;
import dev.modelaccess.jooq.ModelAccessSchema;
import dev.modelaccess.notify.HttpNoticeChannels;
import dev.modelaccess.testsupport.http.WebhookReceiver;
import dev.modelaccess.testsupport.postgres.TestSchema;
import dev.modelaccess.testsupport.postgres.WithPostgres;
import dev.modelaccess.testsupport.time.MutableClock;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The outbox delivered over real HTTP to a signature-checking receiver on loopback, from real PostgreSQL, with the
 * time of a clock moved by hand: restarts, outages, 500s, hangs, two instances, dead letters.
 */
@WithPostgres
class OutboxDeliveryTest {

    static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");

    TestSchema schema;

    private TestSchema target;
    private final MutableClock clock = new MutableClock(T0);
    private final WebhookReceiver receiver = WebhookReceiver.start(SECRET);

    @BeforeEach
    void freshSchema() {
        target = schema.createSchema();
        ModelAccessSchema.migrate(target.dataSource());
    }

    @AfterEach
    void stopReceiver() {
        receiver.close();
    }

    /** One application instance: its own store, outbox, channels and dispatcher on the shared database. */
    private OutboxDispatcher instance(Duration requestTimeout) {
        JooqModelAccess postgres = JooqModelAccess.of(target.dataSource());
        HttpNoticeChannels http = new HttpNoticeChannels(
                new HttpNoticeChannels.Settings(Duration.ofSeconds(2), requestTimeout, true), clock);
        NoticeChannel webhook = http.webhook(receiver.url(), SECRET);
        return new OutboxDispatcher(
                postgres.noticeOutbox(),
                List.of(webhook),
                new RetryPolicy(
                        Duration.ofSeconds(30), Duration.ofHours(1), Duration.ofHours(24), new SplittableRandom(7)),
                clock,
                Duration.ofMinutes(5),
                50);
    }

    private OutboxDispatcher instance() {
        return instance(Duration.ofSeconds(5));
    }

    private NoticeOutbox outbox() {
        return JooqModelAccess.of(target.dataSource()).noticeOutbox();
    }

    /** {@code count} notices written by a store transaction, as a sync would. */
    private List<String> enqueue(int count) {
        ModelAccessStore store = JooqModelAccess.of(target.dataSource()).store();
        Notifications notifications = new Notifications(
                new Notifications.Settings(
                        new NoticeRouting(Set.of(Channel.WEBHOOK), Map.of(), LocalTime.of(8, 0), ZoneOffset.UTC),
                        new BigDecimal("0.1"),
                        "https://admin.example/console"),
                ModelUsage.UNKNOWN,
                clock);
        List<OutboxEntry> entries = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            entries.addAll(notifications.forRevokedKeys(i + 1, 1000));
        }
        store.inTransaction(tx -> tx.enqueueNotices(entries));
        return entries.stream().map(entry -> entry.notice().id().toString()).toList();
    }

    @Test
    void aReceiverDownAcrossARestartGetsEveryNoticeExactlyOnceWhenItIsBack() {
        List<String> ids = enqueue(20);
        receiver.down();

        OutboxDispatcher first = instance();
        for (int minute = 0; minute < 30; minute++) {
            first.drain(10);
            clock.advance(Duration.ofMinutes(1));
        }
        // the application restarts: a new instance, nothing kept but the database
        OutboxDispatcher second = instance();
        for (int minute = 30; minute < 60; minute++) {
            second.drain(10);
            clock.advance(Duration.ofMinutes(1));
        }
        assertThat(receiver.received()).as("nothing got through while down").isEmpty();
        receiver.up();
        for (int minute = 60; minute < 180 && receiver.accepted().size() < ids.size(); minute++) {
            second.drain(10);
            clock.advance(Duration.ofMinutes(1));
        }

        assertThat(receiver.accepted())
                .allSatisfy(got -> assertThat(got.signatureValid()).isTrue())
                .extracting(WebhookReceiver.Received::id)
                .containsExactlyInAnyOrderElementsOf(ids);
        List<OutboxRecord> rows = outbox().recent(Optional.empty(), 100);
        assertThat(rows).allSatisfy(row -> {
            assertThat(row.status()).isEqualTo(OutboxStatus.DELIVERED);
            assertThat(row.attempts())
                    .as("failed attempts while down, then one success")
                    .isGreaterThan(3);
        });
        assertThat(outbox().attempts(rows.getFirst().entryId()))
                .last()
                .satisfies(attempt -> assertThat(attempt.delivered()).isTrue());
        assertThat(outbox().attempts(rows.getFirst().entryId()).getFirst().error())
                .startsWith("The webhook receiver could not be reached");
    }

    @Test
    void aReceiverAnswering500IsRetriedWithBackoffAndGetsTheNoticeOnceItAccepts() {
        List<String> ids = enqueue(1);
        receiver.mode(WebhookReceiver.Mode.FAIL);
        OutboxDispatcher dispatcher = instance();

        assertThat(dispatcher.drain(10).failed()).isEqualTo(1);
        assertThat(dispatcher.drain(10).claimed())
                .as("not due again before its backoff")
                .isZero();
        clock.advance(Duration.ofSeconds(30));
        assertThat(dispatcher.drain(10).failed())
                .as("jitter: due within the backoff")
                .isEqualTo(1);
        receiver.mode(WebhookReceiver.Mode.ACCEPT);
        clock.advance(Duration.ofMinutes(1));
        dispatcher.drain(10);
        dispatcher.drain(10);

        assertThat(receiver.accepted()).extracting(WebhookReceiver.Received::id).containsExactlyElementsOf(ids);
        OutboxRecord row = outbox().recent(Optional.empty(), 1).getFirst();
        assertThat(outbox().attempts(row.entryId()))
                .extracting(attempt -> attempt.error() == null ? "delivered" : attempt.error())
                .containsExactly(
                        "The webhook receiver answered HTTP 500",
                        "The webhook receiver answered HTTP 500",
                        "delivered");
    }

    @Test
    void aHangingReceiverCostsOneBoundedTimeoutAndTheNoticeWaits() {
        enqueue(1);
        receiver.mode(WebhookReceiver.Mode.HANG);
        OutboxDispatcher dispatcher = instance(Duration.ofMillis(300));
        long start = System.nanoTime();

        OutboxDispatcher.Pass pass = dispatcher.dispatchOnce();

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
        assertThat(pass.failed()).isEqualTo(1);
        OutboxRecord row = outbox().recent(Optional.empty(), 1).getFirst();
        assertThat(row.status()).isEqualTo(OutboxStatus.PENDING);
        assertThat(row.lastError()).isEqualTo("The webhook receiver did not answer within 300 ms");
        receiver.mode(WebhookReceiver.Mode.ACCEPT);
        clock.advance(Duration.ofMinutes(2));
        dispatcher.drain(10);
        assertThat(outbox().recent(Optional.of(OutboxStatus.DELIVERED), 10)).hasSize(1);
    }

    @Test
    void aNoticeStillFailingAfter24HoursIsADeadLetterAndTheAdminCanSendItAgain() {
        List<String> ids = enqueue(1);
        receiver.mode(WebhookReceiver.Mode.FAIL);
        OutboxDispatcher dispatcher = instance();
        for (int minute = 0; minute <= 25 * 60; minute += 5) {
            dispatcher.drain(10);
            clock.advance(Duration.ofMinutes(5));
        }
        OutboxRecord dead = outbox().recent(Optional.of(OutboxStatus.DEAD), 10).getFirst();
        int attempts = dead.attempts();
        assertThat(outbox().attempts(dead.entryId())).hasSize(attempts);
        assertThat(dead.lastAttemptAt()).isBetween(T0.plus(Duration.ofHours(24)), T0.plus(Duration.ofHours(25)));
        clock.advance(Duration.ofDays(2));
        assertThat(dispatcher.drain(10).claimed())
                .as("a dead letter waits for the admin")
                .isZero();

        receiver.mode(WebhookReceiver.Mode.ACCEPT);
        assertThat(outbox().resend(dead.entryId(), clock.instant())).isTrue();
        dispatcher.drain(10);

        assertThat(receiver.accepted()).extracting(WebhookReceiver.Received::id).containsExactlyElementsOf(ids);
        assertThat(outbox().recent(Optional.of(OutboxStatus.DELIVERED), 10))
                .singleElement()
                .satisfies(row -> assertThat(row.attempts()).isEqualTo(attempts + 1));
    }

    @Test
    void twoInstancesSharingTheDatabaseAndTheReceiverDeliverEachNoticeOnce() throws Exception {
        List<String> ids = enqueue(600);
        List<OutboxDispatcher> instances = List.of(instance(), instance());

        Duration took = race(instances);

        Map<String, Long> deliveries = receiver.accepted().stream()
                .collect(Collectors.groupingBy(WebhookReceiver.Received::id, Collectors.counting()));
        assertThat(deliveries.keySet()).containsExactlyInAnyOrderElementsOf(ids);
        assertThat(deliveries.values()).containsOnly(1L);
        assertThat(receiver.accepted())
                .allSatisfy(got -> assertThat(got.signatureValid()).isTrue());
        assertThat(took).isLessThan(Duration.ofSeconds(60));
    }

    /**
     * The benchmark: 10,000 queued notices delivered through two dispatchers, each on its own thread with its own
     * outbox and HTTP client, to one receiver on loopback. Prints the time taken.
     */
    @Test
    void tenThousandQueuedNoticesGoThroughTwoDispatchersInUnderAMinute() throws Exception {
        List<String> ids = enqueue(10_000);
        List<OutboxDispatcher> instances = List.of(instance(), instance());

        Duration took = race(instances);

        System.out.printf(
                "Outbox benchmark: %d notices through 2 dispatchers in %d ms (%.0f/s)%n",
                ids.size(), took.toMillis(), ids.size() * 1000.0 / Math.max(1, took.toMillis()));
        Map<String, Long> deliveries = receiver.accepted().stream()
                .collect(Collectors.groupingBy(WebhookReceiver.Received::id, Collectors.counting()));
        assertThat(deliveries).hasSize(10_000);
        assertThat(deliveries.values()).containsOnly(1L);
        assertThat(took).isLessThan(Duration.ofSeconds(60));
    }

    /** Runs every dispatcher on its own thread until none finds anything due. */
    private static Duration race(List<OutboxDispatcher> dispatchers) throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        List<CompletableFuture<Integer>> runs = dispatchers.stream()
                .map(dispatcher -> CompletableFuture.supplyAsync(() -> {
                    try {
                        start.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    return dispatcher.drain(Integer.MAX_VALUE).delivered();
                }))
                .toList();
        long begin = System.nanoTime();
        start.countDown();
        int delivered = runs.stream()
                .map(CompletableFuture::join)
                .mapToInt(Integer::intValue)
                .sum();
        Duration took = Duration.ofNanos(System.nanoTime() - begin);
        assertThat(runs)
                .allSatisfy(run -> assertThat(run.join())
                        .as("both dispatchers delivered some")
                        .isPositive());
        assertThat(delivered).isPositive();
        return took;
    }
}
