package dev.modelaccess.example;

import static dev.modelaccess.example.HttpAnswers.json;
import static dev.modelaccess.example.HttpAnswers.problem;
import static org.assertj.core.api.Assertions.assertThat;

import dev.modelaccess.core.notify.Channel;
import dev.modelaccess.core.notify.ClaimedNotice;
import dev.modelaccess.core.notify.Delivery;
import dev.modelaccess.core.notify.Notice;
import dev.modelaccess.core.notify.NoticeKind;
import dev.modelaccess.core.notify.NoticeOutbox;
import dev.modelaccess.core.notify.OutboxEntry;
import dev.modelaccess.core.port.ModelAccessStore;
import dev.modelaccess.testsupport.postgres.TestSchema;
import dev.modelaccess.testsupport.postgres.WithPostgres;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
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
import tools.jackson.databind.JsonNode;

/**
 * The notification outbox's routes over HTTP, with the example app's real HS256 bearer tokens (signed and verified)
 * on PostgreSQL: nobody without a token (401), no user who is not an admin (403, and nothing written), the admin
 * (200); a malformed id is a 400 naming the field, an unknown one a 404; a page larger than 100 is refused. Every
 * refusal is a problem+json and leaves the dead letter dead.
 */
@WithPostgres
class NotificationsApiSecurityTest {

    static final UUID ADMIN = UUID.fromString("c0000000-0000-4000-8000-0000000003ad");
    static final UUID PRO = UUID.fromString("c0000000-0000-4000-8000-000000000302");

    static TestSchema schema;
    static RunningApp app;
    static DSLContext dsl;

    UUID dead;

    @BeforeAll
    static void start() {
        app = RunningApp.listing(schema, List.of("a/one"), "modelaccess.web.enabled=true");
        dsl = DSL.using(schema.dataSource(), SQLDialect.POSTGRES);
        dsl.execute("insert into profiles (id, tier) values (?, 'pro'), (?, 'enterprise')", PRO, ADMIN);
    }

    @AfterAll
    static void stop() {
        RunningApp.closeAll(app);
    }

    /** One dead letter: a webhook notice whose only attempt failed for good. */
    @BeforeEach
    void deadLetter() {
        dsl.execute("delete from model_access_outbox_attempts");
        dsl.execute("delete from model_access_outbox");
        Instant at = Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(Duration.ofDays(1));
        Notice notice = new Notice(
                UUID.randomUUID(),
                NoticeKind.SYNC_FAILED,
                at,
                "The catalog sync failed",
                List.of(),
                null,
                Map.of("status", "failed"),
                null);
        app.bean(ModelAccessStore.class)
                .inTransaction(tx ->
                        tx.enqueueNotices(List.of(new OutboxEntry(notice, Channel.WEBHOOK, Delivery.IMMEDIATE, at))));
        NoticeOutbox outbox = app.bean(NoticeOutbox.class);
        UUID claim = UUID.randomUUID();
        ClaimedNotice held = outbox.claim(Channel.WEBHOOK, at, Duration.ofMinutes(1), 1, claim)
                .getFirst();
        outbox.failed(
                List.of(held.entryId()),
                claim,
                at,
                Duration.ofMillis(7),
                "The webhook receiver answered HTTP 500",
                Optional.empty());
        dead = held.entryId();
    }

    String status() {
        return (String) dsl.fetchValue("select status from model_access_outbox where id = ?", dead);
    }

    HttpResponse<String> list(String token) {
        return app.get("/api/admin/notifications", token);
    }

    HttpResponse<String> attempts(String id, String token) {
        return app.get("/api/admin/notifications/" + id + "/attempts", token);
    }

    HttpResponse<String> resend(String id, String token) {
        return app.post("/api/admin/notifications/" + id + "/resend", token, "");
    }

