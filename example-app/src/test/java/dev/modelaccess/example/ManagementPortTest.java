package dev.modelaccess.example;

import static dev.modelaccess.example.HttpAnswers.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.modelaccess.testsupport.postgres.TestSchema;
import dev.modelaccess.testsupport.postgres.WithPostgres;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Actuator on the management port of its own: health for anyone (the load balancer), metrics for admins only (the
 * same security chain as the API's), and nothing of it on the API's port.
 */
@WithPostgres
class ManagementPortTest {

    static final UUID USER = UUID.fromString("e0000000-0000-4000-8000-000000000001");
    static final UUID ADMIN = UUID.fromString("e0000000-0000-4000-8000-0000000000ad");

    static TestSchema schema;
    static RunningApp app;

    @BeforeAll
    static void start() throws Exception {
        app = RunningApp.listing(schema, List.of("a/one"));
    }

    @AfterAll
    static void stop() {
        RunningApp.closeAll(app);
    }

    @Test
    void healthAnswersOnTheManagementPortWithoutAToken() {
        var health = app.management("/actuator/health", null);

        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(json(health).get("status").asString()).isEqualTo("UP");
    }

    @Test
    void metricsNeedAnAdminOnTheManagementPort() {
        assertThat(app.management("/actuator/metrics", null).statusCode()).isEqualTo(401);
        assertThat(app.management("/actuator/metrics", TestTokens.user(USER)).statusCode())
                .isEqualTo(403);

        app.get("/api/models", TestTokens.user(USER));
        var requests = app.management("/actuator/metrics/http.server.requests", TestTokens.admin(ADMIN));

        assertThat(requests.statusCode()).isEqualTo(200);
        assertThat(json(requests).get("name").asString()).isEqualTo("http.server.requests");
    }

    @Test
    void theApiPortServesNoActuator() {
        assertThat(app.get("/actuator/health", null).statusCode()).isEqualTo(404);
        assertThat(app.get("/actuator/metrics", TestTokens.admin(ADMIN)).statusCode())
                .isEqualTo(404);
    }
}
