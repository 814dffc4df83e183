package dev.modelaccess.it.webhost;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.modelaccess.testsupport.openrouter.LocalOpenRouter;
import dev.modelaccess.testsupport.postgres.TestSchema;
import dev.modelaccess.testsupport.postgres.WithPostgres;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A fresh host ({@link WebHostApplication}) serves the library's API after setting one switch: the dropdown in
 * OpenRouter's envelope, the default model, the admin review, sync and runs, with the example app's answers (status
 * codes, problem documents, snake_case, ETag).
 */
@WithPostgres
class WebHostTest {

    static final UUID FREE = UUID.fromString("e1000000-0000-4000-8000-000000000001");
    static final UUID PRO = UUID.fromString("e1000000-0000-4000-8000-000000000002");
    static final UUID ADMIN = UUID.fromString("e1000000-0000-4000-8000-0000000000ad");
    static final List<String> IDS = List.of("openai/gpt-4o", "meta-llama/llama-3.3-70b-instruct:free", "x-ai/grok-3");

    static final JsonMapper JSON = JsonMapper.builder().build();
    static final HttpClient HTTP = HttpClient.newHttpClient();

    static TestSchema schema;
    static LocalOpenRouter openRouter;
    static ConfigurableApplicationContext host;
    static int port;

    @BeforeAll
    static void start() throws Exception {
        // integration-tests logs through slf4j-simple: the host must not insist on Logback
        System.setProperty("org.springframework.boot.logging.LoggingSystem", "none");
        openRouter = LocalOpenRouter.start().on("/api/v1/models", LocalOpenRouter.json(catalog()));
        host = new SpringApplicationBuilder(WebHostApplication.class)
                .properties(schema.springDatasource().toArray(String[]::new))
                .run(
                        "--server.port=0",
                        "--spring.main.banner-mode=off",
                        "--spring.flyway.locations=classpath:db/webhost",
                        "--spring.flyway.table=webhost_schema_history",
                        "--spring.flyway.baseline-on-migrate=true",
                        "--spring.flyway.baseline-version=0",
                        "--modelaccess.openrouter.base-url=" + openRouter.baseUrl(),
                        "--modelaccess.sync.run-on-startup=never",
                        "--modelaccess.sync.schedule.enabled=false",
                        "--modelaccess.web.enabled=true");
        port = Integer.parseInt(host.getEnvironment().getRequiredProperty("local.server.port"));
        try (Connection connection = schema.dataSource().getConnection();
                Statement statement = connection.createStatement()) {
            statement.execute("insert into profiles (id, tier) values ('" + FREE + "', 'free'), ('" + PRO
                    + "', 'pro'), ('" + ADMIN + "', 'enterprise')");
        }
    }

    @AfterAll
    static void stop() {
        if (host != null) {
            host.close();
        }
        if (openRouter != null) {
            openRouter.close();
        }
        System.clearProperty("org.springframework.boot.logging.LoggingSystem");
    }

