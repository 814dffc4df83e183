package dev.modelaccess.example;

import static dev.modelaccess.example.HttpAnswers.JSON;
import static dev.modelaccess.example.HttpAnswers.json;
import static dev.modelaccess.example.HttpAnswers.problem;
import static org.assertj.core.api.Assertions.assertThat;

import dev.modelaccess.core.access.AccessRuleCache;
import dev.modelaccess.core.catalog.ModelStatus;
import dev.modelaccess.core.catalog.TierFlags;
import dev.modelaccess.core.sync.SyncRunStatus;
import dev.modelaccess.core.sync.SyncTrigger;
import dev.modelaccess.example.resources.ResourcesProperties;
import dev.modelaccess.spring.CachingUserProfiles;
import dev.modelaccess.spring.ModelAccessSyncJob;
import dev.modelaccess.testsupport.openrouter.LocalOpenRouter;
import dev.modelaccess.testsupport.postgres.TestSchema;
import dev.modelaccess.testsupport.postgres.WithPostgres;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.context.ApplicationListener;
import org.springframework.web.context.support.ServletRequestHandledEvent;
import tools.jackson.databind.JsonNode;

/** The example app over real HTTP, with real JWTs, on PostgreSQL, with OpenRouter played on loopback. */
@WithPostgres
class ApiEndToEndTest {

    static final UUID FREE = UUID.fromString("f0000000-0000-4000-8000-000000000001");
    static final UUID PRO = UUID.fromString("f0000000-0000-4000-8000-000000000002");
    static final UUID ENTERPRISE = UUID.fromString("f0000000-0000-4000-8000-000000000003");
    static final UUID NO_PROFILE = UUID.fromString("f0000000-0000-4000-8000-000000000004");
    static final UUID ADMIN = UUID.fromString("f0000000-0000-4000-8000-0000000000ad");

    static final String GPT4O = "openai/gpt-4o";
    static final String LLAMA_FREE = "meta-llama/llama-3.3-70b-instruct:free";
    static final String ALIAS = "~openai/gpt-mini-latest";
    static final String GROK_BETA = "x-ai/grok-3-mini:beta";
    static final String DOTTED = "qwen/qwen-2.5-72b-instruct";
    static final String NEW_MODEL = "mistralai/mistral-small-3.1-24b-instruct";
    static final String DISABLED = "google/gemini-2.0-flash-001";
    static final String GONE = "anthropic/claude-2.1";

    static final String[] LIVE = {GPT4O, LLAMA_FREE, ALIAS, GROK_BETA, DOTTED, NEW_MODEL, DISABLED};
    static final String[] LIVE_AND_GONE = {GPT4O, LLAMA_FREE, ALIAS, GROK_BETA, DOTTED, NEW_MODEL, DISABLED, GONE};

    static TestSchema schema;
    static LocalOpenRouter openRouter;
    static RunningApp app;
    static DSLContext dsl;

    @BeforeAll
    static void start() throws Exception {
        openRouter = ExampleOpenRouter.serving(ExampleOpenRouter.models(LIVE_AND_GONE));
        app = RunningApp.start(schema, openRouter);
        dsl = DSL.using(schema.dataSource(), SQLDialect.POSTGRES);
        dsl.execute(
                "insert into profiles (id, tier) values (?, 'free'), (?, 'pro'), (?, 'enterprise'), (?, 'pro')",
                FREE,
                PRO,
                ENTERPRISE,
                ADMIN);
        ModelAccessSyncJob sync = app.bean(ModelAccessSyncJob.class);
        assertThat(sync.run(SyncTrigger.MANUAL, false).run().status()).isEqualTo(SyncRunStatus.SUCCEEDED);
        ExampleOpenRouter.serve(openRouter, LIVE);
        assertThat(sync.run(SyncTrigger.MANUAL, true).run().counts().deactivated())
                .isEqualTo(1);
    }

    /** Puts every model back in the state the tests expect, with plain SQL (the catalog's triggers notify). */
    @BeforeEach
    void resetCatalog() {
        ExampleOpenRouter.serve(openRouter, LIVE);
        for (String id : LIVE_AND_GONE) {
            TierFlags flags = flags(id);
            dsl.execute(
                    "update model_access set status = ?, is_free = ?, is_pro = ?, is_enterprise = ? where model_id = ?",
                    status(id).dbValue(),
                    flags.free(),
                    flags.pro(),
                    flags.enterprise(),
                    id);
        }
        dsl.execute("update profiles set default_model = null");
        app.bean(AccessRuleCache.class).reload();
        app.bean(CachingUserProfiles.class).invalidateAll();
    }

