package dev.modelaccess.example;

import static dev.modelaccess.example.HttpAnswers.JSON;
import static dev.modelaccess.example.HttpAnswers.json;
import static dev.modelaccess.example.HttpAnswers.ok;
import static dev.modelaccess.example.HttpAnswers.problem;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import dev.modelaccess.core.access.AccessRuleCache;
import dev.modelaccess.core.sync.SyncRunStatus;
import dev.modelaccess.core.sync.SyncTrigger;
import dev.modelaccess.spring.CachingUserProfiles;
import dev.modelaccess.spring.ModelAccessSyncJob;
import dev.modelaccess.testsupport.openrouter.LocalOpenRouter;
import dev.modelaccess.testsupport.postgres.TestSchema;
import dev.modelaccess.testsupport.postgres.WithPostgres;
import dev.modelaccess.tink.KeysetTool;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

/**
 * Users' own OpenRouter keys and model-bound resources over real HTTP, with real JWTs, on PostgreSQL, with OpenRouter
 * played by the {@link ExampleOpenRouter} stand-in: every status the API promises, and the key never leaking.
 */
@WithPostgres
class KeysAndResourcesEndToEndTest {

    static final UUID FREE = UUID.fromString("e0000000-0000-4000-8000-000000000001");
    static final UUID PRO = UUID.fromString("e0000000-0000-4000-8000-000000000002");
    static final UUID OTHER_PRO = UUID.fromString("e0000000-0000-4000-8000-000000000003");
    static final UUID ADMIN = UUID.fromString("e0000000-0000-4000-8000-0000000000ad");

    static final String KEY = "sk-or-v1-5ecre7a11ce0000000000000000000000000000000000000000000000000c0de";
    static final String OTHER_KEY = "sk-or-v1-0the2b0b00000000000000000000000000000000000000000000000000f00d";
    static final String REFUSED_KEY = "sk-or-v1-refused000000000000000000000000000000000000000000000000000bad";

    static final String FREE_MODEL = "meta-llama/llama-3.3-70b-instruct:free";
    static final String PRO_MODEL = "openai/gpt-4o-mini";
    static final String ENTERPRISE_MODEL = "anthropic/claude-sonnet-4";
    static final String NEW_MODEL = "openai/gpt-4o";
    static final UUID NO_PROFILE = UUID.fromString("e0000000-0000-4000-8000-000000000004");

    /** A small quota here, so that the tests reach it (the default is 100). */
    static final int MAX_PER_USER = 4;

    static TestSchema schema;
    static LocalOpenRouter openRouter;
    static RunningApp app;
    static DSLContext dsl;
    static final ListAppender<ILoggingEvent> logs = new ListAppender<>();
    static final List<HttpResponse<String>> responses = Collections.synchronizedList(new ArrayList<>());

