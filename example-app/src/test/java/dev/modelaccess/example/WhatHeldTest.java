package dev.modelaccess.example;

import static dev.modelaccess.example.HttpAnswers.problem;
import static org.assertj.core.api.Assertions.assertThat;

import dev.modelaccess.testsupport.postgres.TestSchema;
import dev.modelaccess.testsupport.postgres.WithPostgres;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What a security review (issue 22) tried against the admin API and found held, kept as tests over real HTTP: path
 * tricks and method overrides with a non-admin's token, tokens in the query string, a tampered token, and error answers
 * that leak nothing of the server's insides. (Covered elsewhere: {@code alg:none} and foreign signatures in {@link
 * BearerTokenSecurityTest}, the actuator in {@link ManagementPortTest}, oversized and chunked bodies in {@link
 * WebModuleEndToEndTest}, resources and keys across users, mass assignment and deep JSON in {@link
 * KeysAndResourcesEndToEndTest}, markup in upstream names in {@link HostileModelIdBrowserTest}, {@code next} links to
 * other hosts in adapter-openrouter's {@code OpenRouterClientCatalogTest}.)
 */
@WithPostgres
class WhatHeldTest {

    static final UUID PRO = UUID.fromString("d2000000-0000-4000-8000-000000000002");
    static final UUID ADMIN = UUID.fromString("d2000000-0000-4000-8000-0000000000ad");
    static final String MODEL = "acme/one";

    static TestSchema schema;
    static RunningApp app;
    static DSLContext dsl;

    @BeforeAll
    static void start() {
        app = RunningApp.listing(schema, List.of(MODEL, "acme/two:free"));
        ConsoleModels.syncOnce(app.context);
        dsl = DSL.using(schema.dataSource(), SQLDialect.POSTGRES);
        dsl.execute("insert into profiles (id, tier) values (?, 'pro')", PRO);
    }

    @AfterAll
    static void stop() {
        RunningApp.closeAll(app);
    }

    static boolean isFree() {
        return (Boolean) dsl.fetchValue("select is_free from model_access where model_id = ?", MODEL);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "/api/admin/models/",
                "/API/admin/models",
                "/api/ADMIN/models",
                "/api/%61dmin/models",
                "/api/admin;x=1/models",
                "/api/admin/models;x=1",
                "/api/admin%2Fmodels",
                "/api%2Fadmin%2Fmodels",
                "//api/admin/models",
                "/api//admin/models",
                "/api/./admin/models",
                "/api/admin/./models",
                "/api/x/../admin/models",
                "/api/admin/models/..",
                "/api/admin/models%00",
                "/api/admin/models/acme/one/",
                "/api/admin/models/acme/one;x=1",
                "/api/admin/console/models/",
                "/api/admin/sync-runs/"
            })
    void aProUsersTokenGetsNoAdminDataWhateverThePathTrick(String path) {
        HttpResponse<String> response = app.get(path, TestTokens.user(PRO));

        assertThat(response.statusCode()).as(path + ": " + response.body()).isIn(400, 401, 403, 404, 405);
        assertThat(response.body()).doesNotContain("Name of ", "\"total\"", "\"data\"", "\"is_free\"");
    }

    @ParameterizedTest
    @ValueSource(strings = {"HEAD", "OPTIONS", "TRACE", "PUT", "DELETE"})
    void otherMethodsOnAnAdminRouteAreRefusedToAProUser(String method) {
        HttpResponse<String> response = app.send(method, "/api/admin/models", TestTokens.user(PRO), null);

        assertThat(response.statusCode()).as(method + ": " + response.body()).isIn(401, 403, 405);
        assertThat(response.body()).doesNotContain("Name of ", "\"total\"", "\"data\"");
    }

    @Test
    void methodOverridesAreNotHonouredForAProUserNorForAnAdmin() {
        String change = "{\"is_free\":true}";
        for (String token : List.of(TestTokens.user(PRO), TestTokens.admin(ADMIN))) {
            List<HttpResponse<String>> answers = List.of(
                    app.send("POST", "/api/admin/models/" + MODEL + "?_method=PATCH", token, change),
                    app.send("POST", "/api/admin/models/" + MODEL, token, change, "X-HTTP-Method-Override", "PATCH"),
                    app.send("POST", "/api/admin/models/" + MODEL, token, change, "X-HTTP-Method", "PATCH"),
                    app.send("POST", "/api/admin/models/" + MODEL, token, change, "X-Method-Override", "PATCH"),
                    app.send("GET", "/api/admin/models?_method=DELETE", TestTokens.user(PRO), null));
            for (HttpResponse<String> answer : answers) {
                assertThat(answer.statusCode()).as(answer.body()).isIn(403, 405);
            }
        }
        assertThat(isFree()).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"access_token", "token", "jwt", "bearer"})
    void aTokenInTheQueryStringIsNotAccepted(String parameter) {
        problem(app.get("/api/models?" + parameter + "=" + TestTokens.user(PRO), null), 401);
        problem(app.get("/api/admin/models?" + parameter + "=" + TestTokens.admin(ADMIN), null), 401);
    }

    @Test
    void aTokenWhosePayloadWasEditedToClaimAdminIsRefused() {
        String[] parts = TestTokens.user(PRO).split("\\.");
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
        String admin = payload.substring(0, payload.length() - 1) + ",\"app_metadata\":{\"role\":\"admin\"}}";
        String tampered = parts[0] + "."
                + Base64.getUrlEncoder().withoutPadding().encodeToString(admin.getBytes(StandardCharsets.UTF_8)) + "."
                + parts[2];

        problem(app.get("/api/admin/models", tampered), 401);
        problem(app.get("/api/admin/models", parts[0] + "." + parts[1] + "."), 401);
        problem(app.get("/api/models", parts[0] + "." + parts[1]), 401);
    }

    @Test
    void errorAnswersLeakNothingOfTheServersInsides() {
        List<HttpResponse<String>> answers = List.of(
                app.get("/api/nothing-here", TestTokens.user(PRO)),
                app.get("/nothing-here", null),
                app.get("/api/admin/models?limit=ten", TestTokens.admin(ADMIN)),
                app.post("/api/admin/models/review", TestTokens.admin(ADMIN), "{\"models\":[\"acme/one\"],"),
                app.post("/api/admin/models/review", TestTokens.admin(ADMIN), "{\"models\":[1,2],\"x\":{}}"),
                app.send("PATCH", "/api/admin/models/" + MODEL, TestTokens.admin(ADMIN), "[]"),
                app.post("/api/resources", TestTokens.user(PRO), "{\"name\":\u0000}"),
                app.send("POST", "/api/resources", TestTokens.user(PRO), "<x/>", "Content-Type", "application/xml"));
        for (HttpResponse<String> answer : answers) {
            assertThat(answer.statusCode()).as(answer.body()).isBetween(400, 499);
            assertThat(answer.headers().firstValue("Content-Type"))
                    .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
            assertThat(answer.body())
                    .doesNotContainIgnoringCase("exception")
                    .doesNotContain("at dev.", "at org.", "org.springframework", "tools.jackson", "dev.modelaccess")
                    .doesNotContainIgnoringCase("whitelabel")
                    .doesNotContainIgnoringCase("sql")
                    .doesNotContainIgnoringCase("trace");
        }
    }
}
