package dev.modelaccess.example;

import static dev.modelaccess.example.HttpAnswers.ok;
import static dev.modelaccess.example.HttpAnswers.problem;
import static org.assertj.core.api.Assertions.assertThat;

import dev.modelaccess.core.access.AccessRuleCache;
import dev.modelaccess.core.succession.SuccessionCache;
import dev.modelaccess.core.sync.SyncTrigger;
import dev.modelaccess.spring.ModelAccessSyncJob;
import dev.modelaccess.testsupport.openrouter.LocalOpenRouter;
import dev.modelaccess.testsupport.postgres.TestSchema;
import dev.modelaccess.testsupport.postgres.WithPostgres;
import java.net.http.HttpResponse;
import java.util.List;
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
 * Successors and tier defaults through the whole app on a real PostgreSQL: the guards (422 naming the field, nothing
 * written), the dropdown's default before the carry-over, the carry-over itself (users' defaults and the app's
 * resources move, with an event holding the counts) and a database failure midway that leaves everything as it was.
 * The change feed is off (no LISTEN, and the catalog version polled only hourly), so that a carry-over runs exactly
 * when the test starts one (a sync, or naming a successor for a retired model). With the version polled every 2 s,
 * a slow machine let the poll carry the model over between the test's PATCH and its sync.
 */
@WithPostgres
class SuccessorsEndToEndTest {

    static final UUID ADMIN = UUID.fromString("e0000000-0000-4000-8000-0000000000ad");
    static final UUID ALICE = UUID.fromString("e0000000-0000-4000-8000-000000000001");
    static final UUID BOB = UUID.fromString("e0000000-0000-4000-8000-000000000002");
    static final UUID CAROL = UUID.fromString("e0000000-0000-4000-8000-000000000003");
    static final UUID FREDA = UUID.fromString("e0000000-0000-4000-8000-000000000004");

    static TestSchema schema;
    static LocalOpenRouter openRouter;
    static RunningApp app;
    static DSLContext dsl;

    static final String[] ALL = {
        "acme/old", "acme/new", "acme/newer", "acme/pro-only", "acme/free-only", "acme/off", "acme/other"
    };

    @BeforeAll
    static void start() {
        openRouter = ExampleOpenRouter.serving(ExampleOpenRouter.models(ALL));
        app = RunningApp.start(
                schema,
                openRouter,
                "modelaccess.web.enabled=true",
                "modelaccess.catalog.listen.enabled=false",
                "modelaccess.catalog.version-poll-interval=1h",
                "modelaccess.sync.run-on-startup=never",
                "modelaccess.sync.schedule.enabled=false",
                "modelaccess.profiles.cache-ttl=1ms",
                "modelaccess.profiles.max-stale=1ms");
        dsl = DSL.using(schema.dataSource(), SQLDialect.POSTGRES);
        app.bean(ModelAccessSyncJob.class).run(SyncTrigger.MANUAL, false);
    }

    @AfterAll
    static void stop() {
        RunningApp.closeAll(app, openRouter);
    }

    @BeforeEach
    void catalogProfilesAndResources() {
        dsl.execute("drop trigger if exists fail_carry_over on model_access_events");
        dsl.execute("delete from model_successors");
        dsl.execute("delete from tier_defaults");
        dsl.execute("delete from model_access_events");
        dsl.execute("delete from resources");
        dsl.execute("delete from profiles");
        dsl.execute("update model_access set status = 'active', is_free = false, is_pro = true, is_enterprise = true");
        dsl.execute("update model_access set is_enterprise = false where model_id = 'acme/pro-only'");
        dsl.execute("update model_access set is_free = true, is_pro = false, is_enterprise = false"
                + " where model_id = 'acme/free-only'");
        dsl.execute("update model_access set status = 'disabled' where model_id = 'acme/off'");
        dsl.execute(
                "insert into profiles (id, tier, default_model) values (?, 'pro', 'acme/old'),"
                        + " (?, 'enterprise', 'acme/old'), (?, 'pro', 'acme/other'), (?, 'free', null), (?, 'pro', null)",
                ALICE,
                BOB,
                CAROL,
                FREDA,
                ADMIN);
        for (UUID owner : List.of(ALICE, BOB)) {
            dsl.execute(
                    "insert into resources (owner_id, name, resource_type, openrouter_model_id, openrouter_config)"
                            + " select ?, 'Summarise', 'openrouter_instant', id,"
                            + " '{\"modelId\": \"acme/old\", \"params\": {}}'::jsonb"
                            + " from model_access where model_id = 'acme/old'",
                    owner);
        }
        app.bean(AccessRuleCache.class).reload();
        app.bean(SuccessionCache.class).reload();
    }

