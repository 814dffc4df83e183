package dev.modelaccess.example;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modelaccess.example.demo.DemoRunner;
import dev.modelaccess.testsupport.postgres.TestSchema;
import dev.modelaccess.testsupport.postgres.WithPostgres;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * Demo mode with a configured secret (say, a Supabase project's, trusted by that project's other services): the demo
 * still sets itself up, but prints no tokens, and says why in one log line.
 */
@WithPostgres
@ExtendWith(OutputCaptureExtension.class)
class DemoWithConfiguredKeysTest {

    static final UUID DEMO_PRO = UUID.fromString("22222222-2222-4222-8222-222222222222");

    TestSchema schema;

    @Test
    void withAConfiguredSecretNoDemoTokenIsPrintedAndTheLogSaysWhy(CapturedOutput output) throws Exception {
        try (RunningApp app = RunningApp.listing(schema, List.of("a/one:free"), "app.demo.enabled=true")) {
            app.bean(DemoRunner.class).done().get(2, TimeUnit.MINUTES);

            assertThat(output.getOut()).doesNotContain("demo user tier=").doesNotContain("token=ey");
            assertThat(output.getOut())
                    .containsOnlyOnce("Demo mode prints no demo tokens: tokens are checked with the configured"
                            + " app.security.jwt-secret");
            assertThat(app.get("/api/models", TestTokens.user(DEMO_PRO)).statusCode())
                    .as("the demo users and approvals are there, for tokens the operator signs")
                    .isEqualTo(200);
        }
    }
}