    @AfterAll
    static void stop() {
        RunningApp.closeAll(app, openRouter);
    }

    private static ModelStatus status(String id) {
        return switch (id) {
            case NEW_MODEL -> ModelStatus.NEW;
            case DISABLED -> ModelStatus.DISABLED;
            case GONE -> ModelStatus.INACTIVE;
            default -> ModelStatus.ACTIVE;
        };
    }

    private static TierFlags flags(String id) {
        return switch (id) {
            case GPT4O -> new TierFlags(false, true, true);
            case LLAMA_FREE -> new TierFlags(true, true, true);
            case ALIAS -> new TierFlags(true, false, false);
            case GROK_BETA, DOTTED -> new TierFlags(false, false, true);
            case DISABLED, GONE -> new TierFlags(true, true, true);
            default -> TierFlags.NONE;
        };
    }

    static List<String> ids(HttpResponse<String> response) {
        List<String> ids = new ArrayList<>();
        json(response).get("data").forEach(model -> ids.add(model.get("id").asString()));
        return ids;
    }

    static String path(String id) {
        return "/api/admin/models/" + id;
    }

    /** Work the app leaves out of every request. */
    @Nested
    class PerRequestWork {

        @Test
        void aServedRequestPublishesNoApplicationEvent() throws InterruptedException {
            List<ServletRequestHandledEvent> published = new CopyOnWriteArrayList<>();
            ApplicationListener<ServletRequestHandledEvent> listener = published::add;
            app.context.addApplicationListener(listener);
            try {
                assertThat(app.get("/api/models", TestTokens.user(PRO)).statusCode())
                        .isEqualTo(200);
                // The servlet publishes it after writing the answer: give it time to, were it switched on.
                Thread.sleep(300);
            } finally {
                app.context.removeApplicationListener(listener);
            }

            assertThat(published).isEmpty();
        }
    }

    @Nested
    class Authentication {

        @Test
        void noTokenIsUnauthorizedWithABearerChallenge() {
            HttpResponse<String> response = app.get("/api/models", null);

            problem(response, 401);
            assertThat(response.headers().firstValue("WWW-Authenticate"))
                    .hasValueSatisfying(value -> assertThat(value).startsWith("Bearer"));
        }

        @Test
        void anExpiredTokenIsUnauthorized() {
            problem(app.get("/api/models", TestTokens.expired(PRO)), 401);
        }

        @Test
        void aTokenSignedWithAnotherSecretIsUnauthorized() {
            problem(app.get("/api/admin/models", TestTokens.signedWithAnotherSecret(ADMIN)), 401);
        }

        @Test
        void anUnsignedAlgNoneTokenIsUnauthorizedEvenClaimingAdmin() {
            problem(app.get("/api/admin/models", TestTokens.unsigned(ADMIN)), 401);
            problem(app.get("/api/models", TestTokens.unsigned(PRO)), 401);
        }

        @Test
        void aSubjectThatIsNotAUuidIsUnauthorized() {
            problem(app.get("/api/models", TestTokens.withSubject("'; drop table profiles; --")), 401);
        }

        @Test
        void garbageIsUnauthorized() {
            problem(app.get("/api/models", "not.a.jwt"), 401);
            problem(app.get("/api/models", "x".repeat(5000)), 401);
        }

        @Test
        void aUserOnAnAdminRouteIsForbidden() {
            problem(app.get("/api/admin/models", TestTokens.user(PRO)), 403);
            problem(app.patch(path(NEW_MODEL), TestTokens.user(PRO), "{\"status\":\"active\"}"), 403);
            problem(app.get("/api/admin/sync-runs", TestTokens.user(ENTERPRISE)), 403);
        }

        @Test
        void anAdminOnAnAdminRouteIsServed() {
            assertThat(app.get("/api/admin/models", TestTokens.admin(ADMIN)).statusCode())
                    .isEqualTo(200);
        }
    }

    @Nested
    class Dropdown {

