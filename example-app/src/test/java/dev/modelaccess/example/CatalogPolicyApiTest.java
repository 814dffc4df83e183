package dev.modelaccess.example;

import static dev.modelaccess.example.HttpAnswers.ok;
import static dev.modelaccess.example.HttpAnswers.problem;
import static org.assertj.core.api.Assertions.assertThat;

import dev.modelaccess.core.access.AccessRuleCache;
import dev.modelaccess.core.policy.CatalogRuleCache;
import dev.modelaccess.core.sync.SyncRunStatus;
import dev.modelaccess.core.sync.SyncTrigger;
import dev.modelaccess.spring.ModelAccessSyncJob;
import dev.modelaccess.testsupport.openrouter.LocalOpenRouter;
import dev.modelaccess.testsupport.postgres.TestSchema;
import dev.modelaccess.testsupport.postgres.WithPostgres;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;

/** The catalog policy's admin API over real HTTP, on PostgreSQL: rules, their preview and application, price holds. */
@WithPostgres
class CatalogPolicyApiTest {

    static final UUID ADMIN = UUID.fromString("f0000000-0000-4000-8000-0000000000ad");
    static final UUID PRO = UUID.fromString("f0000000-0000-4000-8000-000000000002");

    static final String GPT4O = "openai/gpt-4o";
    static final String SONNET = "anthropic/claude-3.5-sonnet";
    static final String LLAMA_FREE = "meta-llama/llama-3.3-70b-instruct:free";
    static final String MISTRAL = "mistralai/mistral-large";
    static final String O1_PRO = "openai/o1-pro";
    static final String NEWCOMER = "anthropic/claude-haiku-4.5";

    /** The issue's rule set, as the API spells it. */
    static final String ISSUE_RULES = """
            {"rules":[
              {"name":"big-labs-affordable","match":{"authors":["anthropic/*","openai/*"],"max_prompt_price":"5"},
               "action":"approve","tiers":["pro","enterprise"]},
              {"name":"free-models","match":{"free":true},"action":"approve","tiers":["free"]},
              {"name":"no-image-output","match":{"output_modality":"image"},"action":"disable"},
              {"name":"rest-to-review","action":"review"}]}""";

    static TestSchema schema;
    static LocalOpenRouter openRouter;
    static RunningApp app;
    static DSLContext dsl;

    static List<String> catalog(String gpt4oPrompt, String... extra) {
        List<String> models = new ArrayList<>(List.of(
                ExampleOpenRouter.model(GPT4O, gpt4oPrompt, "0.00001"),
                ExampleOpenRouter.model(SONNET, "0.000003", "0.000015"),
                ExampleOpenRouter.model(LLAMA_FREE, "0", "0"),
                ExampleOpenRouter.model(MISTRAL, "0.000002", "0.000006"),
                ExampleOpenRouter.model(O1_PRO, "0.00015", "0.0006")));
        for (String id : extra) {
            models.add(ExampleOpenRouter.model(id, "0.000001", "0.000005"));
        }
        return models;
    }

    @BeforeAll
    static void start() {
        openRouter = ExampleOpenRouter.serving(catalog("0.0000025"));
        app = RunningApp.start(schema, openRouter);
        dsl = DSL.using(schema.dataSource(), SQLDialect.POSTGRES);
        dsl.execute("insert into profiles (id, tier) values (?, 'pro'), (?, 'pro')", PRO, ADMIN);
        assertThat(sync().run().status()).isEqualTo(SyncRunStatus.SUCCEEDED);
    }

    @AfterAll
    static void stop() {
        RunningApp.closeAll(app, openRouter);
    }

    @BeforeEach
    void reset() {
        openRouter.on(ExampleOpenRouter.MODELS, ExampleOpenRouter.catalog(catalog("0.0000025")));
        dsl.execute("delete from model_access where model_id = ?", NEWCOMER);
        dsl.execute("update model_access set status = 'new', is_free = false, is_pro = false, is_enterprise = false");
        dsl.execute("delete from catalog_rules");
        dsl.execute("delete from model_review_holds");
        dsl.execute("delete from model_access_events where actor like 'rule:%' or kind in ('left_for_review',"
                + " 'price_hold', 'hold_cleared')");
        app.bean(CatalogRuleCache.class).reload();
        app.bean(AccessRuleCache.class).reload();
    }

    static dev.modelaccess.core.sync.SyncOutcome sync() {
        return app.bean(ModelAccessSyncJob.class).run(SyncTrigger.MANUAL, false);
    }

