package dev.modelaccess.example;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modelaccess.example.demo.DemoRunner;
import dev.modelaccess.testsupport.postgres.TestSchema;
import dev.modelaccess.testsupport.postgres.WithPostgres;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * Demo mode with a configured secret (say, a Supabase project's, trusted by that project's other services): the demo
 * still sets itself up, but mints no token anywhere (not printed, not from the console's one-click endpoint, not from
 * the demo users list), and says why in one log line.
 */
@WithPostgres
@ExtendWith(OutputCaptureExtension.class)
class DemoWithConfiguredKeysTest {

    static final UUID DEMO_PRO = UUID.fromString("22222222-2222-4222-8222-222222222222");

    TestSchema schema;

    @Test
    void withAConfiguredSecretNoDemoTokenIsPrintedOrServedAndTheLogSaysWhy(CapturedOutput output) throws Exception {
        try (RunningApp app = RunningApp.listing(schema, List.of("a/one:free"), "app.demo.enabled=true")) {
            app.bean(DemoRunner.class).done().get(2, TimeUnit.MINUTES);

            assertThat(output.getOut()).doesNotContain("demo user tier=").doesNotContain("token=ey");
            assertThat(output.getOut())
                    .containsOnlyOnce("Demo mode prints and serves no demo tokens: tokens are checked with the"
                            + " configured app.security.jwt-secret");
            for (String place : List.of("/model-access/demo-token", "/demo/users")) {
                HttpResponse<String> response = app.get(place, null);
                assertThat(response.statusCode()).as(place).isEqualTo(404);
                assertThat(response.body()).as(place).doesNotContain("eyJ");
            }
            assertThat(app.get("/api/admin/sync-runs?limit=1", null).statusCode())
                    .as("the admin API has nothing to go on")
                    .isEqualTo(401);
            assertThat(app.get("/api/admin/sync-runs?limit=1", TestTokens.signedWithAnotherSecret(DEMO_PRO))
                            .statusCode())
                    .isEqualTo(401);
            assertThat(app.get("/api/models", TestTokens.user(DEMO_PRO)).statusCode())
                    .as("the demo users and approvals are there, for tokens the operator signs")
                    .isEqualTo(200);
        }
    }
}