        @Test
        void eachTierSeesItsApprovedLiveModels() {
            assertThat(ids(app.get("/api/models", TestTokens.user(FREE)))).containsExactly(LLAMA_FREE, ALIAS);
            assertThat(ids(app.get("/api/models", TestTokens.user(PRO)))).containsExactly(GPT4O, LLAMA_FREE);
            assertThat(ids(app.get("/api/models", TestTokens.user(ENTERPRISE))))
                    .containsExactly(GPT4O, LLAMA_FREE, GROK_BETA, DOTTED);
        }

        @Test
        void aUserWithoutProfileIsOnTheFreeTier() {
            JsonNode body = json(app.get("/api/models", TestTokens.user(NO_PROFILE)));

            assertThat(body.get("tier").asString()).isEqualTo("free");
            assertThat(body.get("default_model").isNull()).isTrue();
        }

        @Test
        void theModelsAreOpenRouterShaped() {
            HttpResponse<String> response = app.get("/api/models", TestTokens.user(PRO));

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().firstValue("Content-Type"))
                    .hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
            JsonNode gpt = json(response).get("data").get(0);
            assertThat(gpt.get("id").asString()).isEqualTo(GPT4O);
            assertThat(gpt.get("pricing").get("prompt").asString()).isEqualTo("0.000001");
            assertThat(gpt.get("context_length").asInt()).isEqualTo(32768);
            assertThat(gpt.get("architecture").get("input_modalities").get(0).asString())
                    .isEqualTo("text");
            assertThat(json(response).get("tier").asString()).isEqualTo("pro");
            assertThat(json(response).get("total_count").asInt()).isEqualTo(2);
            assertThat(json(response).get("links").get("next").isNull()).isTrue();
        }

        @Test
        void theSameETagAnswers304WithoutABody() {
            HttpResponse<String> first = app.get("/api/models", TestTokens.user(PRO));
            String etag = first.headers().firstValue("ETag").orElseThrow();

            HttpResponse<String> again = app.get("/api/models", TestTokens.user(PRO), "If-None-Match", etag);

            assertThat(again.statusCode()).isEqualTo(304);
            assertThat(again.body()).isEmpty();
            assertThat(again.headers().firstValue("ETag")).contains(etag);
        }

        /** If-None-Match headers (one per element) naming the ETag, written as %s, among others or weakly. */
        static Stream<List<String>> ifNoneMatchNamingTheETag() {
            return Stream.of(
                    List.of("\"other\", %s"),
                    List.of("%s,\"other\""),
                    List.of("W/%s"),
                    List.of("*"),
                    List.of("\"other\"", "%s"));
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("ifNoneMatchNamingTheETag")
        void anIfNoneMatchThatNamesTheETagAmongOthersOrWeaklyAnswers304(List<String> values) {
            String etag = app.get("/api/models", TestTokens.user(PRO))
                    .headers()
                    .firstValue("ETag")
                    .orElseThrow();
            List<String> headers = new ArrayList<>();
            values.forEach(value -> headers.addAll(List.of("If-None-Match", value.formatted(etag))));

            HttpResponse<String> again = app.get("/api/models", TestTokens.user(PRO), headers.toArray(String[]::new));

            assertThat(again.statusCode()).isEqualTo(304);
            assertThat(again.body()).isEmpty();
        }

        @ParameterizedTest(name = "{0}")
        @ValueSource(strings = {"\"other\"", "\"other\", W/\"another\"", ""})
        void anIfNoneMatchThatDoesNotNameTheETagAnswersTheList(String ifNoneMatch) {
            HttpResponse<String> response = app.get("/api/models", TestTokens.user(PRO), "If-None-Match", ifNoneMatch);

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(json(response).get("total_count").asInt()).isEqualTo(2);
        }

        @Test
        void anotherTierOrAnotherDefaultGivesAnotherETag() {
            String pro = app.get("/api/models", TestTokens.user(PRO))
                    .headers()
                    .firstValue("ETag")
                    .orElseThrow();
            String enterprise = app.get("/api/models", TestTokens.user(ENTERPRISE))
                    .headers()
                    .firstValue("ETag")
                    .orElseThrow();
            assertThat(enterprise).isNotEqualTo(pro);

            app.put("/api/me/default-model", TestTokens.user(PRO), "{\"model\":\"" + LLAMA_FREE + "\"}");

            HttpResponse<String> afterChange = app.get("/api/models", TestTokens.user(PRO), "If-None-Match", pro);
            assertThat(afterChange.statusCode()).isEqualTo(200);
            assertThat(afterChange.headers().firstValue("ETag"))
                    .isPresent()
                    .get()
                    .isNotEqualTo(pro);
        }
    }

