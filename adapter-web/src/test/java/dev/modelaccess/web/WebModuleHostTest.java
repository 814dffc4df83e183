package dev.modelaccess.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modelaccess.testsupport.data.SharedData;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The module in a host whose filter chain permits everything: the module itself answers 401 and 403, its errors and
 * snake_case stay on its own routes, bodies are bounded, and {@code /api/models} is OpenRouter's list envelope.
 */
@SpringBootTest(
        classes = PermitAllHost.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "modelaccess.web.enabled=true",
            "modelaccess.web.max-body-size=1KB",
            "modelaccess.schema.migrate=false",
            "modelaccess.catalog.listen.enabled=false",
            "modelaccess.sync.run-on-startup=never",
            "modelaccess.sync.schedule.enabled=false"
        })
class WebModuleHostTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @LocalServerPort
    int port;

    @Autowired
    CallerResolver resolver;

    @BeforeAll
    static void dataIsThere() {
        SharedData.openRouterFile("models-2026-08-14.json");
    }

    @Test
    void withoutACallerTheModuleAnswers401ThoughTheHostPermitsEverything() throws Exception {
        for (String path :
                List.of("/api/models", "/api/me/default-model", "/api/admin/models", "/api/admin/sync-runs")) {
            HttpResponse<String> response = send(get(path, null));
            assertProblem(response, 401);
        }
        assertProblem(send(post("/api/admin/sync", null, "")), 401);
        assertProblem(send(get("/api/models", Tokens.withSubject("not-a-uuid"))), 401);
    }

    @Test
    void aNonAdminOnEveryAdminRouteIs403AndNothingChanges() throws Exception {
        String user = Tokens.user(PermitAllHost.PRO);
        assertProblem(send(get("/api/admin/models", user)), 403);
        assertProblem(send(get("/api/admin/models/openai/gpt-4o", user)), 403);
        assertProblem(send(get("/api/admin/models/openai/gpt-4o/events", user)), 403);
        assertProblem(send(patch("/api/admin/models/openai/gpt-4o", user, "{\"status\":\"active\"}")), 403);
        assertProblem(
                send(post("/api/admin/models/review", user, "{\"models\":[\"a/b\"],\"status\":\"active\"}")), 403);
        assertProblem(send(post("/api/admin/sync", user, "")), 403);
        assertProblem(send(post("/api/admin/sync?dry_run=true", user, "")), 403);
        assertProblem(send(get("/api/admin/sync-runs", user)), 403);
        assertThat(JSON.readTree(send(get("/api/admin/sync-runs", Tokens.admin(PermitAllHost.ADMIN)))
                                .body())
                        .get("data")
                        .size())
                .as("no sync ran for the non-admin")
                .isZero();
    }

    @Test
    void anAdminSyncsAndApprovesAndTheUserGetsOpenRoutersEnvelope() throws Exception {
        String admin = Tokens.admin(PermitAllHost.ADMIN);
        HttpResponse<String> sync = send(post("/api/admin/sync", admin, ""));
        assertThat(sync.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(sync.body()).get("status").asString()).isIn("succeeded", "skipped");

        JsonNode fresh = JSON.readTree(
                send(get("/api/admin/models?status=new&limit=3", admin)).body());
        List<String> ids = new ArrayList<>();
        fresh.get("data").forEach(model -> ids.add(model.get("id").asString()));
        assertThat(ids).hasSize(3);
        assertThat(fresh.get("data").get(0).has("is_pro")).as("snake_case").isTrue();
        HttpResponse<String> review = send(post(
                "/api/admin/models/review",
                admin,
                "{\"models\":" + JSON.writeValueAsString(ids) + ",\"status\":\"active\",\"is_pro\":true}"));
        assertThat(review.statusCode()).isEqualTo(200);

        HttpResponse<String> models = send(get("/api/models", Tokens.user(PermitAllHost.PRO)));
        assertThat(models.statusCode()).isEqualTo(200);
        assertThat(models.headers().firstValue("ETag")).isPresent();
        JsonNode body = JSON.readTree(models.body());
        assertThat(body.get("data").size()).isEqualTo(3);
        assertThat(body.get("total_count").asInt()).isEqualTo(3);
        assertThat(body.get("links").get("next").isNull()).isTrue();
        assertThat(body.get("tier").asString()).isEqualTo("pro");
        assertThat(body.has("default_model")).isTrue();
        assertMatchesOpenRoutersSchema(body);

        HttpResponse<String> notModified = send(HttpRequest.newBuilder(uri("/api/models"))
                .header("Authorization", "Bearer " + Tokens.user(PermitAllHost.PRO))
                .header("If-None-Match", models.headers().firstValue("ETag").orElseThrow())
                .build());
        assertThat(notModified.statusCode()).isEqualTo(304);

        JsonNode free = JSON.readTree(
                send(get("/api/models", Tokens.user(PermitAllHost.FREE))).body());
        assertThat(free.get("data").size()).isZero();
        assertThat(free.get("total_count").asInt()).isZero();
    }

    /**
     * The list response's required fields, and each model object's, from OpenRouter's documented schema: a field
     * without {@code ?} is required.
     */
    private static void assertMatchesOpenRoutersSchema(JsonNode body) throws Exception {
        List<String> lines = Files.readAllLines(SharedData.openRouterFile("api-models-schema.txt"));
        int start = lines.indexOf(lines.stream()
                .filter(line -> line.startsWith("== response 200 application/json: ModelsListResponse"))
                .findFirst()
                .orElseThrow());
        Set<String> topRequired = new TreeSet<>();
        Set<String> modelRequired = new TreeSet<>();
        String top = null;
        for (String line : lines.subList(start + 1, lines.size())) {
            if (line.startsWith("==")) {
                break;
            }
            int indent = line.length() - line.stripLeading().length();
            String name = line.strip().split(":", 2)[0];
            if (indent == 2) {
                top = name;
                if (!name.endsWith("?")) {
                    topRequired.add(name);
                }
            } else if (indent == 4 && "data".equals(top) && !name.endsWith("?")) {
                modelRequired.add(name);
            } else if (indent == 4 && "links".equals(top) && !name.endsWith("?")) {
                assertThat(body.get("links").has(name)).as("links." + name).isTrue();
            }
        }
        assertThat(topRequired).containsExactlyInAnyOrder("data", "links", "total_count");
        assertThat(modelRequired).contains("id", "name", "pricing", "architecture");
        for (String field : topRequired) {
            assertThat(body.has(field)).as(field).isTrue();
        }
        assertThat(body.get("total_count").isIntegralNumber()).isTrue();
        for (JsonNode model : body.get("data")) {
            for (String field : modelRequired) {
                assertThat(model.has(field))
                        .as(model.get("id") + " has " + field)
                        .isTrue();
            }
        }
    }

    @Test
    void anAdminChangesEveryModelMatchingAFilterOnceTheCountIsConfirmed() throws Exception {
        String admin = Tokens.admin(PermitAllHost.ADMIN);
        assertThat(send(post("/api/admin/sync", admin, "")).statusCode()).isEqualTo(200);
        String change = "{\"filter\":{\"status\":\"new\",\"provider\":\"mistralai\"},\"status\":\"disabled\"";
        String path = "/api/admin/models/review-matching";

        JsonNode dry = JSON.readTree(
                send(post(path + "?dry_run=true", admin, change + "}")).body());
        long matching = dry.get("matching").asLong();
        assertThat(matching).isPositive();
        assertThat(dry.get("changed").asInt()).isZero();
        assertThat(dry.get("dry_run").asBoolean()).isTrue();
        assertThat(JSON.readTree(send(post(path + "?dry_run=true", admin, change + "}"))
                                .body())
                        .get("matching")
                        .asLong())
                .as("a dry run writes nothing")
                .isEqualTo(matching);

        assertProblem(send(post(path, admin, change + ",\"expected_count\":" + (matching + 1) + "}")), 409);
        assertThat(JSON.readTree(send(post(path + "?dry_run=true", admin, change + "}"))
                                .body())
                        .get("matching")
                        .asLong())
                .as("a count that no longer holds changes nothing")
                .isEqualTo(matching);

        HttpResponse<String> done = send(post(path, admin, change + ",\"expected_count\":" + matching + "}"));
        assertThat(done.statusCode()).as(done.body()).isEqualTo(200);
        assertThat(JSON.readTree(done.body()).get("changed").asLong()).isEqualTo(matching);
        assertThat(JSON.readTree(send(get("/api/admin/models?status=disabled&q=mistralai/&limit=100", admin))
                                .body())
                        .get("total")
                        .asLong())
                .isGreaterThanOrEqualTo(matching);
        assertThat(JSON.readTree(send(post(path + "?dry_run=true", admin, change + "}"))
                                .body())
                        .get("matching")
                        .asLong())
                .isZero();
    }

    @Test
    void aReviewOfTheModelsMatchingAFilterRefusesWhatItCannotDo() throws Exception {
        String admin = Tokens.admin(PermitAllHost.ADMIN);
        String path = "/api/admin/models/review-matching";
        String change = "{\"filter\":{\"status\":\"new\"},\"status\":\"active\"";

        assertProblem(send(post(path, admin, change + "}")), 422);
        assertProblem(send(post(path, admin, change + ",\"expected_count\":-1}")), 422);
        assertProblem(send(post(path + "?dry_run=true", admin, "{\"status\":\"active\"}")), 422);
        assertProblem(send(post(path + "?dry_run=true", admin, "{\"filter\":{}}")), 422);
        assertProblem(
                send(post(path + "?dry_run=true", admin, "{\"filter\":{\"status\":\"gone\"},\"is_pro\":true}")), 422);
        assertProblem(
                send(post(
                        path + "?dry_run=true",
                        admin,
                        "{\"filter\":{\"q\":\"" + "x".repeat(201) + "\"},\"is_pro\":true}")),
                422);
        assertProblem(send(post(path + "?dry_run=true", Tokens.user(PermitAllHost.PRO), change + "}")), 403);
        assertProblem(send(post(path + "?dry_run=true", null, change + "}")), 401);
    }

    @Test
    void theHostsOwnJsonAndErrorsAreLeftAlone() throws Exception {
        HttpResponse<String> view = send(get("/api/host/view", null));
        assertThat(view.body()).contains("\"someValue\":\"x\"").contains("\"itemCount\":2");
        HttpResponse<String> echo = send(post("/api/host/echo", null, "{\"someValue\":\"y\",\"itemCount\":3}"));
        assertThat(echo.statusCode()).isEqualTo(200);
        assertThat(echo.body()).contains("\"someValue\":\"y\"");

        HttpResponse<String> missing = send(get("/api/host/missing", null));
        assertThat(missing.statusCode())
                .as("the module's 404 for ModelNotFoundException is for its own routes only")
                .isEqualTo(500);
        assertThat(missing.headers().firstValue("Content-Type").orElse("")).doesNotContain("problem+json");

        HttpResponse<String> bigHostBody =
                send(post("/api/host/echo", null, "{\"someValue\":\"" + "x".repeat(4096) + "\",\"itemCount\":1}"));
        assertThat(bigHostBody.statusCode())
                .as("the body limit is for the module's routes")
                .isEqualTo(200);
    }

    @Test
    void theModulesRoutesStaySnakeCaseAndProblemJson() throws Exception {
        HttpResponse<String> key = send(get("/api/me/default-model", Tokens.user(PermitAllHost.PRO)));
        assertThat(key.statusCode()).isEqualTo(200);
        assertThat(key.body()).contains("\"saved_model\"");
        assertProblem(send(get("/api/admin/models/no/such", Tokens.admin(PermitAllHost.ADMIN))), 404);
        assertProblem(send(get("/api/admin/models?limit=ten", Tokens.admin(PermitAllHost.ADMIN))), 400);
        assertProblem(
                send(patch("/api/admin/models/no/such", Tokens.admin(PermitAllHost.ADMIN), "{\"isPro\":true}")), 400);
    }

    @Test
    void aBodyOverTheLimitIs413BeforeItIsRead() throws Exception {
        String user = Tokens.user(PermitAllHost.PRO);
        String big = "{\"model\":\"" + "x".repeat(2048) + "\"}";
        HttpResponse<String> declared = send(put("/api/me/default-model", user, big));
        assertProblem(declared, 413);

        byte[] bytes = big.getBytes(StandardCharsets.UTF_8);
        HttpResponse<String> chunked = send(HttpRequest.newBuilder(uri("/api/me/default-model"))
                .header("Authorization", "Bearer " + user)
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(bytes)))
                .build());
        assertProblem(chunked, 413);

        String admin = Tokens.admin(PermitAllHost.ADMIN);
        assertProblem(send(patch("/api/admin/models/a/b", admin, "{\"status\":\"" + "x".repeat(2048) + "\"}")), 413);
        assertProblem(send(put("/api/me/default-model", user, "{\"model\":\"a/b\"}")), 422);
    }

    @Test
    void theDefaultResolverReadsTheJwtsSubjectAndAdminClaim() {
        assertThat(resolver).isInstanceOf(DefaultCallerResolver.class);
    }

    private void assertProblem(HttpResponse<String> response, int status) throws Exception {
        assertThat(response.statusCode())
                .as(response.uri() + " " + response.body())
                .isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type").orElse(""))
                .as(response.uri().toString())
                .startsWith("application/problem+json");
        JsonNode problem = JSON.readTree(response.body());
        assertThat(problem.get("status").asInt()).isEqualTo(status);
        assertThat(problem.get("detail").asString()).isNotBlank();
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    private HttpRequest get(String path, String token) {
        return authorized(HttpRequest.newBuilder(uri(path)).GET(), token);
    }

    private HttpRequest post(String path, String token, String body) {
        return withJson("POST", path, token, body);
    }

    private HttpRequest put(String path, String token, String body) {
        return withJson("PUT", path, token, body);
    }

    private HttpRequest patch(String path, String token, String body) {
        return withJson("PATCH", path, token, body);
    }

    private HttpRequest withJson(String method, String path, String token, String body) {
        return authorized(
                HttpRequest.newBuilder(uri(path))
                        .header("Content-Type", "application/json")
                        .method(method, HttpRequest.BodyPublishers.ofString(body)),
                token);
    }

    private static HttpRequest authorized(HttpRequest.Builder builder, String token) {
        if (token != null) {
            builder.header("Authorization", "Bearer " + token);
        }
        return builder.build();
    }

    private static HttpResponse<String> send(HttpRequest request) throws Exception {
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    }
}
