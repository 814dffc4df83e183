package dev.modelaccess.example;

import static dev.modelaccess.example.HttpAnswers.json;
import static dev.modelaccess.example.HttpAnswers.ok;
import static dev.modelaccess.example.HttpAnswers.problem;
import static org.assertj.core.api.Assertions.assertThat;

import dev.modelaccess.testsupport.postgres.TestSchema;
import dev.modelaccess.testsupport.postgres.WithPostgres;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.core.env.Environment;
import tools.jackson.databind.JsonNode;

/**
 * What the example app gains from model-access-web beyond the routes it had: bounded request bodies (its own
 * resources included), OpenRouter's list envelope and the OpenAPI description with its UI.
 */
@WithPostgres
class WebModuleEndToEndTest {

    static final UUID PRO = UUID.fromString("d1000000-0000-4000-8000-000000000002");
    static final UUID ADMIN = UUID.fromString("d1000000-0000-4000-8000-0000000000ad");
    static final String BIG = "{\"model\":\"" + "x".repeat(70 * 1024) + "\"}";

    static TestSchema schema;
    static RunningApp app;

    @BeforeAll
    static void start() throws Exception {
        app = RunningApp.listing(schema, List.of("openai/gpt-4o"));
    }

    @AfterAll
    static void stop() {
        RunningApp.closeAll(app);
    }

    @Test
    void everyBodyOverTheDefault64KbIs413BeforeItIsParsed() throws Exception {
        String user = TestTokens.user(PRO);
        problem(app.put("/api/me/default-model", user, BIG), 413);
        problem(app.put("/api/me/openrouter-key", user, BIG), 413);
        problem(app.post("/api/resources", user, BIG), 413);
        problem(app.post("/api/resources/" + UUID.randomUUID() + "/run", user, BIG), 413);
        problem(app.patch("/api/admin/models/openai/gpt-4o", TestTokens.admin(ADMIN), BIG), 413);
        problem(app.post("/api/admin/models/review", TestTokens.admin(ADMIN), BIG), 413);

        problem(chunked("PUT", "/api/me/default-model", user), 413);
        problem(chunked("POST", "/api/resources", user), 413);
    }

    @Test
    void theBodyLimitComesAfterTheHostsAuthentication() {
        problem(app.put("/api/me/default-model", null, BIG), 401);
        problem(app.post("/api/resources", null, BIG), 401);
    }

    @Test
    void theDropdownIsOpenRoutersListEnvelope() {
        JsonNode body = ok(app.get("/api/models", TestTokens.user(PRO)), 200);
        assertThat(body.get("total_count").asInt()).isEqualTo(body.get("data").size());
        assertThat(body.get("links").get("next").isNull()).isTrue();
    }

    @Test
    void theOpenApiDescriptionAndItsUiAreServed() {
        HttpResponse<String> docs = app.get("/v3/api-docs", null);
        assertThat(docs.statusCode()).as(docs.body()).isEqualTo(200);
        JsonNode paths = json(docs).get("paths");
        assertThat(paths.has("/api/models")).isTrue();
        assertThat(paths.has("/api/admin/models/{author}/{slug}")).isTrue();
        assertThat(paths.has("/api/admin/sync")).isTrue();
        assertThat(paths.has("/api/me/openrouter-key")).isTrue();
        for (String policy : new String[] {
            "/api/admin/rules",
            "/api/admin/rules/preview",
            "/api/admin/rules/apply",
            "/api/admin/models/held",
            "/api/admin/models/{author}/{slug}/hold",
            "/api/admin/catalog/facets"
        }) {
            assertThat(paths.has(policy)).as(policy).isTrue();
        }
        JsonNode export = paths.get("/api/admin/catalog/export").get("get");
        assertThat(export.get("responses").get("200").get("content").propertyNames())
                .contains("application/yaml", "application/json");
        JsonNode importing = paths.get("/api/admin/catalog/import").get("post");
        assertThat(importing.get("requestBody").get("content").propertyNames())
                .contains("application/yaml", "application/json");
        assertThat(importing.get("parameters").toString()).contains("dry_run").contains("default");
        assertThat(importing
                        .get("responses")
                        .get("200")
                        .get("content")
                        .get("application/json")
                        .toString())
                .contains("rows_written")
                .contains("unknown_models");
        for (String status : new String[] {"400", "401", "403", "409", "413", "415", "422"}) {
            assertThat(importing.get("responses").get(status)).as(status).isNotNull();
        }
        assertThat(importing.get("responses").get("400").toString()).contains("line");
        JsonNode rulesPut = paths.get("/api/admin/rules").get("put").get("responses");
        assertThat(rulesPut.path("422")
                        .path("content")
                        .path("application/problem+json")
                        .toString())
                .as("a bad rule names its field")
                .contains("field");
        JsonNode models = paths.get("/api/models").get("get").get("responses");
        assertThat(models.path("200").path("content").has("application/json"))
                .as(models.toString())
                .isTrue();
        assertThat(models.get("200")
                        .get("content")
                        .get("application/json")
                        .get("schema")
                        .get("properties")
                        .has("total_count"))
                .isTrue();
        assertThat(models.get("401").get("content").has("application/problem+json"))
                .isTrue();
        JsonNode patch =
                paths.get("/api/admin/models/{author}/{slug}").get("patch").get("responses");
        for (String status : new String[] {"400", "401", "403", "404", "409", "413", "422", "503"}) {
            assertThat(patch.get(status)).as(status).isNotNull();
        }
        assertThat(paths.get("/api/models").get("get").path("parameters").toString())
                .as("the caller is the signed-in user, not a parameter")
                .doesNotContain("user_id")
                .doesNotContain("userId");

        HttpResponse<String> ui = app.get("/swagger-ui/index.html", null);
        assertThat(ui.statusCode()).isEqualTo(200);
        assertThat(ui.body()).contains("swagger-ui");
    }

    @Test
    void theOpenApiDescriptionDocumentsEveryWebhookPayload() {
        JsonNode schemas =
                json(app.get("/v3/api-docs", null)).path("components").path("schemas");

        JsonNode event = schemas.path("WebhookEvent");
        assertThat(event.path("oneOf")).as(event.toString()).hasSize(6);
        assertThat(event.path("discriminator").path("propertyName").asString()).isEqualTo("type");
        for (String type : new String[] {
            "models.awaiting_review",
            "models.vanished",
            "prices.changed",
            "model.expiring",
            "sync.failed",
            "keys.revoked"
        }) {
            String ref = event.path("discriminator").path("mapping").path(type).asString();
            assertThat(ref).as(type).startsWith("#/components/schemas/").endsWith("Event");
            String name = ref.substring("#/components/schemas/".length(), ref.length() - "Event".length());
            assertThat(schemas.has(name + "Event")).as(name).isTrue();
            assertThat(schemas.path(name + "Data").path("properties").size())
                    .as(name)
                    .isPositive();
        }
        assertThat(schemas.path("WebhookEventEnvelope").path("properties").has("data"))
                .isFalse();
        assertThat(schemas.path("WebhookEventEnvelope").path("required").toString())
                .contains("\"data\"");
        assertThat(schemas.path("KeysRevokedData").path("properties").has("revoked"))
                .isTrue();
    }

    private static HttpResponse<String> chunked(String method, String path, String token) throws Exception {
        String port = app.bean(Environment.class).getRequiredProperty("local.server.port");
        byte[] bytes = BIG.getBytes(StandardCharsets.UTF_8);
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(bytes)))
                .build();
        try (HttpClient client = HttpClient.newHttpClient()) {
            return client.send(request, HttpResponse.BodyHandlers.ofString());
        }
    }
}
