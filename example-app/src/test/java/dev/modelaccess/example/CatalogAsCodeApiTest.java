package dev.modelaccess.example;

import static dev.modelaccess.example.HttpAnswers.ok;
import static dev.modelaccess.example.HttpAnswers.problem;
import static org.assertj.core.api.Assertions.assertThat;

import dev.modelaccess.core.access.AccessRuleCache;
import dev.modelaccess.core.policy.CatalogRuleCache;
import dev.modelaccess.core.succession.SuccessionCache;
import dev.modelaccess.core.sync.SyncRunStatus;
import dev.modelaccess.core.sync.SyncTrigger;
import dev.modelaccess.spring.ModelAccessSyncJob;
import dev.modelaccess.testsupport.openrouter.LocalOpenRouter;
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
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

/**
 * The catalog as code over real HTTP, with real JWTs, on PostgreSQL: two apps on two schemas hold the same synced
 * catalog; the source has an admin's decisions, the target none. Export, import (dry run first), the 0-row re-import,
 * refusals that write nothing, and the guards of both routes.
 */
@WithPostgres
class CatalogAsCodeApiTest {

    static final UUID ADMIN = UUID.fromString("c0000000-0000-4000-8000-0000000000ad");
    static final UUID USER = UUID.fromString("c0000000-0000-4000-8000-000000000001");

    static final String GPT4O = "openai/gpt-4o";
    static final String SONNET = "anthropic/claude-3.5-sonnet";
    static final String LLAMA_FREE = "meta-llama/llama-3.3-70b-instruct:free";
    static final String MINI = "~openai/gpt-mini-latest";
    static final String OLD = "acme/old";
    static final String NEW = "acme/new";
    static final String OFF = "acme/off";
    static final String PENDING = "mistralai/mistral-large";
    static final String[] CATALOG = {GPT4O, SONNET, LLAMA_FREE, MINI, OLD, NEW, OFF, PENDING};

    static final String RULES = """
            {"rules":[
              {"name":"big-labs","match":{"authors":["anthropic/*","openai/*"],"max_prompt_price":"5"},
               "action":"approve","tiers":["pro","enterprise"]},
              {"name":"free-models","match":{"free":true},"action":"approve","tiers":["free"]},
              {"name":"rest-to-review","action":"review"}]}""";

    static TestSchema sourceSchema;
    static TestSchema targetSchema;
    static LocalOpenRouter openRouter;
    static RunningApp source;
    static RunningApp target;
    static DSLContext sourceDb;
    static DSLContext targetDb;

    @BeforeAll
    static void start(TestSchema schema) {
        sourceSchema = schema;
        targetSchema = schema.createSchema();
        openRouter = ExampleOpenRouter.serving(ExampleOpenRouter.models(CATALOG));
        source = app(sourceSchema);
        target = app(targetSchema);
        sourceDb = DSL.using(sourceSchema.dataSource(), SQLDialect.POSTGRES);
        targetDb = DSL.using(targetSchema.dataSource(), SQLDialect.POSTGRES);
        for (RunningApp app : List.of(source, target)) {
            assertThat(app.bean(ModelAccessSyncJob.class)
                            .run(SyncTrigger.MANUAL, false)
                            .run()
                            .status())
                    .isEqualTo(SyncRunStatus.SUCCEEDED);
        }
        decide();
    }

    static RunningApp app(TestSchema schema) {
        return RunningApp.start(
                schema,
                openRouter,
                "modelaccess.web.enabled=true",
                "modelaccess.catalog.listen.enabled=false",
                "modelaccess.web.max-import-size=16KB");
    }