    @Nested
    class DefaultModel {

        @Test
        void aUsableModelBecomesTheDefaultEverywhere() {
            HttpResponse<String> put =
                    app.put("/api/me/default-model", TestTokens.user(PRO), "{\"model\":\"" + GPT4O + "\"}");

            assertThat(put.statusCode()).as(put.body()).isEqualTo(200);
            assertThat(json(put).get("model").asString()).isEqualTo(GPT4O);
            assertThat(json(app.get("/api/me/default-model", TestTokens.user(PRO)))
                            .get("saved_model")
                            .asString())
                    .isEqualTo(GPT4O);
            assertThat(json(app.get("/api/models", TestTokens.user(PRO)))
                            .get("default_model")
                            .asString())
                    .isEqualTo(GPT4O);
        }

        @Test
        void aModelOfAnotherTierIsUnprocessable() {
            problem(app.put("/api/me/default-model", TestTokens.user(FREE), "{\"model\":\"" + GPT4O + "\"}"), 422);
            assertThat(json(app.get("/api/me/default-model", TestTokens.user(FREE)))
                            .get("saved_model")
                            .isNull())
                    .isTrue();
        }

        @Test
        void newDisabledInactiveUnknownAndHostileModelsAreUnprocessable() {
            for (String id : List.of(
                    NEW_MODEL,
                    DISABLED,
                    GONE,
                    "nobody/nothing",
                    "'; drop table profiles; --",
                    "../../etc/passwd",
                    "модель/😀",
                    "x".repeat(10_000))) {
                problem(
                        app.put(
                                "/api/me/default-model",
                                TestTokens.user(ENTERPRISE),
                                "{\"model\":" + JSON.writeValueAsString(id) + "}"),
                        422);
            }
        }

        @Test
        void aMissingModelIsUnprocessableAndAnUnreadableBodyABadRequest() {
            problem(app.put("/api/me/default-model", TestTokens.user(PRO), "{}"), 422);
            problem(app.put("/api/me/default-model", TestTokens.user(PRO), "{\"model\":\"  \"}"), 422);
            problem(app.put("/api/me/default-model", TestTokens.user(PRO), "{\"model\":"), 400);
            problem(app.put("/api/me/default-model", TestTokens.user(PRO), "{\"model\":[]}"), 400);
            problem(
                    app.put(
                            "/api/me/default-model",
                            TestTokens.user(PRO),
                            "{\"model\":\"a/b\",\"tier\":\"enterprise\"}"),
                    400);
        }

        @Test
        void anUnusableSavedDefaultFallsBackToNone() {
            app.put("/api/me/default-model", TestTokens.user(PRO), "{\"model\":\"" + GPT4O + "\"}");
            app.patch(path(GPT4O), TestTokens.admin(ADMIN), "{\"is_pro\":false}");

            JsonNode body = json(app.get("/api/me/default-model", TestTokens.user(PRO)));

            assertThat(body.get("model").isNull()).isTrue();
            assertThat(body.get("saved_model").asString()).isEqualTo(GPT4O);
        }
    }

    /** Every list route answers at most 100 per page: 100 is served, more is refused naming the maximum. */
    @Nested
    class PageSize {

        @ParameterizedTest
        @ValueSource(
                strings = {
                    "/api/admin/models",
                    "/api/admin/models/openai/gpt-4o/events",
                    "/api/admin/sync-runs",
                    "/api/admin/console/models",
                    "/api/resources"
                })
        void everyListRouteServesAHundredAndRefusesMore(String route) {
            String admin = TestTokens.admin(ADMIN);
            HttpResponse<String> hundred = app.get(route + "?limit=100", admin);
            assertThat(hundred.statusCode()).as(hundred.body()).isEqualTo(200);
            for (String limit : List.of("101", "1000", "0")) {
                HttpResponse<String> refused = app.get(route + "?limit=" + limit, admin);
                assertThat(refused.statusCode()).as(refused.body()).isIn(400, 422);
                assertThat(problem(refused, refused.statusCode()).get("detail").asString())
                        .contains("limit must be between 1 and 100");
            }
        }