    static String admin() {
        return TestTokens.admin(ADMIN);
    }

    static HttpResponse<String> nameSuccessor(String model, String body) {
        return app.put("/api/admin/models/" + model + "/successor", admin(), body);
    }

    static String defaultOf(UUID user) {
        JsonNode body = ok(app.get("/api/me/default-model", TestTokens.user(user)), 200);
        return body.get("model").isNull() ? null : body.get("model").asString();
    }

    @Test
    void eachRefusedSuccessorIs422NamingTheFieldAndWritesNothing() {
        String before = everything();
        record Case(String model, String body, String field, String says) {}
        for (Case refused : List.of(
                new Case("acme/old", "{\"successor\":\"acme/unknown\"}", "successor", "no model"),
                new Case("acme/old", "{\"successor\":\"acme/off\"}", "successor", "disabled"),
                new Case("acme/old", "{\"successor\":\"acme/pro-only\"}", "successor", "enterprise tier"),
                new Case("acme/old", "{\"successor\":\"acme/free-only\"}", "successor", "not usable"),
                new Case("acme/old", "{\"successor\":\"acme/old\"}", "successor", "itself"),
                new Case("acme/old", "{\"successor\":\" \"}", "successor", "give"),
                new Case("acme/old", "{}", "successor", "give"))) {
            JsonNode problem = problem(nameSuccessor(refused.model(), refused.body()), 422);
            assertThat(problem.get("field").asString()).as(refused.body()).isEqualTo(refused.field());
            assertThat(problem.get("detail").asString()).as(refused.body()).contains(refused.says());
            assertThat(everything()).as(refused.body()).isEqualTo(before);
        }
    }

    @Test
    void aSuccessorThatClosesACycleIs422AndTheChainStaysAsItWas() {
        ok(nameSuccessor("acme/old", "{\"successor\":\"acme/new\"}"), 200);
        ok(nameSuccessor("acme/new", "{\"successor\":\"acme/newer\"}"), 200);
        String before = everything();

        JsonNode problem = problem(nameSuccessor("acme/newer", "{\"successor\":\"acme/old\"}"), 422);

        assertThat(problem.get("field").asString()).isEqualTo("successor");
        assertThat(problem.get("detail").asString()).contains("cycle");
        assertThat(everything()).isEqualTo(before);
    }

    @Test
    void anUnknownModelInThePathIs404() {
        problem(nameSuccessor("acme/unknown", "{\"successor\":\"acme/new\"}"), 404);
        problem(app.get("/api/admin/models/acme/unknown/successor", admin()), 404);
        problem(app.delete("/api/admin/models/acme/unknown/successor", admin()), 404);
    }

    @Test
    void aNonAdminCannotNameASuccessorNorSetATierDefault() {
        String user = TestTokens.user(ALICE);
        problem(app.put("/api/admin/models/acme/old/successor", user, "{\"successor\":\"acme/new\"}"), 403);
        problem(app.put("/api/admin/tiers/pro/default-model", user, "{\"model\":\"acme/new\"}"), 403);
        assertThat(dsl.fetchCount(DSL.table("model_successors"))).isZero();
        assertThat(dsl.fetchCount(DSL.table("tier_defaults"))).isZero();
    }

    @Test
    void untilTheCarryOverRunsTheDropdownOffersTheSuccessorThenTheSyncMovesUsersAndResources() {
        ok(nameSuccessor("acme/old", "{\"successor\":\"acme/new\"}"), 200);
        assertThat(defaultOf(ALICE)).as("the old model is still usable").isEqualTo("acme/old");

        ok(app.patch("/api/admin/models/acme/old", admin(), "{\"status\":\"disabled\"}"), 200);

        assertThat(profileDefault(ALICE)).as("not moved yet").isEqualTo("acme/old");
        assertThat(defaultOf(ALICE)).as("but offered the successor").isEqualTo("acme/new");
        assertThat(defaultOf(BOB)).isEqualTo("acme/new");
        assertThat(defaultOf(CAROL)).as("another default is left alone").isEqualTo("acme/other");

        app.bean(ModelAccessSyncJob.class).run(SyncTrigger.MANUAL, false);

        assertThat(profileDefault(ALICE)).isEqualTo("acme/new");
        assertThat(profileDefault(BOB)).isEqualTo("acme/new");
        assertThat(profileDefault(CAROL)).isEqualTo("acme/other");
        assertThat(resourceModels()).containsExactly("acme/new acme/new", "acme/new acme/new");
        JsonNode carried = carriedOverEvent("acme/old");
        assertThat(carried.get("actor").asString()).isEqualTo("sync");
        assertThat(carried.get("after").get("successor").asString()).isEqualTo("acme/new");
        assertThat(carried.get("after").get("users").asString()).isEqualTo("2");
        assertThat(carried.get("after").get("resources").asString()).isEqualTo("2");
        assertThat(dsl.fetchValue("select carried_over_at is not null from model_successors"))
                .isEqualTo(true);

        app.bean(ModelAccessSyncJob.class).run(SyncTrigger.MANUAL, false);
        assertThat(dsl.fetchCount(
                        DSL.table("model_access_events"), DSL.field("kind").eq("carried_over")))
                .as("carried over once per retirement")
                .isOne();
    }