    /** The source's decisions, through the admin API. */
    static void decide() {
        review(GPT4O, "{\"status\":\"active\",\"is_pro\":true,\"is_enterprise\":true}");
        review(SONNET, "{\"status\":\"active\",\"is_pro\":true,\"is_enterprise\":true}");
        review(LLAMA_FREE, "{\"status\":\"active\",\"is_free\":true}");
        review(MINI, "{\"status\":\"active\",\"is_free\":true,\"is_pro\":true}");
        review(NEW, "{\"status\":\"active\",\"is_pro\":true,\"is_enterprise\":true}");
        review(OLD, "{\"status\":\"active\",\"is_pro\":true,\"is_enterprise\":true}");
        review(OFF, "{\"status\":\"disabled\"}");
        ok(source.put("/api/admin/models/" + OLD + "/successor", admin(), "{\"successor\":\"" + NEW + "\"}"), 200);
        ok(source.put("/api/admin/tiers/pro/default-model", admin(), "{\"model\":\"" + GPT4O + "\"}"), 200);
        ok(source.put("/api/admin/tiers/free/default-model", admin(), "{\"model\":\"" + LLAMA_FREE + "\"}"), 200);
        ok(source.put("/api/admin/rules", admin(), RULES), 200);
    }

    static void review(String model, String change) {
        ok(source.patch("/api/admin/models/" + model, admin(), change), 200);
    }

    @AfterAll
    static void stop() {
        RunningApp.closeAll(source, target, openRouter);
    }

    /** The target as a fresh database holding the same synced catalog: every model new, no decision made. */
    @BeforeEach
    void freshTarget() {
        targetDb.execute("delete from model_successors");
        targetDb.execute("delete from tier_defaults");
        targetDb.execute("delete from catalog_rules");
        targetDb.execute("delete from model_access_events where actor = 'import'");
        targetDb.execute("update model_access set status = 'new', status_changed_at = first_seen_at,"
                + " is_free = false, is_pro = false, is_enterprise = false, reviewed_by = null, reviewed_at = null");
        target.bean(AccessRuleCache.class).reload();
        target.bean(CatalogRuleCache.class).reload();
        target.bean(SuccessionCache.class).reload();
    }

    static String admin() {
        return TestTokens.admin(ADMIN);
    }

    static HttpResponse<String> export(RunningApp app, @Nullable String token, String... headers) {
        return app.get("/api/admin/catalog/export", token, headers);
    }

    static String exportYaml(RunningApp app) {
        HttpResponse<String> response = export(app, admin());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/yaml"));
        return response.body();
    }

    static HttpResponse<String> importFile(RunningApp app, String query, String body, String contentType) {
        return app.send("POST", "/api/admin/catalog/import" + query, admin(), body, "Content-Type", contentType);
    }

    /**
     * Every row the decisions live in, with the transaction that last wrote it ({@code xmin}), and the number of
     * events: equal before and after means not one row was inserted, updated or deleted.
     */
    static List<String> rows(DSLContext db) {
        return db.fetch("""
                        select 'model ' || model_id || ' ' || xmin::text from model_access
                        union all select 'successor ' || model_access_id || ' ' || xmin::text from model_successors
                        union all select 'tier default ' || tier || ' ' || xmin::text from tier_defaults
                        union all select 'rule ' || position || ' ' || xmin::text from catalog_rules
                        union all select 'events ' || count(*) from model_access_events
                        union all select 'outbox ' || count(*) from model_access_outbox
                        order by 1""").getValues(0, String.class);
    }