        @Test
        void resourcesPerUserDefaultToOneHundred() {
            assertThat(app.bean(ResourcesProperties.class).maxPerUser()).isEqualTo(100);
        }
    }

    @Nested
    class Admin {

        @Test
        void theListFiltersByStatusAndTextAndPages() {
            JsonNode active =
                    json(app.get("/api/admin/models?status=active&limit=2&offset=1", TestTokens.admin(ADMIN)));
            assertThat(active.get("total").asInt()).isEqualTo(5);
            assertThat(active.get("data").size()).isEqualTo(2);

            JsonNode search = json(app.get("/api/admin/models?q=GPT", TestTokens.admin(ADMIN)));
            List<String> found = new ArrayList<>();
            search.get("data").forEach(model -> found.add(model.get("id").asString()));
            assertThat(found).containsExactlyInAnyOrder(GPT4O, ALIAS);

            JsonNode hostile = json(app.get(
                    "/api/admin/models?q="
                            + URLEncoder.encode("'; drop table model_access; --", StandardCharsets.UTF_8),
                    TestTokens.admin(ADMIN)));
            assertThat(hostile.get("total").asInt()).isZero();
        }

        @Test
        void badListParametersAreRefused() {
            problem(app.get("/api/admin/models?limit=1001", TestTokens.admin(ADMIN)), 422);
            problem(app.get("/api/admin/models?limit=0", TestTokens.admin(ADMIN)), 422);
            problem(app.get("/api/admin/models?offset=-1", TestTokens.admin(ADMIN)), 422);
            problem(app.get("/api/admin/models?status=bogus", TestTokens.admin(ADMIN)), 422);
            problem(app.get("/api/admin/models?limit=ten", TestTokens.admin(ADMIN)), 400);
        }

        @Test
        void theAdminViewHasTheContractFields() {
            HttpResponse<String> response = app.get(path(GPT4O), TestTokens.admin(ADMIN));

            JsonNode view = json(response);
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(view.get("id").asString()).isEqualTo(GPT4O);
            assertThat(view.get("provider").asString()).isEqualTo("openai");
            assertThat(view.get("status").asString()).isEqualTo("active");
            assertThat(view.get("is_free").asBoolean()).isFalse();
            assertThat(view.get("is_pro").asBoolean()).isTrue();
            assertThat(view.get("is_enterprise").asBoolean()).isTrue();
            assertThat(view.get("pricing").get("prompt").asString()).isEqualTo("0.000001");
            for (String field : List.of(
                    "name",
                    "context_length",
                    "first_seen_at",
                    "last_seen_at",
                    "removed_at",
                    "status_changed_at",
                    "updated_at")) {
                assertThat(view.has(field)).as(field).isTrue();
            }
        }

        @Test
        void idsWithTildeColonAndDotsAreAddressable() {
            for (String id : List.of(ALIAS, LLAMA_FREE, GROK_BETA, DOTTED)) {
                HttpResponse<String> response = app.get(path(id), TestTokens.admin(ADMIN));
                assertThat(response.statusCode())
                        .as(id + ": " + response.body())
                        .isEqualTo(200);
                assertThat(json(response).get("id").asString()).isEqualTo(id);
            }
        }

        static String freeModels() {
            return dsl.fetchValue("select string_agg(model_id, ',' order by model_id) from model_access where is_free")
                    .toString();
        }

        @Test
        void unknownIdsAreNotFound() {
            problem(app.get(path("nobody/nothing"), TestTokens.admin(ADMIN)), 404);
            problem(app.patch(path("nobody/nothing"), TestTokens.admin(ADMIN), "{\"status\":\"active\"}"), 404);
            problem(app.get(path("nobody/nothing") + "/events", TestTokens.admin(ADMIN)), 404);
            problem(app.get("/api/admin/console/models/nobody/nothing", TestTokens.admin(ADMIN)), 404);
        }

