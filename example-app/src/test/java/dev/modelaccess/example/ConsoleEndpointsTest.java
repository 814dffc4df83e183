package dev.modelaccess.example;

import static dev.modelaccess.example.HttpAnswers.ok;
import static dev.modelaccess.example.HttpAnswers.problem;
import static org.assertj.core.api.Assertions.assertThat;

import dev.modelaccess.core.access.AccessRuleCache;
import dev.modelaccess.core.sync.SyncTrigger;
import dev.modelaccess.spring.ModelAccessSyncJob;
import dev.modelaccess.testsupport.openrouter.LocalOpenRouter;
import dev.modelaccess.testsupport.postgres.TestSchema;
import dev.modelaccess.testsupport.postgres.WithPostgres;
import dev.modelaccess.web.console.ConsoleHeadersFilter;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The console's files and headers, and the admin endpoints it needs, over real HTTP (no browser). */
@WithPostgres
class ConsoleEndpointsTest {

    static final UUID ADMIN = UUID.fromString("d0000000-0000-4000-8000-0000000000ad");
    static final UUID PRO = UUID.fromString("d0000000-0000-4000-8000-000000000002");
    static final UUID PRO_2 = UUID.fromString("d0000000-0000-4000-8000-000000000003");
    static final String SOON = LocalDate.now(ZoneOffset.UTC).plusDays(5).toString();

    static TestSchema schema;
    static LocalOpenRouter openRouter;
    static RunningApp app;
    static DSLContext dsl;

    static String dated(String id, String date) {
        return ExampleOpenRouter.model(id, "0.000001", "0.000002")
                .replace("\"description\"", "\"expiration_date\":\"" + date + "\",\"description\"");
    }

    @BeforeAll
    static void start() throws Exception {
        List<String> upstream = new ArrayList<>(ExampleOpenRouter.models("acme/a", "acme/b", "other/c"));
        upstream.add(dated("old/gone-soon", "2020-01-01"));
        upstream.add(dated("old/next-week", SOON));
        upstream.add(dated("old/far", "2098-12-31"));
        openRouter = ExampleOpenRouter.serving(upstream);
        app = RunningApp.start(
                schema, openRouter, "modelaccess.web.enabled=true", "modelaccess.web.console.enabled=true");
        dsl = DSL.using(schema.dataSource(), SQLDialect.POSTGRES);
        app.bean(ModelAccessSyncJob.class).run(SyncTrigger.MANUAL, false);
        dsl.execute("update model_access set status = 'active', is_pro = true where model_id in"
                + " ('acme/b', 'old/next-week', 'old/gone-soon')");
        dsl.execute(
                "insert into profiles (id, tier, default_model) values (?, 'pro', 'old/next-week'),"
                        + " (?, 'pro', 'old/next-week'), (?, 'enterprise', null)",
                PRO,
                PRO_2,
                ADMIN);
        app.bean(AccessRuleCache.class).reload();
    }

    @AfterAll
    static void stop() {
        RunningApp.closeAll(app, openRouter);
    }

    static String admin() {
        return TestTokens.admin(ADMIN);
    }