    @Test
    void theExportImportedOntoAFreshDatabaseReproducesEveryDecisionAndImportingItAgainWritesNoRow() {
        String file = exportYaml(source);
        assertThat(file)
                .startsWith("version: 1\nmodels:\n- id: acme/new\n  status: active\n")
                .contains("- id: acme/old\n  status: active\n  is_free: false\n  is_pro: true\n  is_enterprise:"
                        + " true\n  successor: acme/new\n")
                .contains("tier_defaults:\n  free: " + LLAMA_FREE + "\n  pro: openai/gpt-4o\n")
                .contains("- name: big-labs\n");
        assertThat(file.indexOf("id: " + SONNET)).isLessThan(file.indexOf("id: " + GPT4O));
        List<String> before = rows(targetDb);

        JsonNode preview = ok(importFile(target, "", file, "application/yaml"), 200);

        assertThat(preview.get("dry_run").asBoolean())
                .as("dry_run is true unless given")
                .isTrue();
        assertThat(preview.get("applied").asBoolean()).isFalse();
        assertThat(preview.get("rows_written").asInt()).isZero();
        assertThat(preview.get("changed_models").asInt()).isEqualTo(7);
        assertThat(preview.get("unchanged_models").asInt()).as(PENDING).isEqualTo(1);
        assertThat(preview.get("unknown_models")).isEmpty();
        JsonNode old = model(preview, OLD);
        assertThat(old.get("changes").toString())
                .contains("{\"field\":\"status\",\"from\":\"new\",\"to\":\"active\"}")
                .contains("{\"field\":\"is_pro\",\"from\":false,\"to\":true}")
                .contains("{\"field\":\"successor\",\"from\":null,\"to\":\"acme/new\"}");
        assertThat(preview.get("rules")).hasSize(3);
        assertThat(preview.get("rules").get(0).get("change").asString()).isEqualTo("added");
        assertThat(preview.get("rules").get(0).get("to").get("name").asString()).isEqualTo("big-labs");
        assertThat(preview.get("tier_defaults").toString())
                .contains("{\"tier\":\"free\",\"from\":null,\"to\":\"" + LLAMA_FREE + "\"}")
                .contains("{\"tier\":\"pro\",\"from\":null,\"to\":\"openai/gpt-4o\"}");
        assertThat(rows(targetDb)).as("a dry run writes nothing").isEqualTo(before);

        JsonNode applied = ok(importFile(target, "?dry_run=false", file, "application/yaml"), 200);

        assertThat(applied.get("applied").asBoolean()).isTrue();
        assertThat(applied.get("rows_written").asInt()).isPositive();
        assertThat(applied.get("models").toString())
                .isEqualTo(preview.get("models").toString());
        assertThat(exportYaml(target)).as("every decision reproduced").isEqualTo(file);
        assertThat(targetDb.fetchValue(
                        "select count(*) from model_access_events where actor = 'import' and model_id = ?"
                                + " and kind = 'status_changed'",
                        OLD))
                .isEqualTo(1L);
        assertThat(targetDb.fetchValue(
                        "select count(*) from model_access_events where actor = 'import' and kind = ?",
                        "successor_changed"))
                .isEqualTo(1L);
        assertThat(target.bean(CatalogRuleCache.class).get().rules()).hasSize(3);
        assertThat(target.bean(SuccessionCache.class).current().successor(OLD))
                .hasValueSatisfying(
                        successor -> assertThat(successor.successorId()).isEqualTo(NEW));
        List<String> imported = rows(targetDb);

        JsonNode again = ok(importFile(target, "?dry_run=false", file, "application/yaml"), 200);

        assertThat(again.get("applied").asBoolean()).isTrue();
        assertThat(again.get("rows_written").asInt()).isZero();
        assertThat(again.get("models")).isEmpty();
        assertThat(again.get("rules")).isEmpty();
        assertThat(again.get("tier_defaults")).isEmpty();
        assertThat(again.get("unchanged_models").asInt()).isEqualTo(CATALOG.length);
        assertThat(rows(targetDb))
                .as("importing the export again writes no row")
                .isEqualTo(imported);
    }

    @Test
    void theExportIsJsonWhenAskedAndImportingItIntoTheSameCatalogWritesNoRow() {
        HttpResponse<String> response = export(source, admin(), "Accept", "application/json");
        JsonNode file = ok(response, 200);
        assertThat(file.get("version").asInt()).isEqualTo(1);
        assertThat(file.get("models"))
                .extracting(model -> model.get("id").asString())
                .isSorted();
        assertThat(file.get("tier_defaults").propertyNames()).containsExactly("free", "pro");
        List<String> before = rows(sourceDb);

        JsonNode report = ok(importFile(source, "?dry_run=false", response.body(), "application/json"), 200);

        assertThat(report.get("rows_written").asInt()).isZero();
        assertThat(report.get("unchanged_models").asInt()).isEqualTo(CATALOG.length);
        assertThat(rows(sourceDb)).isEqualTo(before);
    }