    @Test
    void aModelTheSyncRetiresIsCarriedOverByThatSyncAndAgainWhenItRetiresAgainAfterComingBack() {
        ok(nameSuccessor("acme/old", "{\"successor\":\"acme/new\"}"), 200);
        ExampleOpenRouter.serve(
                openRouter, "acme/new", "acme/newer", "acme/pro-only", "acme/free-only", "acme/off", "acme/other");
        try {
            app.bean(ModelAccessSyncJob.class).run(SyncTrigger.MANUAL, true);

            assertThat(dsl.fetchValue("select status from model_access where model_id = 'acme/old'"))
                    .isEqualTo("inactive");
            assertThat(profileDefault(ALICE)).isEqualTo("acme/new");
            assertThat(resourceModels()).containsOnly("acme/new acme/new");
        } finally {
            ExampleOpenRouter.serve(openRouter, ALL);
            app.bean(ModelAccessSyncJob.class).run(SyncTrigger.MANUAL, true);
        }
        assertThat(dsl.fetchValue("select status from model_access where model_id = 'acme/old'"))
                .as("back upstream")
                .isEqualTo("active");
        dsl.execute("update profiles set default_model = 'acme/old' where id = ?", ALICE);

        ok(app.patch("/api/admin/models/acme/old", admin(), "{\"status\":\"disabled\"}"), 200);
        app.bean(ModelAccessSyncJob.class).run(SyncTrigger.MANUAL, false);

        assertThat(profileDefault(ALICE)).isEqualTo("acme/new");
        assertThat(dsl.fetchCount(
                        DSL.table("model_access_events"), DSL.field("kind").eq("carried_over")))
                .as("once per retirement")
                .isEqualTo(2);
    }

    @Test
    void namingASuccessorForARetiredModelCarriesItOverAtOnceToTheNearestOneNotRetired() {
        ok(nameSuccessor("acme/new", "{\"successor\":\"acme/newer\"}"), 200);
        ok(app.patch("/api/admin/models/acme/new", admin(), "{\"status\":\"disabled\"}"), 200);
        ok(app.patch("/api/admin/models/acme/old", admin(), "{\"status\":\"disabled\"}"), 200);
        dsl.execute("update model_access set status = 'active' where model_id = 'acme/new'");
        app.bean(AccessRuleCache.class).reload();

        JsonNode named = ok(nameSuccessor("acme/old", "{\"successor\":\"acme/new\"}"), 200);
        assertThat(named.get("carried_over").get("successor").asString()).isEqualTo("acme/new");

        assertThat(named.get("carried_over").get("moved").get("users").asInt()).isEqualTo(2);
        assertThat(named.get("carried_over").get("moved").get("resources").asInt())
                .isEqualTo(2);
        assertThat(profileDefault(ALICE)).isEqualTo("acme/new");
        assertThat(resourceModels()).containsOnly("acme/new acme/new");
        JsonNode carried = carriedOverEvent("acme/old");
        assertThat(carried.get("actor").asString()).isEqualTo(ADMIN.toString());
    }

    @Test
    void aDatabaseFailureMidwayLeavesUsersResourcesSuccessorAndHistoryAsTheyWere() {
        ok(app.patch("/api/admin/models/acme/old", admin(), "{\"status\":\"disabled\"}"), 200);
        // fails after users and resources were repointed: on the carry-over's event, the last write of the move
        dsl.execute("""
                create or replace function fail_carry_over() returns trigger language plpgsql as $$
                begin
                    if new.kind = 'carried_over' then
                        raise exception 'disk full (test)';
                    end if;
                    return new;
                end;
                $$;
                create trigger fail_carry_over before insert on model_access_events
                    for each row execute function fail_carry_over();
                """);
        String before = everything();

        HttpResponse<String> failed = nameSuccessor("acme/old", "{\"successor\":\"acme/new\"}");

        problem(failed, 503);
        assertThat(everything()).isEqualTo(before);
        assertThat(profileDefault(ALICE)).isEqualTo("acme/old");
        assertThat(resourceModels()).containsOnly("acme/old acme/old");

        dsl.execute("drop trigger fail_carry_over on model_access_events");
        ok(nameSuccessor("acme/old", "{\"successor\":\"acme/new\"}"), 200);
        assertThat(profileDefault(ALICE))
                .as("the same move succeeds once the database does")
                .isEqualTo("acme/new");
    }