        /**
         * Ids that are no safe {@code author/slug}, as a path: every route taking a model id answers 400 (the app's
         * own check, the firewall in front of it for encoded dots, slashes, percent signs and semicolons, or Tomcat
         * for an encoded backslash or NUL), and nothing changes.
         */
        @ParameterizedTest
        @ValueSource(
                strings = {
                    "%27+or+1%3D1+--/x",
                    "%27%3B+drop+table+model_access%3B+--/x",
                    "%D0%BC%D0%BE%D0%B4/%F0%9F%98%80",
                    "openai/gpt%204o",
                    "openai/gpt-4o%3Fx=1",
                    "openai/gpt-4o%23top",
                    "openai/gpt-4o!",
                    "openai/%E2%80%8Bgpt-4o",
                    "..%2F..%2Fetc/passwd",
                    "openai/%2E%2E",
                    "%2e/gpt-4o",
                    "openai/gpt-4o%25",
                    "openai%5Cgpt-4o/x",
                    "openai/gpt-4o%3Bx",
                    "openai/gpt-4o%00"
                })
        void idsThatAreNoSafeAuthorSlashSlugAreRefusedWith400OnEveryRoute(String id) {
            String admin = TestTokens.admin(ADMIN);
            String before = freeModels();
            refused(app.get(path(id), admin));
            refused(app.patch(path(id), admin, "{\"is_free\":true}"));
            refused(app.get(path(id) + "/events", admin));
            refused(app.get("/api/admin/console/models/" + id, admin));
            assertThat(freeModels()).isEqualTo(before);
        }

        /**
         * 400: a problem document, or, for an encoded backslash or NUL, which Tomcat refuses before any filter, Tomcat's
         * bare error page (no report, no server version).
         */
        static void refused(HttpResponse<String> response) {
            if (response.headers().firstValue("Content-Type").orElse("").startsWith("text/html")) {
                assertThat(response.statusCode()).isEqualTo(400);
                assertThat(response.body()).doesNotContain("Tomcat/").doesNotContainIgnoringCase("exception");
            } else {
                problem(response, 400);
            }
        }

        @Test
        void theAppsOwnRefusalNamesTheFieldAndWhatIsWrong() {
            JsonNode refused = problem(app.get(path("openai/gpt%204o"), TestTokens.admin(ADMIN)), 400);
            assertThat(refused.get("field").asString()).isEqualTo("id");
            assertThat(refused.get("detail").asString())
                    .isEqualTo("id is not a valid model id (author/slug): it has a character not allowed in a model id"
                            + " at position 10 (allowed: letters, digits, - . _ ~ : + and one /)");
            problem(app.get(path("a/" + "b".repeat(300)), TestTokens.admin(ADMIN)), 400);
        }

        @Test
        void aReviewNamingAnIdThatIsNoSafeAuthorSlashSlugIsRefusedWholeWith400() {
            String before = freeModels();
            JsonNode refused = problem(
                    app.post(
                            "/api/admin/models/review",
                            TestTokens.admin(ADMIN),
                            "{\"models\":[\"" + NEW_MODEL
                                    + "\",\"evil/../../models/openai/gpt-4o\"],\"is_free\":true}"),
                    400);
            assertThat(refused.get("field").asString()).isEqualTo("models[1]");
            JsonNode perChange = problem(
                    app.post(
                            "/api/admin/models/review",
                            TestTokens.admin(ADMIN),
                            "{\"changes\":[{\"model\":\"openai/..\",\"is_free\":true}]}"),
                    400);
            assertThat(perChange.get("field").asString()).isEqualTo("changes[0].model");
            assertThat(freeModels()).isEqualTo(before);
        }

        @Test
        void approvingANewModelShowsInTheDropdownAtOnceAndInItsHistory() {
            HttpResponse<String> patch =
                    app.patch(path(NEW_MODEL), TestTokens.admin(ADMIN), "{\"status\":\"active\",\"is_free\":true}");

            assertThat(patch.statusCode()).as(patch.body()).isEqualTo(200);
            assertThat(json(patch).get("status").asString()).isEqualTo("active");
            assertThat(json(patch).get("reviewed_by").asString()).isEqualTo(ADMIN.toString());
            assertThat(ids(app.get("/api/models", TestTokens.user(FREE)))).contains(NEW_MODEL);
            JsonNode events = json(app.get(path(NEW_MODEL) + "/events", TestTokens.admin(ADMIN)));
            List<String> byAdmin = new ArrayList<>();
            List<String> bySync = new ArrayList<>();
            events.get("data")
                    .forEach(event -> (event.get("actor").asString().equals(ADMIN.toString()) ? byAdmin : bySync)
                            .add(event.get("kind").asString()));
            assertThat(byAdmin).contains("status_changed", "tiers_changed");
            assertThat(bySync).contains("added");
            assertThat(events.get("data").get(0).get("actor").asString())
                    .as("newest first")
                    .isEqualTo(ADMIN.toString());
        }