    @Test
    void modelsTheCatalogDoesNotHoldAreReportedAndNeverCreated() {
        String file = exportYaml(source).replace("models:\n", "models:\n- id: ghost/model\n  status: active\n");

        JsonNode report = ok(importFile(target, "?dry_run=false", file, "application/yaml"), 200);

        assertThat(report.get("unknown_models")).extracting(JsonNode::asString).containsExactly("ghost/model");
        assertThat(report.get("changed_models").asInt()).isEqualTo(7);
        assertThat(targetDb.fetchValue("select count(*) from model_access where model_id = 'ghost/model'"))
                .isEqualTo(0L);
    }

    @Test
    void onlyAdminsMayExportOrImport() {
        String user = TestTokens.user(USER);
        problem(export(source, user), 403);
        problem(importFile(source, "?dry_run=false", "version: 1\n", "application/yaml", user), 403);
        problem(export(source, null), 401);
        problem(importFile(source, "?dry_run=false", "version: 1\n", "application/yaml", null), 401);
        problem(export(source, TestTokens.signedWithAnotherSecret(ADMIN)), 401);
    }

    static HttpResponse<String> importFile(
            RunningApp app, String query, String body, String contentType, @Nullable String token) {
        return app.send("POST", "/api/admin/catalog/import" + query, token, body, "Content-Type", contentType);
    }

    /** One refused entry: nothing of the file is written, the valid changes before it included. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("refusals")
    void oneRefusedEntryWritesNothingOfTheFile(String what, String from, String to, int status, String field) {
        String file = exportYaml(source)
                .replace(
                        "- id: openai/gpt-4o\n  status: active\n  is_free: false\n",
                        "- id: openai/gpt-4o\n  status: active\n  is_free: true\n")
                .replace(from, to);
        List<String> before = rows(sourceDb);

        JsonNode problem = problem(importFile(source, "?dry_run=false", file, "application/yaml"), status);

        assertThat(problem.get("field").asString()).as(what).isEqualTo(field);
        assertThat(problem.get("line").asInt()).as("the line of the entry").isPositive();
        assertThat(rows(sourceDb)).as(what).isEqualTo(before);
        problem(importFile(source, "?dry_run=true", file, "application/yaml"), status);
    }

    static List<org.junit.jupiter.params.provider.Arguments> refusals() {
        return List.of(
                org.junit.jupiter.params.provider.Arguments.of(
                        "a status the lifecycle forbids",
                        "- id: acme/off\n  status: disabled\n",
                        "- id: acme/off\n  status: new\n",
                        409,
                        "models[1].status"),
                org.junit.jupiter.params.provider.Arguments.of(
                        "a retired successor",
                        "  successor: acme/new\n",
                        "  successor: acme/off\n",
                        422,
                        "models[2].successor"),
                org.junit.jupiter.params.provider.Arguments.of(
                        "a tier default the tier may not use",
                        "  pro: openai/gpt-4o\n",
                        "  pro: mistralai/mistral-large\n",
                        422,
                        "tier_defaults.pro"));
    }

    static JsonNode model(JsonNode report, String id) {
        for (JsonNode model : report.get("models")) {
            if (model.get("id").asString().equals(id)) {
                return model;
            }
        }
        throw new AssertionError(id + " not in " + report.get("models"));
    }

    /** The file, and the entry and line the 400 names. */
    static List<org.junit.jupiter.params.provider.Arguments> badFiles() {
        return List.of(
                bad("not YAML", "version: 1\nmodels: [\n  {id: a/b\n", "application/yaml", null, 3),
                bad(
                        "not JSON",
                        "{\"version\": 1,\n \"models\": [\n  {\"id\": \"a/b\",,}\n]}",
                        "application/json",
                        null,
                        3),
                bad(
                        "an unknown status",
                        "version: 1\nmodels:\n- id: openai/gpt-4o\n  status: active\n- id: acme/new\n"
                                + "  status: approved\n",
                        "application/yaml",
                        "models[1].status",
                        6),
                bad(
                        "an unknown status in JSON",
                        "{\"version\": 1,\n \"models\": [\n  {\"id\": \"acme/new\", \"status\": \"active\"},\n"
                                + "  {\"id\": \"acme/old\", \"status\": \"gone\"}\n]}",
                        "application/json",
                        "models[1].status",
                        4),
                bad(
                        "an unknown tier default",
                        "version: 1\ntier_defaults:\n  gold: openai/gpt-4o\n",
                        "application/yaml",
                        "tier_defaults.gold",
                        3),
                bad(
                        "an unknown tier in a rule",
                        "version: 1\nrules:\n- name: a\n  action: approve\n  tiers: [gold]\n",
                        "application/yaml",
                        "rules[0].tiers[0]",
                        3),
                bad(
                        "a bad model id",
                        "version: 1\nmodels:\n- id: ../etc/passwd\n  status: active\n",
                        "application/yaml",
                        "models[0].id",
                        3),
                bad(
                        "a model listed twice",
                        "version: 1\nmodels:\n- id: acme/new\n  status: active\n- id: acme/old\n  status: active\n"
                                + "- id: acme/new\n  status: disabled\n",
                        "application/yaml",
                        "models[2].id",
                        7),
                bad(
                        "a flag that is not true or false",
                        "version: 1\nmodels:\n- id: acme/new\n  status: active\n  is_pro: maybe\n",
                        "application/yaml",
                        "models[0].is_pro",
                        5),
                bad(
                        "an unknown field",
                        "version: 1\nmodels:\n- id: acme/new\n  status: active\n  is_gold: true\n",
                        "application/yaml",
                        "models[0].is_gold",
                        5),
                bad("no version", "models: []\n", "application/yaml", "version", null),
                bad("another version", "version: 2\nmodels: []\n", "application/yaml", "version", 1),
                bad("a list, not a mapping", "- id: acme/new\n", "application/yaml", "(file)", 1));
    }