    @Test
    void aTierDefaultIsOfferedToTheTiersUsersWithoutAUsableDefaultOfTheirOwn() {
        assertThat(defaultOf(ADMIN)).isNull();

        JsonNode set = ok(app.put("/api/admin/tiers/pro/default-model", admin(), "{\"model\":\"acme/newer\"}"), 200);

        assertThat(set.get("model").asString()).isEqualTo("acme/newer");
        assertThat(defaultOf(ADMIN)).isEqualTo("acme/newer");
        assertThat(defaultOf(CAROL)).as("an own usable default comes first").isEqualTo("acme/other");
        assertThat(defaultOf(FREDA)).as("another tier").isNull();
        assertThat(ok(app.get("/api/admin/tiers/pro/default-model", admin()), 200)
                        .get("model")
                        .asString())
                .isEqualTo("acme/newer");
        JsonNode all = ok(app.get("/api/admin/successors", admin()), 200);
        assertThat(all.get("tier_defaults").get(0).get("tier").asString()).isEqualTo("pro");

        assertThat(app.delete("/api/admin/tiers/pro/default-model", admin()).statusCode())
                .isEqualTo(204);
        assertThat(defaultOf(ADMIN)).isNull();
    }

    @Test
    void eachRefusedTierDefaultIs422NamingTheFieldAndWritesNothing() {
        String before = everything();
        record Case(String tier, String body, String field) {}
        for (Case refused : List.of(
                new Case("platinum", "{\"model\":\"acme/new\"}", "tier"),
                new Case("free", "{\"model\":\"acme/new\"}", "model"),
                new Case("pro", "{\"model\":\"acme/off\"}", "model"),
                new Case("pro", "{\"model\":\"acme/unknown\"}", "model"),
                new Case("pro", "{}", "model"))) {
            JsonNode problem = problem(
                    app.put("/api/admin/tiers/" + refused.tier() + "/default-model", admin(), refused.body()), 422);
            assertThat(problem.get("field").asString()).as(refused.toString()).isEqualTo(refused.field());
            assertThat(everything()).as(refused.toString()).isEqualTo(before);
        }
        problem(app.get("/api/admin/tiers/platinum/default-model", admin()), 422);
    }

    @Test
    void theRoutesAreDescribedInTheOpenApiWithA422ThatNamesTheField() {
        JsonNode paths = ok(app.get("/v3/api-docs", null), 200).get("paths");
        JsonNode successor = paths.get("/api/admin/models/{author}/{slug}/successor");
        JsonNode tierDefault = paths.get("/api/admin/tiers/{tier}/default-model");
        assertThat(paths.has("/api/admin/successors")).isTrue();
        for (JsonNode operation : List.of(
                successor.get("put"), successor.get("delete"), tierDefault.get("put"), tierDefault.get("get"))) {
            assertThat(operation.get("responses").get("422").get("description").asString())
                    .contains("field names");
            assertThat(operation.get("responses").get("403")).isNotNull();
        }
        assertThat(successor.get("put").get("responses").get("404")).isNotNull();
    }

    private static String profileDefault(UUID user) {
        return dsl.fetchValue("select default_model from profiles where id = ?", user)
                .toString();
    }

    /** Each resource's model, as its row points at it and as its stored configuration names it. */
    private static List<String> resourceModels() {
        return dsl.fetch("select m.model_id || ' ' || (r.openrouter_config ->> 'modelId') from resources r"
                        + " join model_access m on m.id = r.openrouter_model_id order by r.owner_id")
                .getValues(0, String.class);
    }

    private static JsonNode carriedOverEvent(String model) {
        JsonNode events = ok(app.get("/api/admin/models/" + model + "/events", admin()), 200);
        for (JsonNode event : events.get("data")) {
            if (event.get("kind").asString().equals("carried_over")) {
                return event;
            }
        }
        throw new AssertionError("no carried_over event in " + events);
    }

    /** Every row this feature may write, as text: successors, tier defaults, events, profiles, resources. */
    private static String everything() {
        return String.join(
                "\n",
                dsl.fetch("select * from model_successors order by 1").formatCSV(),
                dsl.fetch("select * from tier_defaults order by 1").formatCSV(),
                dsl.fetch("select model_id, kind, old_value, new_value, actor from model_access_events order by id")
                        .formatCSV(),
                dsl.fetch("select id, tier, default_model from profiles order by id")
                        .formatCSV(),
                dsl.fetch("select id, openrouter_model_id, openrouter_config, updated_at from resources order by id")
                        .formatCSV());
    }
}
