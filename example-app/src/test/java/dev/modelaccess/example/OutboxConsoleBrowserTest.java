package dev.modelaccess.example;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modelaccess.core.notify.Channel;
import dev.modelaccess.core.notify.ClaimedNotice;
import dev.modelaccess.core.notify.Delivery;
import dev.modelaccess.core.notify.Notice;
import dev.modelaccess.core.notify.NoticeKind;
import dev.modelaccess.core.notify.NoticeOutbox;
import dev.modelaccess.core.notify.OutboxEntry;
import dev.modelaccess.core.port.ModelAccessStore;
import dev.modelaccess.testsupport.openrouter.LocalOpenRouter;
import dev.modelaccess.testsupport.postgres.TestSchema;
import dev.modelaccess.testsupport.postgres.WithPostgres;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.support.ui.Select;

/**
 * The console's notifications page in headless Chromium against the example app on PostgreSQL, with real outbox rows
 * written and attempted through the outbox port: one delivered, one failing (pending after two failed attempts), one
 * dead letter. The admin sees each with its last error and next attempt, reads the attempts of one, filters by
 * status, and sends the dead letter again (then pending in the database). The signed webhook is configured, and
 * neither its URL nor its secret appears on the page or in the API's answers. An empty outbox and an unreachable API
 * each say so. Screenshots at 1280 and 390 px under {@code target/console-screenshots/}.
 */
@WithPostgres
@ExtendWith(Browser.class)
class OutboxConsoleBrowserTest {

    static final UUID ADMIN = UUID.fromString("c0000000-0000-4000-8000-0000000002ad");
    static final String WEBHOOK_SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    static final String WEBHOOK_PATH = "/hooks/t0k3n-in-the-path-9f2c";

    static TestSchema schema;
    static LocalOpenRouter openRouter;
    static RunningApp app;
    static DSLContext dsl;
    static Browser browser;

    @BeforeAll
    static void start() throws Exception {
        openRouter = ExampleOpenRouter.serving(ExampleOpenRouter.models("acme/alpha"));
        app = RunningApp.start(
                schema,
                openRouter,
                "modelaccess.web.enabled=true",
                "modelaccess.web.console.enabled=true",
                "modelaccess.notifications.webhook.enabled=true",
                // never resolves, and the dispatcher runs once at the start (empty outbox), then not for an hour:
                // the rows below keep the state the test gives them
                "modelaccess.notifications.webhook.url=https://receiver.example.invalid" + WEBHOOK_PATH,
                "modelaccess.notifications.webhook.secret=" + WEBHOOK_SECRET,
                "modelaccess.notifications.dispatch-interval=1h",
                "modelaccess.notifications.expiry-check-interval=1h");
        dsl = DSL.using(schema.dataSource(), SQLDialect.POSTGRES);
        dsl.execute("insert into profiles (id, tier) values (?, 'enterprise')", ADMIN);
        browser = Browser.start();
    }

    @AfterAll
    static void stop() {
        RunningApp.closeAll(browser, app, openRouter);
    }

    @BeforeEach
    void reset() {
        dsl.execute("delete from model_access_outbox_attempts");
        dsl.execute("delete from model_access_outbox");
        browser.openConsoleSignedOut(url("/model-access/"));
    }

    static String url(String path) {
        return "http://localhost:" + app.port + path;
    }

    void openNotifications() {
        browser.signInToConsole(url("/model-access/"), TestTokens.admin(ADMIN));
        browser.openConsoleView("notifications");
    }

    /** Three entries as the dispatcher leaves them: delivered, failing twice (retried in 20 min), dead. */
    record Rows(UUID delivered, UUID failing, UUID dead) {}

    static Rows rows() {
        NoticeOutbox outbox = app.bean(NoticeOutbox.class);
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);

        Instant dayAgo = now.minus(Duration.ofHours(26));
        UUID dead = enqueue(NoticeKind.SYNC_FAILED, "The catalog sync failed", Channel.WEBHOOK, dayAgo);
        attempt(outbox, Channel.WEBHOOK, dayAgo, "The webhook receiver answered HTTP 500: upstream exploded", dayAgo);
        attempt(
                outbox,
                Channel.WEBHOOK,
                dayAgo.plus(Duration.ofHours(1)),
                "The webhook receiver did not answer within 10 s",
                null);

