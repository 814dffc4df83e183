package dev.modelaccess.spring;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import dev.modelaccess.core.notify.Channel;
import dev.modelaccess.core.notify.ModelUsage;
import dev.modelaccess.core.notify.NoticeKind;
import dev.modelaccess.core.notify.NoticeOutbox;
import dev.modelaccess.core.notify.NoticeRouting;
import dev.modelaccess.core.notify.Notifications;
import dev.modelaccess.core.notify.OutboxDispatcher;
import dev.modelaccess.core.notify.OutboxRecord;
import dev.modelaccess.core.notify.OutboxStatus;
import dev.modelaccess.core.notify.RetryPolicy;
import dev.modelaccess.core.port.ModelAccessStore;
import dev.modelaccess.core.sync.CatalogSync;
import dev.modelaccess.core.sync.SyncGuards;
import dev.modelaccess.core.sync.SyncOutcome;
import dev.modelaccess.core.sync.SyncTrigger;
import dev.modelaccess.core.sync.UpstreamSnapshot;
import dev.modelaccess.jooq.JooqModelAccess;
import dev.modelaccess.jooq.ModelAccessSchema;
import dev.modelaccess.testsupport.contract.SampleModels;
import dev.modelaccess.testsupport.postgres.TestSchema;
import dev.modelaccess.testsupport.postgres.WithPostgres;
import dev.modelaccess.testsupport.time.MutableClock;
import jakarta.mail.BodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.mail.javamail.JavaMailSenderImpl;

/** The email channel against a real SMTP server (GreenMail): the daily digest, immediate mails, a refusing server. */
@WithPostgres
class MailDigestTest {

    /** 2026-03-02 06:00 UTC; the digest is due at 08:00 UTC. */
    static final Instant T0 = Instant.parse("2026-03-02T06:00:00Z");

    TestSchema schema;

    private TestSchema target;
    private final MutableClock clock = new MutableClock(T0);
    private GreenMail smtp;
    private int port;

    @BeforeEach
    void start() throws IOException {
        target = schema.createSchema();
        ModelAccessSchema.migrate(target.dataSource());
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        smtp = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
    }

    @AfterEach
    void stop() {
        smtp.stop();
    }

    private OutboxDispatcher dispatcher() {
        return dispatcher(port);
    }

    private OutboxDispatcher dispatcher(int smtpPort) {
        JavaMailSenderImpl sender = new JavaMailSenderImpl();
        sender.setHost("127.0.0.1");
        sender.setPort(smtpPort);
        sender.getJavaMailProperties().put("mail.smtp.connectiontimeout", "2000");
        sender.getJavaMailProperties().put("mail.smtp.timeout", "2000");
        MailNoticeChannel mail = new MailNoticeChannel(
                sender, "model-access@example.com", List.of("admin@example.com"), "[model-access]", ZoneOffset.UTC);
        return new OutboxDispatcher(
                JooqModelAccess.of(target.dataSource()).noticeOutbox(),
                List.of(mail),
                new RetryPolicy(
                        Duration.ofSeconds(30), Duration.ofHours(1), Duration.ofHours(24), new SplittableRandom(3)),
                clock,
                Duration.ofMinutes(5),
                50);
    }

    private Notifications notifications() {
        return new Notifications(
                new Notifications.Settings(
                        new NoticeRouting(Set.of(Channel.EMAIL), Map.of(), LocalTime.of(8, 0), ZoneOffset.UTC),
                        new BigDecimal("0.10"),
                        "https://admin.example/console"),
                ModelUsage.UNKNOWN,
                clock);
    }

    private ModelAccessStore store() {
        return JooqModelAccess.of(target.dataSource()).store();
    }

    private NoticeOutbox outbox() {
        return JooqModelAccess.of(target.dataSource()).noticeOutbox();
    }