        @Test
        void statusChangesTheLifecycleForbidsConflict() {
            problem(app.patch(path(GPT4O), TestTokens.admin(ADMIN), "{\"status\":\"new\"}"), 409);
            problem(app.patch(path(GPT4O), TestTokens.admin(ADMIN), "{\"status\":\"inactive\"}"), 409);
            problem(app.patch(path(GONE), TestTokens.admin(ADMIN), "{\"status\":\"active\"}"), 409);
        }

        @Test
        void invalidPatchesAreRefused() {
            problem(app.patch(path(GPT4O), TestTokens.admin(ADMIN), "{}"), 422);
            problem(app.patch(path(GPT4O), TestTokens.admin(ADMIN), "{\"status\":\"bogus\"}"), 422);
            problem(app.patch(path(GPT4O), TestTokens.admin(ADMIN), "{\"is_pro\":\"yes\"}"), 400);
            problem(app.patch(path(GPT4O), TestTokens.admin(ADMIN), "{\"is_admin\":true}"), 400);
            problem(app.patch(path(GPT4O), TestTokens.admin(ADMIN), "not json"), 400);
        }

        @Test
        void aReviewAppliesTheSameChangeToManyModels() {
            HttpResponse<String> review = app.post(
                    "/api/admin/models/review",
                    TestTokens.admin(ADMIN),
                    "{\"models\":[\"" + NEW_MODEL + "\",\"" + GPT4O + "\"],\"is_free\":true}");

            assertThat(review.statusCode()).as(review.body()).isEqualTo(200);
            assertThat(json(review).get("data").size()).isEqualTo(2);
            assertThat(ids(app.get("/api/models", TestTokens.user(FREE)))).contains(GPT4O);
        }

        @Test
        void aReviewWithOneUnknownModelChangesNothing() {
            problem(
                    app.post(
                            "/api/admin/models/review",
                            TestTokens.admin(ADMIN),
                            "{\"models\":[\"" + NEW_MODEL + "\",\"nobody/nothing\"],\"status\":\"active\"}"),
                    404);

            assertThat(json(app.get(path(NEW_MODEL), TestTokens.admin(ADMIN)))
                            .get("status")
                            .asString())
                    .isEqualTo("new");
        }

        @Test
        void aReviewWithOneForbiddenChangeChangesNothing() {
            problem(
                    app.post(
                            "/api/admin/models/review",
                            TestTokens.admin(ADMIN),
                            "{\"changes\":[{\"model\":\"" + NEW_MODEL + "\",\"status\":\"active\"}," + "{\"model\":\""
                                    + GONE + "\",\"status\":\"active\"}]}"),
                    409);

            assertThat(json(app.get(path(NEW_MODEL), TestTokens.admin(ADMIN)))
                            .get("status")
                            .asString())
                    .isEqualTo("new");
        }

        @Test
        void malformedReviewsAreRefused() {
            String admin = TestTokens.admin(ADMIN);
            problem(app.post("/api/admin/models/review", admin, "{}"), 422);
            problem(app.post("/api/admin/models/review", admin, "{\"models\":[]}"), 422);
            problem(app.post("/api/admin/models/review", admin, "{\"models\":[\"a/b\"]}"), 422);
            problem(
                    app.post(
                            "/api/admin/models/review",
                            admin,
                            "{\"models\":[\"" + NEW_MODEL + "\",\"" + NEW_MODEL + "\"],\"status\":\"active\"}"),
                    422);
            problem(
                    app.post(
                            "/api/admin/models/review",
                            admin,
                            "{\"models\":[\"a/b\"],\"changes\":[{\"model\":\"a/b\",\"is_pro\":true}]}"),
                    422);
        }

        @Test
        void syncRunsAreListed() {
            HttpResponse<String> response = app.get("/api/admin/sync-runs", TestTokens.admin(ADMIN));

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(json(response).get("data").isArray()).isTrue();
        }

        @Test
        void anUnknownPathIsAProblem() {
            problem(app.get("/api/admin/nothing-here", TestTokens.admin(ADMIN)), 404);
        }
    }