        Instant twoHoursAgo = now.minus(Duration.ofHours(2));
        UUID delivered = enqueue(
                NoticeKind.MODELS_AWAITING_REVIEW, "2 new models wait for review", Channel.WEBHOOK, twoHoursAgo);
        UUID claim = UUID.randomUUID();
        ClaimedNotice held = outbox.claim(Channel.WEBHOOK, twoHoursAgo, Duration.ofMinutes(10), 10, claim)
                .getFirst();
        assertThat(outbox.delivered(Map.of(held.entryId(), Duration.ofMillis(84)), claim, twoHoursAgo))
                .isOne();

        Instant fortyMinutesAgo = now.minus(Duration.ofMinutes(40));
        UUID failing = enqueue(NoticeKind.MODELS_VANISHED, "1 model vanished upstream", Channel.SLACK, fortyMinutesAgo);
        attempt(
                outbox,
                Channel.SLACK,
                fortyMinutesAgo,
                "The Slack webhook could not be reached: ConnectException",
                fortyMinutesAgo.plus(Duration.ofMinutes(1)));
        attempt(
                outbox,
                Channel.SLACK,
                fortyMinutesAgo.plus(Duration.ofMinutes(1)),
                "The Slack webhook answered HTTP 503: maintenance",
                now.plus(Duration.ofMinutes(20)));
        return new Rows(entry(delivered), entry(failing), entry(dead));
    }

    /** Writes one notice for one channel through the store, as a sync does; returns the notice's id. */
    static UUID enqueue(NoticeKind kind, String title, Channel channel, Instant at) {
        Notice notice =
                new Notice(UUID.randomUUID(), kind, at, title, List.of("acme/alpha"), null, Map.of("count", 1), null);
        app.bean(ModelAccessStore.class)
                .inTransaction(
                        tx -> tx.enqueueNotices(List.of(new OutboxEntry(notice, channel, Delivery.IMMEDIATE, at))));
        return notice.id();
    }

    /** One failed attempt on the channel's due entry: retried at {@code retryAt}, or dead when null. */
    static void attempt(NoticeOutbox outbox, Channel channel, Instant at, String error, Instant retryAt) {
        UUID claim = UUID.randomUUID();
        ClaimedNotice held =
                outbox.claim(channel, at, Duration.ofMinutes(10), 10, claim).getFirst();
        assertThat(outbox.failed(
                        List.of(held.entryId()),
                        claim,
                        at,
                        Duration.ofMillis(1200),
                        error,
                        Optional.ofNullable(retryAt)))
                .isOne();
    }

    static UUID entry(UUID notice) {
        return (UUID) dsl.fetchValue("select id from model_access_outbox where notice_id = ?", notice);
    }

    static String statusOf(UUID entry) {
        return (String) dsl.fetchValue("select status from model_access_outbox where id = ?", entry);
    }

    @Test
    void theAdminSeesDeliveriesFailuresAndDeadLettersAndSendsADeadLetterAgain() {
        Rows rows = rows();
        openNotifications();

        browser.waitForText("#outbox-caption", "The latest 3 notifications, newest first");
        browser.waitForText("#outbox-summary", "1 failing");
        browser.waitForText("#outbox-summary", "1 dead letter");
        assertThat(browser.find("#outbox-dead-count").getText()).isEqualTo("1");
        String dead = "#outbox-body tr[data-entry=\"" + rows.dead() + "\"]";
        String failing = "#outbox-body tr[data-entry=\"" + rows.failing() + "\"]";
        String delivered = "#outbox-body tr[data-entry=\"" + rows.delivered() + "\"]";
        assertThat(browser.find(dead).getText())
                .contains("The catalog sync failed", "sync.failed", "webhook", "dead", "Gave up")
                .contains("Last error: The webhook receiver did not answer within 10 s");
        assertThat(browser.find(failing).getText())
                .contains("1 model vanished upstream", "slack", "failing", "Next attempt")
                .contains("Last error: The Slack webhook answered HTTP 503: maintenance");
        assertThat(browser.find(delivered).getText()).contains("2 new models wait for review", "Delivered");
        assertThat(browser.all(delivered + " button.resend"))
                .as("a delivered notice is not offered again")
                .isEmpty();
        browser.screenshots("notifications-latest");

        browser.click(failing + " button[data-outbox=attempts]");
        browser.waitForText("#attempts-summary", "models.vanished by slack");
        assertThat(browser.all("#attempts-body tr"))
                .extracting(row -> row.getText())
                .satisfiesExactly(
                        first -> assertThat(first).contains("1", "failed", "1.2 s", "ConnectException"),
                        second -> assertThat(second).contains("2", "failed", "HTTP 503: maintenance"));
        browser.screenshots("notifications-attempts");
        browser.click("#attempts-dialog button[value=close]");

        new Select(browser.find("#o-status")).selectByValue("dead");
        browser.click("#outbox-filters button[type=submit]");
        browser.waitForText("#outbox-caption", "1 dead letter: no more automatic attempts");
        assertThat(browser.all("#outbox-body tr")).hasSize(1);
        browser.screenshots("notifications-dead-letters");

        browser.click(dead + " button.resend");
        browser.waitForText("#status", "Sent again: \"The catalog sync failed\" (webhook) is pending, due now");
        assertThat(statusOf(rows.dead())).isEqualTo("pending");
        assertThat(((OffsetDateTime) dsl.fetchValue("select due_at from model_access_outbox where id = ?", rows.dead()))
                        .toInstant())
                .isAfter(Instant.now().minus(Duration.ofMinutes(1)));
        browser.waitForText("#outbox-caption", "0 dead letters");
        assertThat(browser.all("#outbox-dead-count").getFirst().isDisplayed())
                .as("no dead letter left: no badge")
                .isFalse();
        assertThat(statusOf(rows.failing())).isEqualTo("pending");
        assertThat(statusOf(rows.delivered())).isEqualTo("delivered");

        new Select(browser.find("#o-status")).selectByValue("failing");
        browser.click("#outbox-filters button[type=submit]");
        browser.waitForText("#outbox-caption", "2 failing notifications: retried automatically");
    }

    @Test
    void neitherTheWebhooksUrlNorItsSecretIsEverShown() {
        Rows rows = rows();
        openNotifications();
        browser.waitForText("#outbox-caption", "The latest 3 notifications");
        browser.click("#outbox-body tr[data-entry=\"" + rows.dead() + "\"] button[data-outbox=attempts]");
        browser.waitForText("#attempts-summary", "sync.failed by webhook");

        String token = TestTokens.admin(ADMIN);
        List<HttpResponse<String>> answers = List.of(
                app.get("/api/admin/notifications", token),
                app.get("/api/admin/notifications?status=dead", token),
                app.get("/api/admin/notifications/" + rows.dead() + "/attempts", token));
        assertThat(answers).allSatisfy(answer -> assertThat(answer.statusCode()).isEqualTo(200));
        String everything = browser.driver().getPageSource()
                + String.join("", answers.stream().map(HttpResponse::body).toList());
        assertThat(everything)
                .contains("The catalog sync failed")
                .doesNotContain(WEBHOOK_SECRET)
                .doesNotContain(WEBHOOK_SECRET.substring("whsec_".length()))
                .doesNotContain(WEBHOOK_PATH)
                .doesNotContain("receiver.example.invalid");
    }

    @Test
    void anEmptyOutboxAndAnUnreachableApiEachSaySo() {
        openNotifications();
        browser.waitForText("#outbox-body", "No notification yet.");
        browser.waitForText("#outbox-summary", "0 failing");
        browser.screenshots("notifications-empty");

        // the API goes away under the open page: every call to it fails as an unreachable server does
        browser.script("const real = window.fetch;"
                + "window.fetch = (url, options) => String(url).includes('/admin/notifications')"
                + " ? Promise.reject(new TypeError('Failed to fetch')) : real(url, options);");
        browser.click("#outbox-reload");

        browser.waitForText("#outbox-body", "The notifications could not be loaded: the server could not be reached.");
        browser.waitForText("#alert", "The server could not be reached.");
        browser.screenshots("notifications-unreachable");
    }

    @Test
    void sendingAgainAnEntryThatIsGoneSaysSoAndWritesNothing() {
        Rows rows = rows();
        openNotifications();
        browser.waitForText("#outbox-caption", "The latest 3 notifications");
        dsl.execute("delete from model_access_outbox_attempts where outbox_id = ?", rows.dead());
        dsl.execute("delete from model_access_outbox where id = ?", rows.dead());

        browser.click("#outbox-body tr[data-entry=\"" + rows.dead() + "\"] button.resend");

        browser.waitForText("#alert", "Not found: No notification " + rows.dead());
        browser.waitForText("#outbox-caption", "The latest 2 notifications");
        assertThat(((Number) dsl.fetchValue("select count(*) from model_access_outbox")).longValue())
                .isEqualTo(2);
    }
}