    @BeforeAll
    static void start() throws Exception {
        openRouter = ExampleOpenRouter.start(0);
        app = RunningApp.start(
                schema,
                openRouter.baseUrl(),
                "modelaccess.keys.keyset=" + KeysetTool.generate(),
                "app.resources.max-per-user=" + MAX_PER_USER);
        // after the start: Spring Boot resets Logback's configuration while it starts
        logs.start();
        ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).addAppender(logs);
        dsl = DSL.using(schema.dataSource(), SQLDialect.POSTGRES);
    }

    @AfterAll
    static void stop() {
        ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).detachAppender(logs);
        RunningApp.closeAll(app, openRouter);
    }

    /** Tiers, approvals, no keys, no resources: the same start for every test. */
    @BeforeEach
    void reset() {
        if (dsl.fetchCount(DSL.table("model_access")) < 6) {
            assertThat(app.bean(ModelAccessSyncJob.class)
                            .run(SyncTrigger.MANUAL, false)
                            .run()
                            .status())
                    .isEqualTo(SyncRunStatus.SUCCEEDED);
        }
        ExampleOpenRouter.answerAsExample(openRouter);
        dsl.execute("delete from resources");
        dsl.execute("delete from user_openrouter_integrations");
        dsl.execute("delete from profiles");
        dsl.execute(
                "insert into profiles (id, tier) values (?, 'free'), (?, 'pro'), (?, 'pro'), (?, 'enterprise')",
                FREE,
                PRO,
                OTHER_PRO,
                ADMIN);
        dsl.execute("update model_access set status = 'new', is_free = false, is_pro = false, is_enterprise = false");
        approve(FREE_MODEL, true, true, true);
        approve(PRO_MODEL, false, true, true);
        approve(ENTERPRISE_MODEL, false, false, true);
        app.bean(AccessRuleCache.class).reload();
        app.bean(CachingUserProfiles.class).invalidateAll();
    }

    static void approve(String model, boolean free, boolean pro, boolean enterprise) {
        assertThat(dsl.execute(
                        "update model_access set status = 'active', is_free = ?, is_pro = ?, is_enterprise = ?"
                                + " where model_id = ?",
                        free,
                        pro,
                        enterprise,
                        model))
                .as("the stand-in lists " + model)
                .isOne();
    }

    // ---- HTTP helpers: every response is kept, to check none of them holds a key

    static HttpResponse<String> get(String path, UUID user) {
        return kept(app.get(path, TestTokens.user(user)));
    }

    static HttpResponse<String> put(String path, UUID user, String json) {
        return kept(app.put(path, TestTokens.user(user), json));
    }

    static HttpResponse<String> post(String path, UUID user, String json) {
        return kept(app.post(path, TestTokens.user(user), json));
    }

    static HttpResponse<String> delete(String path, UUID user) {
        return kept(app.delete(path, TestTokens.user(user)));
    }

    static HttpResponse<String> kept(HttpResponse<String> response) {
        responses.add(response);
        return response;
    }

    static String keyBody(String key) {
        return "{\"api_key\":\"" + key + "\"}";
    }

    static void storeKey(UUID user, String key) {
        ok(put("/api/me/openrouter-key", user, keyBody(key)), 200);
    }

    static String createResource(UUID user, String model) {
        JsonNode created = ok(post("/api/resources", user, """
                        {"name":"Translator","model":"%s",
                         "config":{"systemPrompt":"Answer in French.","params":{"temperature":0.2,"maxTokens":64}}}""".formatted(model)), 201);
        return created.get("id").asString();
    }

    static HttpResponse<String> run(UUID user, String resourceId, String input) {
        return post(
                "/api/resources/" + resourceId + "/run", user, "{\"input\":" + JSON.writeValueAsString(input) + "}");
    }

    /** The next chat completion (only the next; such answers queue) answers {@code status} with {@code body}. */
    static void failNextChat(int status, String body, String... headerNamesAndValues) {
        openRouter.onNext(ExampleOpenRouter.CHAT, LocalOpenRouter.json(status, body, headerNamesAndValues));
    }

    /** The next key check (only the next; such answers queue) answers {@code status} with {@code body}. */
    static void failNextKeyCheck(int status, String body, String... headerNamesAndValues) {
        openRouter.onNext(ExampleOpenRouter.KEY, LocalOpenRouter.json(status, body, headerNamesAndValues));
    }

    static long keyChecks() {
        return openRouter.received().stream()
                .filter(r -> r.pathAndQuery().equals(ExampleOpenRouter.KEY))
                .count();
    }

    static long chats() {
        return openRouter.received().stream()
                .filter(r -> r.pathAndQuery().equals(ExampleOpenRouter.CHAT))
                .count();
    }

    static int storedKeys() {
        return dsl.fetchCount(DSL.table("user_openrouter_integrations"));
    }

    @Nested
    class TheUsersKey {

        @Test
        void withoutAKeyGetAnswers404() {
            JsonNode problem = problem(get("/api/me/openrouter-key", PRO), 404);

            assertThat(problem.get("detail").asString()).isEqualTo("You have no OpenRouter key stored");
        }

        @Test
        void aVerifiedKeyIsStoredAndOnlyItsHintAndStatusAreShown() {
            JsonNode stored = ok(put("/api/me/openrouter-key", PRO, keyBody(KEY)), 200);

            assertThat(stored.get("key_hint").asString()).isEqualTo("sk-or-v1-…0de");
            assertThat(stored.get("is_valid").asBoolean()).isTrue();
            assertThat(stored.get("is_enabled").asBoolean()).isTrue();
            assertThat(stored.get("last_verified_at").asString()).isNotBlank();
            assertThat(stored.propertyNames())
                    .containsExactlyInAnyOrder(
                            "key_hint",
                            "is_valid",
                            "is_enabled",
                            "last_verified_at",
                            "created_at",
                            "updated_at",
                            "label",
                            "limit",
                            "limit_remaining",
                            "limit_reset",
                            "usage",
                            "is_free_tier",
                            "expires_at");
            assertThat(stored.get("label").asString())
                    .isEqualTo(KEY.substring(0, 12) + "..." + KEY.substring(KEY.length() - 3));
            assertThat(stored.get("usage").asInt()).isZero();
            assertThat(stored.get("is_free_tier").asBoolean()).isTrue();
            assertThat(stored.get("limit").isNull()).isTrue();
            assertThat(stored.get("expires_at").isNull()).isTrue();
            assertThat(stored.toString()).doesNotContain(KEY);
            assertThat(ok(get("/api/me/openrouter-key", PRO), 200)).isEqualTo(stored);
            assertThat(openRouter.received())
                    .anySatisfy(r -> assertThat(r.header("Authorization")).isEqualTo("Bearer " + KEY));
            String encrypted = dsl.fetchValue(
                            "select encrypted_api_key from user_openrouter_integrations where user_id = ?", PRO)
                    .toString();
            assertThat(encrypted).startsWith("v1:").doesNotContain(KEY).doesNotContain("5ecre7a11ce");
        }

        @Test
        void aValueThatIsNotShapedLikeAKeyIs422AndOpenRouterIsNotAsked() {
            long before = keyChecks();

            for (String body : List.of(
                    keyBody("not-a-key"), keyBody("sk-or-short"), keyBody("sk-or-v1-with space inside 0000000000"))) {
                problem(put("/api/me/openrouter-key", PRO, body), 422);
            }
            problem(put("/api/me/openrouter-key", PRO, "{}"), 422);

            assertThat(keyChecks()).isEqualTo(before);
            assertThat(storedKeys()).isZero();
        }

        @Test
        void aKeyOpenRouterRefusesIs422AndNothingIsStored() {
            JsonNode problem = problem(put("/api/me/openrouter-key", PRO, keyBody(REFUSED_KEY)), 422);

            assertThat(problem.get("detail").asString())
                    .isEqualTo("OpenRouter refused this API key (unknown, revoked or expired); nothing was stored");
            assertThat(storedKeys()).isZero();
            problem(get("/api/me/openrouter-key", PRO), 404);
        }

        @Test
        void whenOpenRouterCannotAnswerItIs503AndNothingIsStored() {
            failNextKeyCheck(500, "{\"error\":{\"code\":500,\"message\":\"Internal error\"}}");

            JsonNode problem = problem(put("/api/me/openrouter-key", PRO, keyBody(KEY)), 503);

            assertThat(problem.get("detail").asString()).contains("try again later");
            assertThat(storedKeys()).isZero();
        }

        @Test
        void aRefusedReplacementKeepsTheWorkingKey() {
            storeKey(PRO, KEY);

            problem(put("/api/me/openrouter-key", PRO, keyBody(REFUSED_KEY)), 422);

            assertThat(ok(get("/api/me/openrouter-key", PRO), 200)
                            .get("key_hint")
                            .asString())
                    .isEqualTo("sk-or-v1-…0de");
        }

        @Test
        void deletingAnswers204AndThenTheKeyIsGone() {
            storeKey(PRO, KEY);

            assertThat(delete("/api/me/openrouter-key", PRO).statusCode()).isEqualTo(204);
            problem(get("/api/me/openrouter-key", PRO), 404);
            assertThat(delete("/api/me/openrouter-key", PRO).statusCode()).isEqualTo(204);
            assertThat(storedKeys()).isZero();
        }

        @Test
        void eachUserSeesOnlyTheirOwnKey() {
            storeKey(PRO, KEY);

            problem(get("/api/me/openrouter-key", OTHER_PRO), 404);
            assertThat(delete("/api/me/openrouter-key", OTHER_PRO).statusCode()).isEqualTo(204);
            assertThat(storedKeys()).isOne();
        }

        @Test
        void withoutATokenItIs401() {
            assertThat(kept(app.get("/api/me/openrouter-key", null)).statusCode())
                    .isEqualTo(401);
            assertThat(kept(app.put("/api/me/openrouter-key", TestTokens.expired(PRO), keyBody(KEY)))
                            .statusCode())
                    .isEqualTo(401);
            assertThat(storedKeys()).isZero();
        }
    }

    @Nested
    class CreatingAndReading {

        @Test
        void aResourceIsCreatedWithItsConfigurationAndLocation() {
            HttpResponse<String> response = post("/api/resources", PRO, """
                    {"name":"  Translator ","model":"openai/gpt-4o-mini",
                     "config":{"systemPrompt":"Answer in French.","params":{"temperature":0.2,"maxTokens":64,"topP":0.9}}}""");

            JsonNode created = ok(response, 201);
            String id = created.get("id").asString();
            assertThat(response.headers().firstValue("Location")).hasValue("/api/resources/" + id);
            assertThat(created.get("name").asString()).isEqualTo("Translator");
            assertThat(created.get("type").asString()).isEqualTo("openrouter_instant");
            assertThat(created.get("model").asString()).isEqualTo(PRO_MODEL);
            assertThat(created.get("model_available").asBoolean()).isTrue();
            assertThat(created.get("config")).isEqualTo(JSON.readTree("""
                            {"modelId":"openai/gpt-4o-mini","systemPrompt":"Answer in French.",
                             "params":{"temperature":0.2,"maxTokens":64,"topP":0.9}}"""));
            assertThat(ok(get("/api/resources/" + id, PRO), 200)).isEqualTo(created);
        }

        @Test
        void anUnknownModelIs422() {
            JsonNode problem = problem(
                    post("/api/resources", PRO, "{\"name\":\"x\",\"model\":\"nobody/knows\",\"config\":{}}"), 422);

            assertThat(problem.get("errors").get(0).asString())
                    .isEqualTo("model: there is no model 'nobody/knows' in the catalog");
            assertThat(dsl.fetchCount(DSL.table("resources"))).isZero();
        }

        @Test
        void aModelTheTierMayNotUseIs422() {
            problem(post("/api/resources", FREE, "{\"name\":\"x\",\"model\":\"" + PRO_MODEL + "\"}"), 422);
            problem(post("/api/resources", PRO, "{\"name\":\"x\",\"model\":\"" + NEW_MODEL + "\"}"), 422);
            assertThat(dsl.fetchCount(DSL.table("resources"))).isZero();
        }

        @Test
        void anInvalidConfigurationIs422WithEveryProblemListed() {
            JsonNode problem = problem(post("/api/resources", PRO, """
                            {"name":"x","model":"openai/gpt-4o-mini",
                             "config":{"systemPrompt":"ok","params":{"temperature":5,"maxTokens":0,"top_p":1}}}"""), 422);

            assertThat(problem.get("errors").valueStream().map(JsonNode::asString))
                    .containsExactly(
                            "config.params.top_p: is not a known parameter (known: temperature, maxTokens, topP,"
                                    + " topK, frequencyPenalty, presencePenalty)",
                            "config.params.temperature: must be between 0 and 2, was 5.0",
                            "config.params.maxTokens: must be between 1 and 1000000, was 0");
            JsonNode second = problem(post("/api/resources", PRO, """
                            {"name":"","model":"openai/gpt-4o-mini",
                             "config":{"params":{"temperature":5,"maxTokens":0}}}"""), 422);
            assertThat(second.get("errors").valueStream().map(JsonNode::asString))
                    .containsExactly(
                            "name: is missing",
                            "config.params.temperature: must be between 0 and 2, was 5.0",
                            "config.params.maxTokens: must be between 1 and 1000000, was 0");
        }

        @Test
        void unknownKeysInTheConfigurationAreRefused() {
            JsonNode problem = problem(
                    post(
                            "/api/resources",
                            PRO,
                            "{\"name\":\"x\",\"model\":\"" + PRO_MODEL
                                    + "\",\"config\":{\"tools\":[],\"stream\":true}}"),
                    422);

            assertThat(problem.get("errors")).hasSize(2);
        }

        @Test
        void aSystemPromptOverTwentyThousandCharactersIs422() {
            problem(
                    post(
                            "/api/resources",
                            PRO,
                            "{\"name\":\"x\",\"model\":\"" + PRO_MODEL + "\",\"config\":{\"systemPrompt\":\""
                                    + "a".repeat(20_001) + "\"}}"),
                    422);
        }

        @Test
        void eachUserListsOnlyTheirOwnResources() {
            String own = createResource(PRO, PRO_MODEL);
            createResource(OTHER_PRO, FREE_MODEL);

            JsonNode list = ok(get("/api/resources", PRO), 200);

            assertThat(list.get("data")).hasSize(1);
            assertThat(list.get("data").get(0).get("id").asString()).isEqualTo(own);
            problem(get("/api/resources?limit=0", PRO), 422);
            problem(get("/api/resources?limit=101", PRO), 422);
        }

        @Test
        void anotherUsersResourceIsNotFoundAndCannotBeDeletedOrRun() {
            String others = createResource(OTHER_PRO, FREE_MODEL);
            storeKey(PRO, KEY);

            problem(get("/api/resources/" + others, PRO), 404);
            problem(delete("/api/resources/" + others, PRO), 404);
            problem(run(PRO, others, "Hello"), 404);
            assertThat(ok(get("/api/resources/" + others, OTHER_PRO), 200)
                            .get("id")
                            .asString())
                    .isEqualTo(others);
        }

        @Test
        void unknownMalformedAndHostileIdsAre404() {
            for (String id : List.of(
                    UUID.randomUUID().toString(),
                    "not-a-uuid",
                    URLEncoder.encode("' or '1'='1", StandardCharsets.UTF_8),
                    "x".repeat(5000),
                    URLEncoder.encode("名前", StandardCharsets.UTF_8))) {
                problem(get("/api/resources/" + id, PRO), 404);
                problem(delete("/api/resources/" + id, PRO), 404);
            }
            assertThat(dsl.fetchValue("select to_regclass('resources')::text")).isEqualTo("resources");
        }

        @Test
        void theOwnerDeletesTheirResource() {
            String id = createResource(PRO, PRO_MODEL);

            assertThat(delete("/api/resources/" + id, PRO).statusCode()).isEqualTo(204);
            problem(get("/api/resources/" + id, PRO), 404);
            problem(delete("/api/resources/" + id, PRO), 404);
        }
    }

    /** What a security review tried on resources and keys, and found held (issue 22), kept as tests. */
    @Nested
    class WhatHeld {

        @Test
        void anotherUsersResourceIsNotFoundUnderAnUppercaseIdEitherWhileTheOwnerStillReachesIt() {
            String others = createResource(OTHER_PRO, FREE_MODEL);
            String upper = others.toUpperCase(java.util.Locale.ROOT);

            problem(get("/api/resources/" + upper, PRO), 404);
            problem(delete("/api/resources/" + upper, PRO), 404);
            problem(run(PRO, upper, "Hello"), 404);
            assertThat(ok(get("/api/resources/" + upper, OTHER_PRO), 200)
                            .get("id")
                            .asString())
                    .isEqualTo(others);
        }

        @ParameterizedTest
        @ValueSource(
                strings = {
                    "\"owner_id\":\"e0000000-0000-4000-8000-000000000003\"",
                    "\"user_id\":\"e0000000-0000-4000-8000-000000000003\"",
                    "\"id\":\"e0000000-0000-4000-8000-0000000000ff\"",
                    "\"tier\":\"enterprise\""
                })
        void fieldsTheServerOwnsCannotBeSetThroughTheBody(String field) {
            problem(
                    post(
                            "/api/resources",
                            PRO,
                            "{\"name\":\"x\",\"model\":\"" + PRO_MODEL + "\",\"config\":{}," + field + "}"),
                    400);
            problem(put("/api/me/default-model", PRO, "{\"model\":\"" + PRO_MODEL + "\"," + field + "}"), 400);
            problem(put("/api/me/openrouter-key", PRO, "{\"api_key\":\"" + KEY + "\"," + field + "}"), 400);

            assertThat(dsl.fetchCount(DSL.table("resources"))).isZero();
            assertThat(storedKeys()).isZero();
            assertThat(dsl.fetchValue("select tier from profiles where id = ?", PRO))
                    .isEqualTo("pro");
            assertThat(dsl.fetchValue("select default_model from profiles where id = ?", PRO))
                    .isNull();
        }

        @Test
        void jsonNestedThirtyThousandDeepIsRefusedAsUnreadableAndNothingIsStored() {
            String deep = "[".repeat(30_000) + "]".repeat(30_000);
            JsonNode refused = problem(
                    post(
                            "/api/resources",
                            PRO,
                            "{\"name\":\"x\",\"model\":\"" + PRO_MODEL + "\",\"config\":" + deep + "}"),
                    400);
            assertThat(refused.toString()).doesNotContain("Exception").doesNotContain("jackson");
            problem(put("/api/me/default-model", PRO, "{\"model\":" + deep + "}"), 400);
            assertThat(dsl.fetchCount(DSL.table("resources"))).isZero();
        }
    }

    /** At most {@code app.resources.max-per-user} resources per user: past it 422 naming the limit, nothing stored. */
    @Nested
    class Quota {

        static int stored(UUID owner) {
            return dsl.fetchCount(DSL.table("resources"), DSL.field("owner_id").eq(owner));
        }

        @Test
        void pastTheLimitCreatingIs422NamingTheLimitAndNothingIsStored() {
            for (int i = 0; i < MAX_PER_USER; i++) {
                createResource(PRO, PRO_MODEL);
            }

            JsonNode refused = problem(post("/api/resources", PRO, """
                    {"name":"one too many","model":"%s","config":{}}""".formatted(PRO_MODEL)), 422);
            assertThat(refused.get("limit").asInt()).isEqualTo(MAX_PER_USER);
            assertThat(refused.get("detail").asString()).contains("at most " + MAX_PER_USER + " resources");
            assertThat(stored(PRO)).isEqualTo(MAX_PER_USER);

            createResource(OTHER_PRO, PRO_MODEL);
            String one = ok(get("/api/resources", PRO), 200)
                    .get("data")
                    .get(0)
                    .get("id")
                    .asString();
            assertThat(delete("/api/resources/" + one, PRO).statusCode()).isEqualTo(204);
            createResource(PRO, PRO_MODEL);
            assertThat(stored(PRO)).isEqualTo(MAX_PER_USER);
        }

        @Test
        void aUserWithoutAProfileRowHasTheSameLimit() {
            for (int i = 0; i < MAX_PER_USER; i++) {
                createResource(NO_PROFILE, FREE_MODEL);
            }
            problem(post("/api/resources", NO_PROFILE, """
                    {"name":"one too many","model":"%s","config":{}}""".formatted(FREE_MODEL)), 422);
            assertThat(stored(NO_PROFILE)).isEqualTo(MAX_PER_USER);
        }

        @Test
        void concurrentCreatesNeverPassTheLimitTogether() throws Exception {
            int attempts = 16;
            String body = """
                    {"name":"parallel","model":"%s","config":{"systemPrompt":"%s"}}""".formatted(PRO_MODEL, "p".repeat(1_000));
            List<Integer> statuses = Collections.synchronizedList(new ArrayList<>());
            CountDownLatch start = new CountDownLatch(1);
            try (ExecutorService threads = Executors.newFixedThreadPool(attempts)) {
                List<Future<?>> done = new ArrayList<>();
                for (int i = 0; i < attempts; i++) {
                    done.add(threads.submit(() -> {
                        start.await();
                        statuses.add(app.post("/api/resources", TestTokens.user(PRO), body)
                                .statusCode());
                        return null;
                    }));
                }
                start.countDown();
                for (Future<?> future : done) {
                    future.get(2, TimeUnit.MINUTES);
                }
            }

            assertThat(statuses).filteredOn(status -> status == 201).hasSize(MAX_PER_USER);
            assertThat(statuses).filteredOn(status -> status == 422).hasSize(attempts - MAX_PER_USER);
            assertThat(stored(PRO)).isEqualTo(MAX_PER_USER);
        }
    }

    @Nested
    class Running {

        String resource;

        @BeforeEach
        void aProUserWithAKeyAndAResource() {
            storeKey(PRO, KEY);
            resource = createResource(PRO, PRO_MODEL);
        }

        @Test
        void aRunAnswersTheCompletionMadeWithTheOwnersKey() {
            JsonNode answer = ok(run(PRO, resource, "Hello"), 200);

            assertThat(answer.get("resource_id").asString()).isEqualTo(resource);
            assertThat(answer.get("model").asString()).isEqualTo(PRO_MODEL);
            assertThat(answer.get("output").asString()).isEqualTo("[local stand-in] openai/gpt-4o-mini heard: Hello");
            assertThat(answer.get("finish_reason").asString()).isEqualTo("stop");
            assertThat(answer.get("usage").get("total_tokens").asLong()).isPositive();
            assertThat(answer.get("generation_id").asString()).startsWith("gen-local-");
            LocalOpenRouter.Received call = openRouter.received().getLast();
            assertThat(call.pathAndQuery()).isEqualTo("/api/v1/chat/completions");
            assertThat(call.header("Authorization")).isEqualTo("Bearer " + KEY);
            JsonNode sent = JSON.readTree(call.body());
            assertThat(sent.get("model").asString()).isEqualTo(PRO_MODEL);
            assertThat(sent.get("messages").get(0).get("content").asString()).isEqualTo("Answer in French.");
            assertThat(sent.get("messages").get(1).get("content").asString()).isEqualTo("Hello");
            assertThat(sent.get("temperature").asDouble()).isEqualTo(0.2);
            assertThat(sent.get("max_tokens").asInt()).isEqualTo(64);
        }

        @Test
        void withoutAStoredKeyItIs409AndOpenRouterIsNotCalled() {
            delete("/api/me/openrouter-key", PRO);
            long before = chats();

            JsonNode problem = problem(run(PRO, resource, "Hello"), 409);

            assertThat(problem.get("reason").asString()).isEqualTo("none");
            assertThat(chats()).isEqualTo(before);
        }

        @Test
        void aModelDisabledSinceItWasCreatedIs403() {
            dsl.execute("update model_access set status = 'disabled' where model_id = ?", PRO_MODEL);
            app.bean(AccessRuleCache.class).reload();
            long before = chats();

            JsonNode problem = problem(run(PRO, resource, "Hello"), 403);

            assertThat(problem.get("reason").asString()).isEqualTo("not_allowed_for_tier");
            assertThat(problem.get("detail").asString()).contains("not available to the pro tier");
            assertThat(chats()).isEqualTo(before);
        }

        @Test
        void anOwnerWhoseTierDroppedGets403() {
            dsl.execute("update profiles set tier = 'free' where id = ?", PRO);
            app.bean(CachingUserProfiles.class).invalidateAll();

            problem(run(PRO, resource, "Hello"), 403);
        }

        @Test
        void deletingTheCatalogRowDetachesTheResourceAndRunningItSaysWhy() {
            dsl.execute("delete from model_access where model_id = ?", PRO_MODEL);
            app.bean(AccessRuleCache.class).reload();

            JsonNode problem = problem(run(PRO, resource, "Hello"), 403);

            assertThat(problem.get("reason").asString()).isEqualTo("removed_from_catalog");
            assertThat(problem.get("detail").asString()).contains("was removed from the catalog");
            assertThat(ok(get("/api/resources/" + resource, PRO), 200)
                            .get("model_available")
                            .asBoolean())
                    .isFalse();
        }

        @Test
        void aKeyOpenRouterRefusesDuringARunIs409AndIsMarkedInvalid() {
            failNextChat(401, "{\"error\":{\"code\":401,\"message\":\"User not found.\"}}");

            JsonNode problem = problem(run(PRO, resource, "Hello"), 409);

            assertThat(problem.get("reason").asString()).isEqualTo("invalid");
            assertThat(ok(get("/api/me/openrouter-key", PRO), 200)
                            .get("is_valid")
                            .asBoolean())
                    .isFalse();
            long before = chats();
            problem(run(PRO, resource, "Hello again"), 409);
            assertThat(chats()).isEqualTo(before);
        }

        @Test
        void tooFewCreditsIs402WithOpenRoutersMessage() {
            JsonNode problem = problem(run(PRO, resource, "status 402"), 402);

            assertThat(problem.get("detail").asString())
                    .contains("too few credits")
                    .contains("Insufficient credits");
            assertThat(problem.get("upstream_status").asInt()).isEqualTo(402);
        }

        @Test
        void aRateLimitIs429() {
            problem(run(PRO, resource, "status 429"), 429);
        }

        @Test
        void inputFlaggedByModerationIs422() {
            problem(run(PRO, resource, "status 403"), 422);
        }

        @Test
        void openRouterFailingIs503() {
            for (int status : List.of(500, 502, 503, 504)) {
                JsonNode problem = problem(run(PRO, resource, "status " + status), 503);
                assertThat(problem.get("upstream_status").asInt()).isEqualTo(status);
            }
        }

        @Test
        void aRetryAfterWithinThirtySecondsIsWaitedForAndTheRunSucceeds() {
            failNextChat(429, "{\"error\":{\"code\":429,\"message\":\"Rate limit exceeded\"}}", "Retry-After", "1");

            ok(run(PRO, resource, "Hello"), 200);
        }

        @Test
        void anAnswerThatIsNotACompletionIs502() {
            failNextChat(200, "{\"choices\":[]}");

            problem(run(PRO, resource, "Hello"), 502);
        }

        @Test
        void aBlankOrMissingInputIs422AndAnUnknownFieldIs400() {
            problem(run(PRO, resource, "  "), 422);
            problem(post("/api/resources/" + resource + "/run", PRO, "{}"), 422);
            problem(post("/api/resources/" + resource + "/run", PRO, "{\"input\":\"x\",\"stream\":true}"), 400);
        }
    }

    @Nested
    class KeyMaintenance {

        @Test
        void anAdminReencryptsAndWithOneKeyNoRowIsUnderAnotherKey() {
            storeKey(PRO, KEY);
            String stored = dsl.fetchValue(
                            "select encrypted_api_key from user_openrouter_integrations where user_id = ?", PRO)
                    .toString();
            String keyId = dsl.fetchValue("select key_id from user_openrouter_integrations where user_id = ?", PRO)
                    .toString();

            JsonNode report = ok(kept(app.post("/api/admin/keys/reencrypt", TestTokens.admin(ADMIN), "")), 200);

            assertThat(report.propertyNames())
                    .containsExactlyInAnyOrder(
                            "primary_key_id", "examined", "reencrypted", "failed", "changed_meanwhile");
            assertThat(report.get("primary_key_id").asString()).isEqualTo(keyId);
            assertThat(report.get("examined").asInt()).isZero();
            assertThat(report.get("reencrypted").asInt()).isZero();
            assertThat(report.get("failed").asInt()).isZero();
            assertThat(report.get("changed_meanwhile").asInt()).isZero();
            assertThat(dsl.fetchValue(
                                    "select encrypted_api_key from user_openrouter_integrations where user_id = ?", PRO)
                            .toString())
                    .as("a row already under the primary key is left as it is")
                    .isEqualTo(stored);
        }

        @Test
        void anAdminReverifiesEveryStoredKeyWithOpenRouter() {
            storeKey(PRO, KEY);
            long before = keyChecks();

            JsonNode report = ok(kept(app.post("/api/admin/keys/reverify", TestTokens.admin(ADMIN), "")), 200);

            assertThat(report.propertyNames())
                    .containsExactlyInAnyOrder(
                            "checked", "valid", "invalid", "unavailable", "undecryptable", "changed_meanwhile");
            assertThat(report.get("checked").asInt()).isOne();
            assertThat(report.get("valid").asInt()).isOne();
            assertThat(report.get("invalid").asInt()).isZero();
            assertThat(report.get("unavailable").asInt()).isZero();
            assertThat(report.get("undecryptable").asInt()).isZero();
            assertThat(report.get("changed_meanwhile").asInt()).isZero();
            assertThat(keyChecks()).isEqualTo(before + 1);
        }

        @Test
        void aNonAdminGets403AndNoTokenGets401AndNothingRuns() {
            storeKey(PRO, KEY);
            long before = keyChecks();

            for (String path : List.of("/api/admin/keys/reencrypt", "/api/admin/keys/reverify")) {
                problem(post(path, PRO, ""), 403);
                problem(kept(app.post(path, null, "")), 401);
            }

            assertThat(keyChecks()).as("no re-verification ran").isEqualTo(before);
        }
    }

    @Test
    void thePlaintextKeyAppearsInNoResponseNoLogLineAndNoTable() {
        int responsesBefore = responses.size();
        logs.list.clear();
        storeKey(PRO, KEY);
        get("/api/me/openrouter-key", PRO);
        String id = createResource(PRO, PRO_MODEL);
        ok(run(PRO, id, "Hello"), 200);
        failNextChat(402, "{\"error\":{\"code\":402,\"message\":\"No credits on " + KEY + "\"}}");
        problem(run(PRO, id, "Hello"), 402);
        failNextChat(503, "{\"error\":{\"code\":503,\"message\":\"Down for " + KEY + "\"}}");
        problem(run(PRO, id, "Hello"), 503);
        failNextChat(200, "{\"error\":{\"code\":502,\"message\":\"Provider saw " + KEY + "\"}}");
        problem(run(PRO, id, "Hello"), 503);
        failNextKeyCheck(401, "{\"error\":{\"code\":401,\"message\":\"Unknown key " + OTHER_KEY + "\"}}");
        problem(put("/api/me/openrouter-key", PRO, keyBody(OTHER_KEY)), 422);
        failNextKeyCheck(503, "{\"error\":{\"code\":503,\"message\":\"" + OTHER_KEY + "\"}}");
        failNextKeyCheck(503, "{}");
        failNextKeyCheck(503, "{}");
        problem(put("/api/me/openrouter-key", PRO, keyBody(OTHER_KEY)), 503);
        put("/api/me/openrouter-key", PRO, "{\"api_key\":" + OTHER_KEY + "}");
        put("/api/me/openrouter-key", PRO, "{\"api_key\":\"" + OTHER_KEY + "\",\"extra\":1}");
        problem(put("/api/me/openrouter-key", PRO, keyBody(OTHER_KEY + "!")), 422);
        failNextChat(401, "{\"error\":{\"code\":401,\"message\":\"Bad key " + KEY + "\"}}");
        problem(run(PRO, id, "Hello"), 409);

        List<String> texts = new ArrayList<>();
        synchronized (responses) {
            for (HttpResponse<String> response : responses.subList(responsesBefore, responses.size())) {
                texts.add(response.body());
                texts.add(response.headers().toString());
            }
        }
        List<String> logLines = logs.list.stream()
                .map(event -> event.getFormattedMessage()
                        + (event.getThrowableProxy() == null
                                ? ""
                                : ThrowableProxyUtil.asString(event.getThrowableProxy())))
                .toList();
        assertThat(logLines).as("the app logged what happened").isNotEmpty();
        assertThat(texts).hasSizeGreaterThan(20);
        for (String secret : List.of(KEY, OTHER_KEY, "5ecre7a11ce", "0the2b0b")) {
            assertThat(texts).noneSatisfy(text -> assertThat(text).contains(secret));
            assertThat(logLines).noneSatisfy(line -> assertThat(line).contains(secret));
            for (String table : dsl
                    .fetchValues(
                            "select table_name from information_schema.tables where table_schema = current_schema()"
                                    + " and table_type = 'BASE TABLE'")
                    .stream()
                    .map(String::valueOf)
                    .toList()) {
                assertThat(dsl.fetchCount(
                                DSL.table(DSL.name(table)).as("t"),
                                DSL.condition("t::text like ?", "%" + secret + "%")))
                        .as("rows of " + table + " holding the key")
                        .isZero();
            }
        }
        assertThat(openRouter.received())
                .as("the key did travel, in the Authorization header")
                .anySatisfy(r -> assertThat(r.header("Authorization")).isEqualTo("Bearer " + KEY));
    }
}