    static String admin() {
        return TestTokens.admin(ADMIN);
    }

    static String status(String id) {
        return dsl.fetchValue("select status from model_access where model_id = ?", id)
                .toString();
    }

    static JsonNode savedRules() {
        return ok(app.get("/api/admin/rules", admin()), 200).get("data");
    }

    @Test
    void aUserWhoIsNotAnAdminIsRefusedOnEveryPolicyRoute() {
        String user = TestTokens.user(PRO);
        problem(app.get("/api/admin/rules", user), 403);
        problem(app.put("/api/admin/rules", user, ISSUE_RULES), 403);
        problem(app.post("/api/admin/rules/preview", user, "{}"), 403);
        problem(app.post("/api/admin/rules/apply?dry_run=false", user, ""), 403);
        problem(app.get("/api/admin/models/held", user), 403);
        problem(app.delete("/api/admin/models/openai/gpt-4o/hold", user), 403);
        problem(app.get("/api/admin/catalog/facets", user), 403);
        assertThat(savedRules()).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            an invalid glob      | {"rules":[{"name":"a","match":{"model_id":"openai/gpt-[45]"},"action":"review"}]}         | rules[0].match.model_id
            a regex author       | {"rules":[{"name":"a","action":"review"},{"name":"b","match":{"authors":["open.*+"]},"action":"review"}]} | rules[1].match.authors[0]
            an unknown tier      | {"rules":[{"name":"a","action":"approve","tiers":["pro","gold"]}]}                       | rules[0].tiers[1]
            an unknown action    | {"rules":[{"name":"a","action":"allow"}]}                                                | rules[0].action
            a price not decimal  | {"rules":[{"name":"a","match":{"max_prompt_price":"five"},"action":"review"}]}           | rules[0].match.max_prompt_price
            a negative price     | {"rules":[{"name":"a","match":{"max_completion_price":-1},"action":"review"}]}           | rules[0].match.max_completion_price
            a name used twice    | {"rules":[{"name":"a","action":"review"},{"name":"a","action":"disable"}]}               | rules[1].name
            tiers on a disable   | {"rules":[{"name":"a","action":"disable","tiers":["pro"]}]}                              | rules[0].tiers
            no rules at all      | {}                                                                                       | rules
            """)
    void badRulesAre422NamingTheFieldAndNothingIsWritten(String what, String body, String field) {
        ok(app.put("/api/admin/rules", admin(), ISSUE_RULES), 200);

        JsonNode problem = problem(app.put("/api/admin/rules", admin(), body), 422);

        assertThat(problem.get("field").asString()).as(what).isEqualTo(field);
        assertThat(savedRules())
                .extracting(rule -> rule.get("name").asString())
                .containsExactly("big-labs-affordable", "free-models", "no-image-output", "rest-to-review");
        problem(
                app.post(
                        "/api/admin/rules/preview",
                        admin(),
                        body.equals("{}") ? "{\"rules\":null,\"syncs\":101}" : body),
                422);
    }

    @Test
    void thePreviewOfADraftCountsWhatItWouldDoAndWritesNothing() {
        JsonNode preview = ok(
                app.post(
                        "/api/admin/rules/preview",
                        admin(),
                        ISSUE_RULES.replace("{\"rules\"", "{\"syncs\":100,\"rules\"")),
                200);

        JsonNode pending = preview.get("pending");
        assertThat(pending.get("total").asInt()).isEqualTo(5);
        assertThat(pending.get("actions").get("approve").asInt()).isEqualTo(3);
        assertThat(pending.get("actions").get("review").asInt()).isEqualTo(2);
        assertThat(pending.get("actions").get("disable").asInt()).isZero();
        assertThat(pending.get("tiers").get("pro").asInt()).isEqualTo(2);
        assertThat(pending.get("tiers").get("free").asInt()).isEqualTo(1);
        assertThat(entry(pending, O1_PRO).get("rule").asString()).isEqualTo("rest-to-review");
        assertThat(entry(pending, SONNET).get("tiers"))
                .extracting(JsonNode::asString)
                .containsExactly("pro", "enterprise");
        assertThat(preview.get("recent").get("total").asInt())
                .as("the syncs added all five")
                .isEqualTo(5);
        assertThat(savedRules()).isEmpty();
        assertThat(status(SONNET)).isEqualTo("new");
    }

    @Test
    void savedRulesApplyToPendingModelsDryRunFirstThenForReal() {
        assertThat(ok(app.put("/api/admin/rules", admin(), ISSUE_RULES), 200).get("data"))
                .hasSize(4);

        JsonNode dryRun = ok(app.post("/api/admin/rules/apply?dry_run=true", admin(), ""), 200);
        assertThat(dryRun.get("dry_run").asBoolean()).isTrue();
        assertThat(dryRun.get("decided").asInt()).isEqualTo(5);
        assertThat(status(GPT4O)).isEqualTo("new");

        JsonNode applied = ok(app.post("/api/admin/rules/apply?dry_run=false", admin(), ""), 200);

        assertThat(applied.get("decided").asInt()).isEqualTo(5);
        assertThat(status(GPT4O)).isEqualTo("active");
        assertThat(status(LLAMA_FREE)).isEqualTo("active");
        assertThat(status(O1_PRO)).isEqualTo("new");
        JsonNode history = ok(app.get("/api/admin/models/" + GPT4O + "/events", admin()), 200)
                .get("data");
        assertThat(history.get(0).get("actor").asString()).isEqualTo("rule:big-labs-affordable");
    }

    @Test
    void theNextSyncDecidesTheModelsItAddsAndLeavesTheOthers() {
        ok(app.put("/api/admin/rules", admin(), ISSUE_RULES), 200);
        openRouter.on(ExampleOpenRouter.MODELS, ExampleOpenRouter.catalog(catalog("0.0000025", NEWCOMER)));

        assertThat(sync().run().counts().added()).isEqualTo(1);

        assertThat(status(NEWCOMER)).isEqualTo("active");
        assertThat(dsl.fetchValue(
                        "select is_pro and is_enterprise and not is_free from model_access where model_id = ?",
                        NEWCOMER))
                .isEqualTo(true);
        assertThat(status(GPT4O))
                .as("pending before the rules: left for the admin or apply")
                .isEqualTo("new");
        assertThat(app.bean(AccessRuleCache.class).current().rule(NEWCOMER))
                .as("this instance's access rules know the decision at once")
                .hasValueSatisfying(rule -> assertThat(rule.status().dbValue()).isEqualTo("active"));
    }

    @Test
    void aPriceThatMoreThanDoublesIsHeldUntilTheAdminClearsIt() {
        dsl.execute("update model_access set status = 'active', is_pro = true where model_id = ?", GPT4O);
        openRouter.on(ExampleOpenRouter.MODELS, ExampleOpenRouter.catalog(catalog("0.0000075")));

        assertThat(sync().run().status()).isEqualTo(SyncRunStatus.SUCCEEDED);

        JsonNode held = ok(app.get("/api/admin/models/held", admin()), 200).get("data");
        assertThat(held).hasSize(1);
        assertThat(held.get(0).get("model").asString()).isEqualTo(GPT4O);
        assertThat(held.get(0).get("reason").asString()).isEqualTo("price_rose");
        assertThat(held.get(0).get("old_prompt_per_million").asString()).isEqualTo("2.5");
        assertThat(held.get(0).get("new_prompt_per_million").asString()).isEqualTo("7.5");
        assertThat(status(GPT4O)).as("paying tiers keep it").isEqualTo("active");

        ok(app.delete("/api/admin/models/" + GPT4O + "/hold", admin()), 200);

        assertThat(ok(app.get("/api/admin/models/held", admin()), 200).get("data"))
                .isEmpty();
        problem(app.delete("/api/admin/models/" + GPT4O + "/hold", admin()), 404);
        JsonNode history = ok(app.get("/api/admin/models/" + GPT4O + "/events", admin()), 200)
                .get("data");
        assertThat(history.get(0).get("kind").asString()).isEqualTo("hold_cleared");
        assertThat(history.get(0).get("actor").asString()).isEqualTo(ADMIN.toString());
    }

    @Test
    void theFacetsListTheProvidersAndModalitiesInTheCatalog() {
        JsonNode facets = ok(app.get("/api/admin/catalog/facets", admin()), 200);

        assertThat(facets.get("providers"))
                .extracting(JsonNode::asString)
                .containsExactly("anthropic", "meta-llama", "mistralai", "openai");
        assertThat(facets.get("input_modalities"))
                .extracting(JsonNode::asString)
                .containsExactly("text");
    }

    static JsonNode entry(JsonNode outcome, String model) {
        for (JsonNode entry : outcome.get("models")) {
            if (entry.get("model").asString().equals(model)) {
                return entry;
            }
        }
        throw new AssertionError("no " + model + " in " + outcome);
    }
}