    static org.junit.jupiter.params.provider.Arguments bad(
            String what, String body, String type, @Nullable String field, @Nullable Integer line) {
        return org.junit.jupiter.params.provider.Arguments.of(what, body, type, field, line);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badFiles")
    void aFileThatCannotBeReadIs400NamingTheEntryAndLineAndNothingIsWritten(
            String what, String body, String type, @Nullable String field, @Nullable Integer line) {
        List<String> before = rows(sourceDb);

        JsonNode problem = problem(importFile(source, "?dry_run=false", body, type), 400);

        if (field != null) {
            assertThat(problem.get("field").asString()).as(what).isEqualTo(field);
        }
        if (line == null) {
            assertThat(problem.has("line")).as(what).isFalse();
        } else {
            assertThat(problem.get("line").asInt()).as(what + ": " + problem).isEqualTo(line);
        }
        assertThat(rows(sourceDb)).as(what).isEqualTo(before);
    }

    @Test
    void aBodyThatIsNeitherYamlNorJsonIs415() {
        problem(importFile(source, "?dry_run=false", "version: 1\n", "text/csv"), 415);
    }

    @Test
    void aFileOverTheImportLimitIs413WithOrWithoutContentLengthAndNothingIsWritten() throws Exception {
        String file = exportYaml(source) + "#" + "x".repeat(17 * 1024) + "\n";
        List<String> before = rows(sourceDb);

        problem(importFile(source, "?dry_run=false", file, "application/yaml"), 413);

        HttpRequest chunked = HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + source.port + "/api/admin/catalog/import?dry_run=false"))
                .header("Authorization", "Bearer " + admin())
                .header("Content-Type", "application/yaml")
                .POST(HttpRequest.BodyPublishers.ofInputStream(
                        () -> new ByteArrayInputStream(file.getBytes(StandardCharsets.UTF_8))))
                .build();
        try (HttpClient client = HttpClient.newHttpClient()) {
            problem(client.send(chunked, HttpResponse.BodyHandlers.ofString()), 413);
        }
        assertThat(rows(sourceDb)).isEqualTo(before);
    }
}