    @Test
    void aDaysDigestNoticesArriveAsOneMailWithHtmlAndPlainText() throws Exception {
        OutboxDispatcher dispatcher = dispatcher();
        // three syncs in the day, each adding models (digest by default), one of them repricing too
        sync(List.of(model("a/one", "0.000001"), model("a/two", "0.000001")));
        clock.advance(Duration.ofMinutes(30));
        dispatcher.drain(10);
        sync(List.of(model("a/one", "0.000002"), model("a/two", "0.000001"), model("b/three", "0.000001")));
        clock.advance(Duration.ofMinutes(30));
        store().inTransaction(tx -> tx.enqueueNotices(notifications().forRevokedKeys(2, 40)));
        dispatcher.drain(10);
        assertThat(smtp.getReceivedMessages())
                .as("nothing before the digest time")
                .isEmpty();

        clock.set(Instant.parse("2026-03-02T08:00:00Z"));
        dispatcher.drain(10);
        dispatcher.drain(10);

        MimeMessage[] mails = smtp.getReceivedMessages();
        assertThat(mails).hasSize(1);
        MimeMessage digest = mails[0];
        assertThat(digest.getSubject()).isEqualTo("[model-access] Daily digest for 2026-03-02: 4 notices");
        assertThat(digest.getAllRecipients()).extracting(Object::toString).containsExactly("admin@example.com");
        String plain = part(digest, "text/plain");
        String html = part(digest, "text/html");
        assertThat(plain)
                .contains("* 2 new models wait for review")
                .contains("* 1 new model waits for review")
                .contains("    b/three")
                .contains("* 1 model's price changed by more than 10%")
                .contains("* 2 user keys were found revoked by OpenRouter")
                .contains("https://admin.example/console/models?status=new");
        assertThat(html)
                .contains("<h3>2 new models wait for review</h3>")
                .contains("<li>a/one: prompt 0.000001 → 0.000002</li>")
                .contains("<a href=\"https://admin.example/console/models?status=new\">");
        assertThat(outbox().recent(Optional.empty(), 10))
                .hasSize(4)
                .allSatisfy(row -> assertThat(row.status()).isEqualTo(OutboxStatus.DELIVERED));

        // the next day's notices make the next day's mail
        clock.set(Instant.parse("2026-03-02T09:00:00Z"));
        store().inTransaction(tx -> tx.enqueueNotices(notifications().forRevokedKeys(1, 40)));
        clock.set(Instant.parse("2026-03-03T07:59:59Z"));
        dispatcher.drain(10);
        assertThat(smtp.getReceivedMessages()).hasSize(1);
        clock.set(Instant.parse("2026-03-03T08:00:00Z"));
        dispatcher.drain(10);
        assertThat(smtp.getReceivedMessages()).hasSize(2);
        assertThat(smtp.getReceivedMessages()[1].getSubject())
                .isEqualTo("[model-access] Daily digest for 2026-03-03: 1 notice");
    }

    @Test
    void aVanishedModelIsMailedAtOnce() throws Exception {
        sync(List.of(model("a/one", "0.000001"), model("a/two", "0.000001")));
        clock.advance(Duration.ofMinutes(1));
        sync(List.of(model("a/one", "0.000001")));

        dispatcher().drain(10);

        assertThat(smtp.getReceivedMessages())
                .singleElement()
                .satisfies(mail -> assertThat(mail.getSubject()).isEqualTo("[model-access] 1 model vanished upstream"));
        assertThat(part(smtp.getReceivedMessages()[0], "text/plain"))
                .contains("a/two: unknown users with it as default, unknown bound resources");
    }

    @Test
    void anSmtpServerThatIsDownIsRecordedRetriedAndVisibleThenTheMailArrivesOnce() throws Exception {
        sync(List.of(model("a/one", "0.000001"), model("a/two", "0.000001")));
        clock.advance(Duration.ofMinutes(1));
        sync(List.of(model("a/two", "0.000001")));
        smtp.stop();
        OutboxDispatcher dispatcher = dispatcher();

        assertThat(dispatcher.drain(10).failed()).isEqualTo(1);

        OutboxRecord failed = outbox().recent(Optional.of(OutboxStatus.PENDING), 10).stream()
                .filter(row -> row.kind().equals(NoticeKind.MODELS_VANISHED.type()))
                .findFirst()
                .orElseThrow();
        assertThat(failed.attempts()).isEqualTo(1);
        assertThat(failed.lastError()).startsWith("The SMTP server did not take the mail");
        assertThat(outbox().attempts(failed.entryId()))
                .singleElement()
                .satisfies(attempt -> assertThat(attempt.delivered()).isFalse());

        smtp = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        clock.advance(Duration.ofMinutes(1));
        dispatcher.drain(10);
        dispatcher.drain(10);

        assertThat(smtp.getReceivedMessages()).hasSize(1);
        assertThat(outbox().attempts(failed.entryId()))
                .extracting(attempt -> attempt.delivered())
                .containsExactly(false, true);
    }