    @Test
    void theConsolePageAndItsFilesAreServedWithAStrictContentSecurityPolicyAndNoSniff() {
        for (String path : List.of(
                "/model-access/",
                "/model-access/js/main.js",
                "/model-access/console.css",
                "/model-access/config.json")) {
            HttpResponse<String> response = app.get(path, null);
            assertThat(response.statusCode()).as(path).isEqualTo(200);
            assertThat(response.headers().firstValue("Content-Security-Policy"))
                    .as(path)
                    .hasValue(ConsoleHeadersFilter.CONTENT_SECURITY_POLICY);
            assertThat(response.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
            assertThat(response.headers().firstValue("Cache-Control")).hasValue("no-cache");
        }
        assertThat(app.get("/model-access/", null).body())
                .contains("<script type=\"module\" src=\"js/main.js\">")
                .doesNotContain("<script>", "style=", "onclick", "http://", "https://");
        assertThat(app.get("/model-access/js/main.js", null).headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("text/javascript"));
        assertThat(app.get("/model-access/config.json", null).body())
                .isEqualTo("{\"api_base\":\"/api\",\"sign_out_url\":null}");
    }

    @Test
    void theConsolePathWithoutItsSlashRedirectsAndUnknownFilesAreNotFound() {
        HttpResponse<String> bare = app.get("/model-access", null);
        assertThat(bare.statusCode()).isEqualTo(302);
        assertThat(bare.headers().firstValue("Location")).hasValue("/model-access/");
        assertThat(app.get("/model-access/application.yml", null).statusCode()).isEqualTo(404);
        assertThat(app.get("/model-access/js/../../application.yml", null).statusCode())
                .isIn(400, 404);
        assertThat(app.post("/model-access/", null, "{}").statusCode()).isEqualTo(405);
    }

    @Test
    void outsideDemoModeThereIsNoDemoTokenForTheConsoleToOffer() {
        assertThat(app.get("/model-access/demo-token", null).statusCode()).isEqualTo(404);
        assertThat(app.get("/demo/users", null).statusCode()).isIn(401, 403, 404);
    }

    @Test
    void theListIsFilteredSortedAndPagedOnTheServerWithTheCountOfEveryStatus() {
        JsonNode page =
                ok(app.get("/api/admin/console/models?status=new&provider=acme&sort=model_id&limit=10", admin()), 200);
        assertThat(page.get("total").asLong()).isEqualTo(1);
        assertThat(page.get("data").get(0).get("id").asString()).isEqualTo("acme/a");
        assertThat(page.get("data").get(0).get("prompt_price").asString()).isEqualTo("0.000001");
        assertThat(page.get("data").get(0).get("modality").asString()).isEqualTo("text->text");
        assertThat(page.get("counts").get("new").asLong()).isEqualTo(3);
        assertThat(page.get("counts").get("active").asLong()).isEqualTo(3);
        assertThat(page.get("counts").get("inactive").asLong()).isZero();

        JsonNode all = ok(app.get("/api/admin/console/models?sort=model_id&limit=2&offset=2&q=OLD", admin()), 200);
        assertThat(all.get("total").asLong()).isEqualTo(3);
        assertThat(all.get("data").get(0).get("id").asString()).isEqualTo("old/next-week");
    }

    @Test
    void wildcardsAndQuotesInTheSearchAreTakenLiterallyAndAPagePastTheEndIsEmpty() {
        for (String q : List.of("%25", "_", "%27", "%5C", "x".repeat(200))) {
            JsonNode page = ok(app.get("/api/admin/console/models?status=&q=" + q, admin()), 200);
            assertThat(page.get("total").asLong()).as(q).isZero();
            assertThat(page.get("data").size()).isZero();
        }
        JsonNode past = ok(app.get("/api/admin/console/models?status=&offset=100000", admin()), 200);
        assertThat(past.get("data").size()).isZero();
        assertThat(past.get("total").asLong()).isPositive();
    }

    @Test
    void invalidListParametersAreRefusedWith400() {
        for (String query : List.of("sort=cheapest", "status=gone", "limit=0", "limit=1001", "offset=-1", "limit=x")) {
            problem(app.get("/api/admin/console/models?" + query, admin()), 400);
        }
        problem(app.get("/api/admin/console/models?q=" + "x".repeat(201), admin()), 400);
        // 10,000 characters: Tomcat refuses a request line that long (8 kB) before the module sees it
        assertThat(app.get("/api/admin/console/models?q=" + "%25".repeat(10_000), admin())
                        .statusCode())
                .isEqualTo(400);
        problem(app.get("/api/admin/console/expiring?days=-1", admin()), 400);
        problem(app.get("/api/admin/tiers/gold/models", admin()), 400);
        problem(app.get("/api/admin/console/models/acme/missing", admin()), 404);
    }

    @Test
    void theConsoleEndpointsNeedAnAdmin() {
        for (String path : List.of(
                "/api/admin/console/models",
                "/api/admin/console/expiring",
                "/api/admin/console/models/acme/a",
                "/api/admin/tiers/pro/models")) {
            assertThat(app.get(path, null).statusCode()).as(path).isEqualTo(401);
            assertThat(app.get(path, TestTokens.user(PRO)).statusCode())
                    .as(path)
                    .isEqualTo(403);
        }
    }

    @Test
    void expiringModelsAreThoseNearOrPastTheirDateWithHowManyUsersHaveThemAsDefault() {
        JsonNode expiring = ok(app.get("/api/admin/console/expiring", admin()), 200);
        assertThat(expiring.get("days").asInt()).isEqualTo(14);
        assertThat(expiring.get("data")).hasSize(2);
        JsonNode past = expiring.get("data").get(0);
        assertThat(past.get("model").get("id").asString()).isEqualTo("old/gone-soon");
        assertThat(past.get("expired").asBoolean()).isTrue();
        assertThat(past.get("default_users").asLong()).isZero();
        JsonNode soon = expiring.get("data").get(1);
        assertThat(soon.get("model").get("id").asString()).isEqualTo("old/next-week");
        assertThat(soon.get("expires_on").asString()).isEqualTo(SOON);
        assertThat(soon.get("expired").asBoolean()).isFalse();
        assertThat(soon.get("default_users").asLong()).isEqualTo(2);

        problem(app.get("/api/admin/console/expiring?days=100000", admin()), 400);
    }

    @Test
    void theTierPreviewIsExactlyTheDropdownAUserOfThatTierGets() {
        JsonNode preview = ok(app.get("/api/admin/tiers/pro/models", admin()), 200);
        List<String> previewIds = new ArrayList<>();
        preview.get("data").forEach(model -> previewIds.add(model.get("id").asString()));
        assertThat(preview.get("tier").asString()).isEqualTo("pro");
        assertThat(previewIds)
                .containsExactlyElementsOf(ApiEndToEndTest.ids(app.get("/api/models", TestTokens.user(PRO))))
                .containsExactlyInAnyOrder("acme/b", "old/next-week", "old/gone-soon");
        assertThat(ok(app.get("/api/admin/tiers/free/models", admin()), 200).get("data"))
                .isEmpty();
    }

    @Test
    void theDetailHasEveryPriceComponentTheArchitectureTheParametersAndTheHistory() {
        JsonNode detail = ok(app.get("/api/admin/console/models/old/next-week", admin()), 200);
        assertThat(detail.get("model").get("status").asString()).isEqualTo("active");
        assertThat(detail.get("pricing").get("completion").asString()).isEqualTo("0.000002");
        assertThat(detail.get("architecture").get("input_modalities").get(0).asString())
                .isEqualTo("text");
        assertThat(detail.get("supported_parameters").toString()).contains("max_tokens", "temperature");
        assertThat(detail.get("default_users").asLong()).isEqualTo(2);
        assertThat(detail.get("events").get(0).get("kind").asString()).isEqualTo("added");
    }
}
