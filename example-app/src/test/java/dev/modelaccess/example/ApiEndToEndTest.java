package dev.modelaccess.example;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modelaccess.core.catalog.CatalogModel;
import dev.modelaccess.core.catalog.ModelFingerprint;
import dev.modelaccess.core.catalog.ModelStatus;
import dev.modelaccess.core.catalog.TierFlags;
import dev.modelaccess.core.catalog.UpstreamModel;
import dev.modelaccess.openrouter.OpenRouterClient;
import dev.modelaccess.testsupport.postgres.TestSchema;
import dev.modelaccess.testsupport.postgres.WithPostgres;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

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

    static final JsonMapper JSON = JsonMapper.builder().build();

    static TestSchema schema;
    static FakeOpenRouter openRouter;
    static InterimStore store;
    static RunningApp app;

    @BeforeAll
    static void start() throws Exception {
        openRouter = new FakeOpenRouter().serve(FakeOpenRouter.models(LIVE));
        store = new InterimStore();
        app = RunningApp.start(schema, openRouter, store);
        var dsl = DSL.using(schema.dataSource(), SQLDialect.POSTGRES);
        dsl.execute(
                "insert into profiles (id, tier) values (?, 'free'), (?, 'pro'), (?, 'enterprise'), (?, 'pro')",
                FREE,
                PRO,
                ENTERPRISE,
                ADMIN);
    }

    @BeforeEach
    void resetCatalog() {
        List<UpstreamModel> upstream;
        openRouter.serve(FakeOpenRouter.models(LIVE_AND_GONE));
        try (OpenRouterClient client =
                OpenRouterClient.builder().baseUrl(openRouter.baseUrl()).build()) {
            upstream = client.fetchCatalog().models();
        } finally {
            openRouter.serve(FakeOpenRouter.models(LIVE));
        }
        for (UpstreamModel model : upstream) {
            store.put(row(model, status(model.id()), flags(model.id())));
        }
        DSL.using(schema.dataSource(), SQLDialect.POSTGRES).execute("update profiles set default_model = null");
        app.bean(dev.modelaccess.core.access.AccessRuleCache.class).reload();
        app.bean(dev.modelaccess.spring.CachingUserProfiles.class).invalidateAll();
    }

    @AfterAll
    static void stop() {
        if (app != null) {
            app.close();
        }
        if (openRouter != null) {
            openRouter.close();
        }
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

    private static CatalogModel row(UpstreamModel model, ModelStatus status, TierFlags flags) {
        Instant t = Instant.parse("2026-08-14T03:00:00Z");
        return new CatalogModel(
                UUID.nameUUIDFromBytes(model.id().getBytes(StandardCharsets.UTF_8)),
                model,
                ModelFingerprint.of(model),
                status,
                status == ModelStatus.INACTIVE ? ModelStatus.ACTIVE : null,
                flags,
                t,
                t,
                status == ModelStatus.INACTIVE ? t : null,
                t,
                null,
                null,
                t,
                t);
    }

    static JsonNode json(HttpResponse<String> response) {
        return JSON.readTree(response.body());
    }

    static List<String> ids(HttpResponse<String> response) {
        List<String> ids = new ArrayList<>();
        json(response).get("data").forEach(model -> ids.add(model.get("id").asString()));
        return ids;
    }

    static void assertProblem(HttpResponse<String> response, int status) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(json(response).get("status").asInt()).isEqualTo(status);
    }

    static String path(String id) {
        return "/api/admin/models/" + id;
    }

    @Nested
    class Authentication {

        @Test
        void noTokenIsUnauthorizedWithABearerChallenge() {
            HttpResponse<String> response = app.get("/api/models", null);

            assertProblem(response, 401);
            assertThat(response.headers().firstValue("WWW-Authenticate"))
                    .hasValueSatisfying(value -> assertThat(value).startsWith("Bearer"));
        }

        @Test
        void anExpiredTokenIsUnauthorized() {
            assertProblem(app.get("/api/models", TestTokens.expired(PRO)), 401);
        }

        @Test
        void aTokenSignedWithAnotherSecretIsUnauthorized() {
            assertProblem(app.get("/api/admin/models", TestTokens.signedWithAnotherSecret(ADMIN)), 401);
        }

        @Test
        void anUnsignedAlgNoneTokenIsUnauthorizedEvenClaimingAdmin() {
            assertProblem(app.get("/api/admin/models", TestTokens.unsigned(ADMIN)), 401);
            assertProblem(app.get("/api/models", TestTokens.unsigned(PRO)), 401);
        }

        @Test
        void aSubjectThatIsNotAUuidIsUnauthorized() {
            assertProblem(app.get("/api/models", TestTokens.withSubject("'; drop table profiles; --")), 401);
        }

        @Test
        void garbageIsUnauthorized() {
            assertProblem(app.get("/api/models", "not.a.jwt"), 401);
            assertProblem(app.get("/api/models", "x".repeat(5000)), 401);
        }

        @Test
        void aUserOnAnAdminRouteIsForbidden() {
            assertProblem(app.get("/api/admin/models", TestTokens.user(PRO)), 403);
            assertProblem(app.patch(path(NEW_MODEL), TestTokens.user(PRO), "{\"status\":\"active\"}"), 403);
            assertProblem(app.get("/api/admin/sync-runs", TestTokens.user(ENTERPRISE)), 403);
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
            assertProblem(
                    app.put("/api/me/default-model", TestTokens.user(FREE), "{\"model\":\"" + GPT4O + "\"}"), 422);
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
                assertProblem(
                        app.put(
                                "/api/me/default-model",
                                TestTokens.user(ENTERPRISE),
                                "{\"model\":" + JSON.writeValueAsString(id) + "}"),
                        422);
            }
        }

        @Test
        void aMissingModelIsUnprocessableAndAnUnreadableBodyABadRequest() {
            assertProblem(app.put("/api/me/default-model", TestTokens.user(PRO), "{}"), 422);
            assertProblem(app.put("/api/me/default-model", TestTokens.user(PRO), "{\"model\":\"  \"}"), 422);
            assertProblem(app.put("/api/me/default-model", TestTokens.user(PRO), "{\"model\":"), 400);
            assertProblem(app.put("/api/me/default-model", TestTokens.user(PRO), "{\"model\":[]}"), 400);
            assertProblem(
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
            assertProblem(app.get("/api/admin/models?limit=1001", TestTokens.admin(ADMIN)), 422);
            assertProblem(app.get("/api/admin/models?limit=0", TestTokens.admin(ADMIN)), 422);
            assertProblem(app.get("/api/admin/models?offset=-1", TestTokens.admin(ADMIN)), 422);
            assertProblem(app.get("/api/admin/models?status=bogus", TestTokens.admin(ADMIN)), 422);
            assertProblem(app.get("/api/admin/models?limit=ten", TestTokens.admin(ADMIN)), 400);
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

        @Test
        void unknownAndHostileIdsAreNotFoundOrRejected() {
            assertProblem(app.get(path("nobody/nothing"), TestTokens.admin(ADMIN)), 404);
            assertProblem(
                    app.get(
                            path(URLEncoder.encode("' or 1=1 --", StandardCharsets.UTF_8) + "/x"),
                            TestTokens.admin(ADMIN)),
                    404);
            assertProblem(
                    app.get(
                            path(URLEncoder.encode("'; drop table model_access; --", StandardCharsets.UTF_8) + "/x"),
                            TestTokens.admin(ADMIN)),
                    400);
            assertProblem(app.get(path("a/" + "b".repeat(2000)), TestTokens.admin(ADMIN)), 404);
            assertProblem(app.get(path("%D0%BC%D0%BE%D0%B4/%F0%9F%98%80"), TestTokens.admin(ADMIN)), 404);
            assertProblem(app.get(path("..%2F..%2Fetc/passwd"), TestTokens.admin(ADMIN)), 400);
            assertProblem(app.patch(path("nobody/nothing"), TestTokens.admin(ADMIN), "{\"status\":\"active\"}"), 404);
            assertProblem(app.get(path("nobody/nothing") + "/events", TestTokens.admin(ADMIN)), 404);
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
            List<String> kinds = new ArrayList<>();
            events.get("data").forEach(event -> {
                kinds.add(event.get("kind").asString());
                assertThat(event.get("actor").asString()).isEqualTo(ADMIN.toString());
            });
            assertThat(kinds).contains("status_changed", "tiers_changed");
        }

        @Test
        void statusChangesTheLifecycleForbidsConflict() {
            assertProblem(app.patch(path(GPT4O), TestTokens.admin(ADMIN), "{\"status\":\"new\"}"), 409);
            assertProblem(app.patch(path(GPT4O), TestTokens.admin(ADMIN), "{\"status\":\"inactive\"}"), 409);
            assertProblem(app.patch(path(GONE), TestTokens.admin(ADMIN), "{\"status\":\"active\"}"), 409);
        }

        @Test
        void invalidPatchesAreRefused() {
            assertProblem(app.patch(path(GPT4O), TestTokens.admin(ADMIN), "{}"), 422);
            assertProblem(app.patch(path(GPT4O), TestTokens.admin(ADMIN), "{\"status\":\"bogus\"}"), 422);
            assertProblem(app.patch(path(GPT4O), TestTokens.admin(ADMIN), "{\"is_pro\":\"yes\"}"), 400);
            assertProblem(app.patch(path(GPT4O), TestTokens.admin(ADMIN), "{\"is_admin\":true}"), 400);
            assertProblem(app.patch(path(GPT4O), TestTokens.admin(ADMIN), "not json"), 400);
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
            assertProblem(
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
            assertProblem(
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
            assertProblem(app.post("/api/admin/models/review", admin, "{}"), 422);
            assertProblem(app.post("/api/admin/models/review", admin, "{\"models\":[]}"), 422);
            assertProblem(app.post("/api/admin/models/review", admin, "{\"models\":[\"a/b\"]}"), 422);
            assertProblem(
                    app.post(
                            "/api/admin/models/review",
                            admin,
                            "{\"models\":[\"" + NEW_MODEL + "\",\"" + NEW_MODEL + "\"],\"status\":\"active\"}"),
                    422);
            assertProblem(
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
            assertProblem(app.get("/api/admin/nothing-here", TestTokens.admin(ADMIN)), 404);
        }
    }
}