    @Nested
    class Sync {

        @Test
        void aDryRunAnswersThePlanAndWritesNothing() {
            ExampleOpenRouter.serve(openRouter, append(LIVE, "new/arrival"));

            HttpResponse<String> response = app.post("/api/admin/sync?dry_run=true", TestTokens.admin(ADMIN), "");

            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            JsonNode plan = json(response);
            assertThat(plan.get("dry_run").asBoolean()).isTrue();
            assertThat(plan.get("status").asString()).isEqualTo("planned");
            assertThat(plan.get("added").get(0).asString()).isEqualTo("new/arrival");
            assertThat(plan.get("unchanged").asInt()).isEqualTo(LIVE.length);
            problem(app.get(path("new/arrival"), TestTokens.admin(ADMIN)), 404);
        }

        @Test
        void aRunAnswersItsSummaryAndIsListed() {
            ExampleOpenRouter.serve(openRouter, append(LIVE, "new/arrival"));
            try {
                HttpResponse<String> response = app.post("/api/admin/sync", TestTokens.admin(ADMIN), "");

                assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
                JsonNode run = json(response);
                assertThat(run.get("status").asString()).isEqualTo("succeeded");
                assertThat(run.get("trigger").asString()).isEqualTo("manual");
                assertThat(run.get("added").asInt()).isEqualTo(1);
                assertThat(run.get("unchanged").asInt()).isEqualTo(LIVE.length);
                for (String field : List.of(
                        "id",
                        "started_at",
                        "finished_at",
                        "updated",
                        "deactivated",
                        "reactivated",
                        "skipped_invalid")) {
                    assertThat(run.has(field)).as(field).isTrue();
                }
                assertThat(json(app.get(path("new/arrival"), TestTokens.admin(ADMIN)))
                                .get("status")
                                .asString())
                        .isEqualTo("new");
                JsonNode runs = json(app.get("/api/admin/sync-runs", TestTokens.admin(ADMIN)));
                assertThat(runs.get("data").get(0).get("id").asString())
                        .isEqualTo(run.get("id").asString());
            } finally {
                ExampleOpenRouter.serve(openRouter, LIVE);
                app.post("/api/admin/sync?force=true", TestTokens.admin(ADMIN), "");
            }
        }

        @Test
        void aRunThatFailsUpstreamStillAnswersItsSummary() {
            openRouter.on(ExampleOpenRouter.MODELS, ExampleOpenRouter.error(404, "down for the test"));

            HttpResponse<String> response = app.post("/api/admin/sync", TestTokens.admin(ADMIN), "");

            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            assertThat(json(response).get("status").asString()).isEqualTo("failed");
            assertThat(json(response).get("error").asString()).isNotBlank();
        }

        @Test
        void aRunTheGuardsStopIsAbortedAndForceLetsItThrough() {
            ExampleOpenRouter.serve(openRouter, GPT4O, LLAMA_FREE);
            try {
                JsonNode aborted = json(app.post("/api/admin/sync", TestTokens.admin(ADMIN), ""));
                assertThat(aborted.get("status").asString()).isEqualTo("aborted");
                assertThat(aborted.get("error").asString()).contains("too_few_upstream_models");
                assertThat(json(app.get(path(DOTTED), TestTokens.admin(ADMIN)))
                                .get("status")
                                .asString())
                        .isEqualTo("active");

                JsonNode forced = json(app.post("/api/admin/sync?force=true", TestTokens.admin(ADMIN), ""));
                assertThat(forced.get("status").asString()).isEqualTo("succeeded");
                assertThat(forced.get("deactivated").asInt()).isEqualTo(LIVE.length - 2);
            } finally {
                ExampleOpenRouter.serve(openRouter, LIVE);
                app.post("/api/admin/sync", TestTokens.admin(ADMIN), "");
            }
        }

        @Test
        void badSyncParametersAreBadRequests() {
            problem(app.post("/api/admin/sync?dry_run=perhaps", TestTokens.admin(ADMIN), ""), 400);
        }
    }

    static String[] append(String[] ids, String... more) {
        String[] all = java.util.Arrays.copyOf(ids, ids.length + more.length);
        System.arraycopy(more, 0, all, ids.length, more.length);
        return all;
    }
}