    @Test
    void withoutATokenEveryRouteIs401AndNothingIsWritten() {
        problem(list(null), 401);
        problem(attempts(dead.toString(), null), 401);
        problem(resend(dead.toString(), null), 401);
        problem(resend(dead.toString(), TestTokens.signedWithAnotherSecret(ADMIN)), 401);
        problem(resend(dead.toString(), TestTokens.expired(ADMIN)), 401);

        assertThat(status()).isEqualTo("dead");
    }

    @Test
    void aUserWhoIsNotAnAdminIs403OnEveryRouteAndNothingIsWritten() {
        String user = TestTokens.user(PRO);

        problem(list(user), 403);
        problem(attempts(dead.toString(), user), 403);
        problem(resend(dead.toString(), user), 403);

        assertThat(status()).isEqualTo("dead");
    }

    @Test
    void theAdminListsReadsTheAttemptsAndSendsTheDeadLetterAgain() {
        String admin = TestTokens.admin(ADMIN);

        JsonNode page = json(ok(app.get("/api/admin/notifications?status=dead&limit=100", admin)));
        assertThat(page.get("entries")).hasSize(1);
        JsonNode entry = page.get("entries").get(0);
        assertThat(entry.get("entry_id").asString()).isEqualTo(dead.toString());
        assertThat(entry.get("status").asString()).isEqualTo("dead");
        assertThat(entry.get("channel").asString()).isEqualTo("webhook");
        assertThat(entry.get("last_error").asString()).isEqualTo("The webhook receiver answered HTTP 500");
        JsonNode tried = json(ok(attempts(dead.toString(), admin)));
        assertThat(tried).hasSize(1);
        assertThat(tried.get(0).get("delivered").asBoolean()).isFalse();

        JsonNode resent = json(ok(resend(dead.toString(), admin)));

        assertThat(resent.get("status").asString()).isEqualTo("pending");
        assertThat(status()).isEqualTo("pending");
        assertThat(json(ok(app.get("/api/admin/notifications?status=dead", admin)))
                        .get("entries"))
                .isEmpty();
    }

    @Test
    void aMalformedIdIs400NamingTheFieldAndAnUnknownOneIs404() {
        String admin = TestTokens.admin(ADMIN);
        for (HttpResponse<String> malformed : List.of(attempts("not-a-uuid", admin), resend("42", admin))) {
            JsonNode problem = problem(malformed, 400);
            assertThat(problem.get("field").asString()).isEqualTo("id");
            assertThat(problem.get("detail").asString()).isEqualTo("id must be a notification's UUID");
        }
        UUID unknown = UUID.fromString("c0000000-0000-4000-8000-00000000dead");
        assertThat(problem(attempts(unknown.toString(), admin), 404)
                        .get("detail")
                        .asString())
                .isEqualTo("No notification " + unknown);
        assertThat(problem(resend(unknown.toString(), admin), 404).get("detail").asString())
                .isEqualTo("No notification " + unknown);

        assertThat(status()).isEqualTo("dead");
        assertThat(((Number) dsl.fetchValue("select count(*) from model_access_outbox")).longValue())
                .isOne();
    }

    @Test
    void aPageOfMoreThanOneHundredOrAnUnknownStatusIsRefusedNamingIt() {
        String admin = TestTokens.admin(ADMIN);

        assertThat(problem(app.get("/api/admin/notifications?limit=101", admin), 422)
                        .get("detail")
                        .asString())
                .isEqualTo("limit must be between 1 and 100, was 101");
        assertThat(problem(app.get("/api/admin/notifications?limit=1000", admin), 422)
                        .get("detail")
                        .asString())
                .isEqualTo("limit must be between 1 and 100, was 1000");
        assertThat(problem(app.get("/api/admin/notifications?status=lost", admin), 422)
                        .get("detail")
                        .asString())
                .isEqualTo("status must be pending, delivered or dead, not 'lost'");
        assertThat(json(ok(app.get("/api/admin/notifications?limit=100", admin)))
                        .get("entries"))
                .hasSize(1);
    }

    private static HttpResponse<String> ok(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return response;
    }
}
