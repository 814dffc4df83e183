package dev.modelaccess.example;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modelaccess.core.keys.SecretCipher;
import dev.modelaccess.testsupport.openrouter.LocalOpenRouter;
import dev.modelaccess.testsupport.postgres.TestSchema;
import dev.modelaccess.testsupport.postgres.WithPostgres;
import dev.modelaccess.tink.KeysetTool;
import dev.modelaccess.tink.TinkSecretCipher;
import java.net.http.HttpResponse;
import java.util.UUID;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Where the key material for users' keys comes from: the configured keyset, none (503), or the demo's own. */
@WithPostgres
@ExtendWith(OutputCaptureExtension.class)
class KeyMaterialEndToEndTest {

    static final UUID USER = UUID.fromString("d0000000-0000-4000-8000-000000000001");
    static final String KEY = "sk-or-v1-0123456789abcdef0123456789abcdef0123456789abcdef0123456789abc6e7";

    static TestSchema schema;
    static LocalOpenRouter openRouter;

    @BeforeAll
    static void start() throws Exception {
        openRouter = ExampleOpenRouter.start(0);
    }

    @AfterAll
    static void stop() {
        openRouter.close();
    }

    @Test
    void withoutAKeysetOutsideTheDemoStoringAKeyIs503AndNothingIsStoredOrSent() {
        TestSchema own = schema.createSchema();
        try (RunningApp app = RunningApp.start(own, openRouter.baseUrl())) {
            long checksBefore = keyChecks();

            HttpResponse<String> response =
                    app.put("/api/me/openrouter-key", TestTokens.user(USER), "{\"api_key\":\"" + KEY + "\"}");

            assertThat(response.statusCode()).as(response.body()).isEqualTo(503);
            assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
            JsonNode problem = JsonMapper.builder().build().readTree(response.body());
            assertThat(problem.get("detail").asString())
                    .contains("cannot store OpenRouter keys")
                    .contains("modelaccess.keys.keyset");
            assertThat(keyChecks()).isEqualTo(checksBefore);
            assertThat(DSL.using(own.dataSource(), SQLDialect.POSTGRES)
                            .fetchCount(DSL.table("user_openrouter_integrations")))
                    .isZero();
            assertThat(app.get("/api/me/openrouter-key", TestTokens.user(USER)).statusCode())
                    .isEqualTo(404);
        }
    }

    @Test
    void inDemoModeWithoutAKeysetAKeysetIsMadeForTheRunWithALoudWarning(CapturedOutput output) {
        TestSchema own = schema.createSchema();
        try (RunningApp app = RunningApp.start(own, openRouter.baseUrl(), "app.demo.enabled=true")) {
            assertThat(app.bean(SecretCipher.class)).isInstanceOf(TinkSecretCipher.class);

            HttpResponse<String> response =
                    app.put("/api/me/openrouter-key", TestTokens.user(USER), "{\"api_key\":\"" + KEY + "\"}");

            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        }
        assertThat(output.getOut())
                .contains("WARN")
                .contains("DEMO MODE: users' OpenRouter keys are encrypted under a keyset made")
                .contains("Keys stored now will NOT decrypt after a restart");
    }

    @Test
    void aConfiguredKeysetIsUsedEvenInDemoMode() {
        TestSchema own = schema.createSchema();
        String keyset = KeysetTool.generate();
        String primary = TinkSecretCipher.fromBase64Keyset(keyset).primaryKeyId();
        try (RunningApp app = RunningApp.start(
                own, openRouter.baseUrl(), "app.demo.enabled=true", "modelaccess.keys.keyset=" + keyset)) {

            assertThat(app.bean(SecretCipher.class).primaryKeyId()).isEqualTo(primary);
        }
    }

    private static long keyChecks() {
        return openRouter.received().stream()
                .filter(r -> r.pathAndQuery().equals(ExampleOpenRouter.KEY))
                .count();
    }
}
