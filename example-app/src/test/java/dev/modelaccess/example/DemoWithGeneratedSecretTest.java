package dev.modelaccess.example;

import static dev.modelaccess.example.HttpAnswers.ok;
import static org.assertj.core.api.Assertions.assertThat;

import dev.modelaccess.example.demo.DemoRunner;
import dev.modelaccess.testsupport.postgres.TestSchema;
import dev.modelaccess.testsupport.postgres.WithPostgres;
import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.SocketException;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.tomcat.TomcatWebServer;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import tools.jackson.databind.JsonNode;

/**
 * Demo mode with the secret generated for the run: demo tokens from all three places (the printed lines, the console's
 * one-click endpoint, the demo users list) work, and the app listens on loopback only unless {@code server.address}
 * is set.
 */
@WithPostgres
@ExtendWith(OutputCaptureExtension.class)
class DemoWithGeneratedSecretTest {

    private static final Pattern DEMO_LINE =
            Pattern.compile("demo user tier=(\\w+) id=([0-9a-f-]{36}) token=([A-Za-z0-9._-]+)");

    TestSchema schema;

    @Test
    void withAGeneratedSecretEveryPlaceMintsWorkingTokensAndTheAppListensOnLoopbackOnly(CapturedOutput output)
            throws Exception {
        try (RunningApp app = RunningApp.listing(
                schema, List.of("a/one:free"), "app.demo.enabled=true", "app.security.jwt-secret=")) {
            app.bean(DemoRunner.class).done().get(2, TimeUnit.MINUTES);

            Matcher printed = DEMO_LINE.matcher(output.getOut());
            int lines = 0;
            while (printed.find()) {
                lines++;
                String path = printed.group(1).equals("admin") ? "/api/admin/sync-runs?limit=1" : "/api/models";
                assertThat(app.get(path, printed.group(3)).statusCode())
                        .as(printed.group(1))
                        .isEqualTo(200);
            }
            assertThat(lines).isEqualTo(4);

            String admin = ok(app.get("/model-access/demo-token", null), 200)
                    .get("token")
                    .asString();
            assertThat(app.get("/api/admin/sync-runs?limit=1", admin).statusCode())
                    .isEqualTo(200);

            JsonNode users = ok(app.get("/demo/users", null), 200).get("data");
            assertThat(users).hasSize(3);
            for (JsonNode user : users) {
                String token = user.get("token").asString();
                assertThat(app.get("/api/models", token).statusCode()).isEqualTo(200);
                assertThat(app.get("/api/admin/sync-runs?limit=1", token).statusCode())
                        .as("a demo user's token is no admin's")
                        .isEqualTo(403);
            }

            assertThat(boundAddress(app)).isEqualTo(InetAddress.getByName("127.0.0.1"));
            int management =
                    Integer.parseInt(app.context.getEnvironment().getRequiredProperty("local.management.port"));
            assertThat(connects(InetAddress.getByName("127.0.0.1"), app.port)).isTrue();
            assertThat(connects(InetAddress.getByName("127.0.0.1"), management)).isTrue();
            for (InetAddress outside : nonLoopbackAddresses()) {
                assertThat(connects(outside, app.port))
                        .as("reachable on " + outside)
                        .isFalse();
                assertThat(connects(outside, management))
                        .as("actuator reachable on " + outside)
                        .isFalse();
            }
        }
    }

    @Test
    void anExplicitServerAddressWinsOverTheDemosLoopbackDefault() throws Exception {
        try (RunningApp app = RunningApp.listing(
                schema,
                List.of("a/one:free"),
                "app.demo.enabled=true",
                "app.security.jwt-secret=",
                "server.address=0.0.0.0")) {
            assertThat(boundAddress(app)).isEqualTo(InetAddress.getByName("0.0.0.0"));
        }
    }

    @Test
    void outsideDemoModeTheAddressIsLeftAsConfigured() {
        try (RunningApp app = RunningApp.listing(schema, List.of("a/one:free"))) {
            assertThat(boundAddress(app)).isNull();
        }
    }

    private static @Nullable InetAddress boundAddress(RunningApp app) {
        TomcatWebServer server = (TomcatWebServer) ((WebServerApplicationContext) app.context).getWebServer();
        return (InetAddress) server.getTomcat().getConnector().getProperty("address");
    }

    private static List<InetAddress> nonLoopbackAddresses() throws SocketException {
        return NetworkInterface.networkInterfaces()
                .flatMap(NetworkInterface::inetAddresses)
                .filter(address -> address instanceof Inet4Address && !address.isLoopbackAddress())
                .toList();
    }

    private static boolean connects(InetAddress address, int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(address, port), 2000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