    @Test
    void theHostServesTheApiAsTheExampleAppDoes() {
        String admin = admin(ADMIN);
        String pro = user(PRO);

        // the host's own chain: 401 without a token; the module: 403 for a user on admin routes
        problem(send("GET", "/api/models", null, null), 401);
        problem(send("GET", "/api/admin/models", pro, null), 403);
        problem(send("POST", "/api/admin/sync", pro, ""), 403);

        // a dry run writes nothing, a sync brings the three models as new
        JsonNode plan = ok(send("POST", "/api/admin/sync?dry_run=true", admin, ""));
        assertThat(plan.get("status").asString()).isEqualTo("planned");
        assertThat(plan.get("added").size()).isEqualTo(3);
        JsonNode run = ok(send("POST", "/api/admin/sync", admin, ""));
        assertThat(run.get("status").asString()).isEqualTo("succeeded");
        assertThat(run.get("added").asInt()).isEqualTo(3);
        assertThat(ok(send("GET", "/api/admin/sync-runs", admin, null))
                        .get("data")
                        .size())
                .isEqualTo(1);
        JsonNode page = ok(send("GET", "/api/admin/models?status=new", admin, null));
        assertThat(page.get("total").asInt()).isEqualTo(3);
        assertThat(page.get("data").get(0).has("first_seen_at")).isTrue();

        // nothing is visible before review
        JsonNode empty = ok(send("GET", "/api/models", pro, null));
        assertThat(empty.get("data").size()).isZero();
        assertThat(empty.get("total_count").asInt()).isZero();

        // review: approve two for pro, disable the third
        ok(send(
                "POST",
                "/api/admin/models/review",
                admin,
                "{\"changes\":[{\"model\":\"openai/gpt-4o\",\"status\":\"active\",\"is_pro\":true},"
                        + "{\"model\":\"meta-llama/llama-3.3-70b-instruct:free\",\"status\":\"active\",\"is_pro\":true,"
                        + "\"is_free\":true},{\"model\":\"x-ai/grok-3\",\"status\":\"disabled\"}]}"));
        JsonNode patched = ok(send("PATCH", "/api/admin/models/x-ai/grok-3", admin, "{\"is_enterprise\":true}"));
        assertThat(patched.get("is_enterprise").asBoolean()).isTrue();
        assertThat(patched.get("status").asString()).isEqualTo("disabled");
        problem(send("PATCH", "/api/admin/models/x-ai/grok-3", admin, "{\"status\":\"new\"}"), 409);
        problem(send("PATCH", "/api/admin/models/x-ai/grok-3", admin, "{\"is_admin\":true}"), 400);
        problem(send("PATCH", "/api/admin/models/no/such", admin, "{\"is_pro\":true}"), 404);
        problem(send("GET", "/api/admin/models?limit=0", admin, null), 422);
        JsonNode events = ok(send("GET", "/api/admin/models/openai/gpt-4o/events", admin, null));
        assertThat(events.get("data").size()).isPositive();

        // the dropdown: OpenRouter's envelope, ETag and 304
        HttpResponse<String> dropdown = send("GET", "/api/models", pro, null);
        JsonNode models = ok(dropdown);
        List<String> ids = new ArrayList<>();
        models.get("data").forEach(model -> ids.add(model.get("id").asString()));
        assertThat(ids).containsExactlyInAnyOrder("openai/gpt-4o", "meta-llama/llama-3.3-70b-instruct:free");
        assertThat(models.get("total_count").asInt()).isEqualTo(2);
        assertThat(models.get("links").get("next").isNull()).isTrue();
        assertThat(models.get("tier").asString()).isEqualTo("pro");
        String etag = dropdown.headers().firstValue("ETag").orElseThrow();
        HttpResponse<String> notModified = exchange(HttpRequest.newBuilder(uri("/api/models"))
                .header("Authorization", "Bearer " + pro)
                .header("If-None-Match", etag)
                .build());
        assertThat(notModified.statusCode()).isEqualTo(304);
        assertThat(ok(send("GET", "/api/models", user(FREE), null))
                        .get("total_count")
                        .asInt())
                .isEqualTo(1);

        // the default model
        problem(send("PUT", "/api/me/default-model", pro, "{\"model\":\"x-ai/grok-3\"}"), 422);
        problem(send("PUT", "/api/me/default-model", pro, "{\"model\":\"\"}"), 422);
        JsonNode chosen = ok(send("PUT", "/api/me/default-model", pro, "{\"model\":\"openai/gpt-4o\"}"));
        assertThat(chosen.get("model").asString()).isEqualTo("openai/gpt-4o");
        assertThat(chosen.get("saved_model").asString()).isEqualTo("openai/gpt-4o");
        assertThat(ok(send("GET", "/api/models", pro, null))
                        .get("default_model")
                        .asString())
                .isEqualTo("openai/gpt-4o");

        // the user's own key: none stored
        problem(send("GET", "/api/me/openrouter-key", pro, null), 404);
    }

    private static String catalog() {
        List<String> entries = new ArrayList<>();
        for (String id : IDS) {
            entries.add("""
                    {"id":"%s","canonical_slug":"%s","name":"Name of %s","created":1767225600,\
                    "description":"A model.","context_length":128000,\
                    "architecture":{"modality":"text->text","input_modalities":["text"],"output_modalities":["text"],\
                    "tokenizer":"Other","instruct_type":null},\
                    "pricing":{"prompt":"0.000001","completion":"0.000002"},\
                    "top_provider":{"context_length":128000,"max_completion_tokens":4096,"is_moderated":false},\
                    "per_request_limits":null,"supported_parameters":["max_tokens"],"default_parameters":{}}""".formatted(id, id, id));
        }
        return "{\"data\":[" + String.join(",", entries) + "],\"total_count\":" + IDS.size() + "}";
    }

    private static JsonNode ok(HttpResponse<String> response) {
        assertThat(response.statusCode())
                .as(response.uri() + " " + response.body())
                .isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("application/json");
        return JSON.readTree(response.body());
    }

    private static void problem(HttpResponse<String> response, int status) {
        assertThat(response.statusCode())
                .as(response.uri() + " " + response.body())
                .isEqualTo(status);
        if (status != 401) {
            assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
            JsonNode problem = JSON.readTree(response.body());
            assertThat(problem.get("status").asInt()).isEqualTo(status);
            assertThat(problem.get("detail").asString()).isNotBlank();
        }
    }

    private static URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    private static HttpResponse<String> send(
            String method, String path, @Nullable String token, @Nullable String json) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path))
                .timeout(Duration.ofSeconds(30))
                .method(
                        method,
                        json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return exchange(request.build());
    }

    private static HttpResponse<String> exchange(HttpRequest request) {
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static String user(UUID id) {
        return sign(claims(id).build());
    }

    static String admin(UUID id) {
        return sign(claims(id).claim("app_metadata", Map.of("role", "admin")).build());
    }

    private static JWTClaimsSet.Builder claims(UUID id) {
        return new JWTClaimsSet.Builder()
                .subject(id.toString())
                .issueTime(Date.from(Instant.now().minusSeconds(60)))
                .expirationTime(Date.from(Instant.now().plus(Duration.ofHours(1))));
    }

    private static String sign(JWTClaimsSet claims) {
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
            jwt.sign(new MACSigner(WebHostApplication.SECRET.getBytes(StandardCharsets.UTF_8)));
            return jwt.serialize();
        } catch (com.nimbusds.jose.JOSEException e) {
            throw new IllegalStateException(e);
        }
    }
}