    @Test
    void anSmtpServerThatRefusesTheMailIsRecordedWithItsReasonRetriedLaterAndVisible() throws Exception {
        sync(List.of(model("a/one", "0.000001"), model("a/two", "0.000001")));
        clock.advance(Duration.ofMinutes(1));
        sync(List.of(model("a/two", "0.000001")));
        try (LoopbackSmtp refusing = new LoopbackSmtp()) {
            OutboxDispatcher dispatcher = dispatcher(refusing.port());

            assertThat(dispatcher.drain(10).failed()).isEqualTo(1);

            assertThat(refusing.refused())
                    .as("the server was reached and refused the message")
                    .isEqualTo(1);
            OutboxRecord failed = vanished(OutboxStatus.PENDING);
            assertThat(failed.attempts()).isEqualTo(1);
            assertThat(failed.lastError())
                    .startsWith("The SMTP server did not take the mail")
                    .contains(LoopbackSmtp.REFUSAL);
            assertThat(failed.dueAt()).as("retried later, not at once").isAfter(clock.instant());
            assertThat(outbox().attempts(failed.entryId())).singleElement().satisfies(attempt -> {
                assertThat(attempt.delivered()).isFalse();
                assertThat(attempt.error()).contains("554 5.7.1 Message refused by policy");
            });

            dispatcher.drain(10);
            assertThat(refusing.refused())
                    .as("nothing is sent again before it is due")
                    .isEqualTo(1);

            refusing.accept();
            clock.set(failed.dueAt());
            dispatcher.drain(10);
            dispatcher.drain(10);

            assertThat(refusing.accepted())
                    .singleElement()
                    .satisfies(mail -> assertThat(mail).contains("1 model vanished upstream"));
            assertThat(vanished(OutboxStatus.DELIVERED).attempts()).isEqualTo(2);
            assertThat(outbox().attempts(failed.entryId()))
                    .extracting(attempt -> attempt.delivered())
                    .containsExactly(false, true);
        }
    }

    private OutboxRecord vanished(OutboxStatus status) {
        return outbox().recent(Optional.of(status), 10).stream()
                .filter(row -> row.kind().equals(NoticeKind.MODELS_VANISHED.type()))
                .findFirst()
                .orElseThrow();
    }

    private void sync(List<dev.modelaccess.core.catalog.UpstreamModel> upstream) {
        CatalogSync sync = new CatalogSync(
                () -> UpstreamSnapshot.of(upstream),
                store(),
                new SyncGuards(0, 1),
                clock,
                UUID::randomUUID,
                notifications());
        assertThat(sync.run(SyncTrigger.MANUAL, true)).isInstanceOf(SyncOutcome.Succeeded.class);
    }

    private static dev.modelaccess.core.catalog.UpstreamModel model(String id, String prompt) {
        return SampleModels.model(id).price("prompt", prompt).build();
    }

    private static String part(MimeMessage mail, String type) throws Exception {
        String found = find((MimeMultipart) mail.getContent(), type);
        assertThat(found).as(type).isNotNull();
        return java.util.Objects.requireNonNull(found);
    }

    private static @org.jspecify.annotations.Nullable String find(MimeMultipart multipart, String type)
            throws Exception {
        for (int i = 0; i < multipart.getCount(); i++) {
            BodyPart part = multipart.getBodyPart(i);
            if (part.getContent() instanceof MimeMultipart nested) {
                String found = find(nested, type);
                if (found != null) {
                    return found;
                }
            } else if (part.isMimeType(type)) {
                return (String) part.getContent();
            }
        }
        return null;
    }
}
