package dev.modelaccess.example;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modelaccess.core.port.CatalogQuery;
import dev.modelaccess.core.port.ModelAccessStore;
import dev.modelaccess.example.demo.DemoRunner;
import dev.modelaccess.testsupport.openrouter.LocalOpenRouter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The embedded default (SPEC §10): no datasource configured → an embedded PostgreSQL, migrations, a first sync (or
 * the demo catalog when OpenRouter is unreachable), approvals per tier, and printed demo users with tokens.
 */
@ExtendWith(OutputCaptureExtension.class)
class EmbeddedDemoTest {

    private static final Pattern DEMO_LINE =
            Pattern.compile("demo user tier=(\\w+) id=([0-9a-f-]{36}) token=([A-Za-z0-9._-]+)");

    @Test
    void withOpenRouterUnreachableTheDemoCatalogIsWrittenAndEveryTierHasModels(CapturedOutput output) throws Exception {
        try (ConfigurableApplicationContext app = start("http://127.0.0.1:1/api/v1")) {
            Map<String, String> tokens = demoTokens(app, output);

            assertThat(tokens).containsOnlyKeys("free", "pro", "enterprise", "admin");
            assertThat(output.getOut() + output.getErr()).contains("DEMO CATALOG");
            assertThat(app.getBean(DataSource.class)
                            .getConnection()
                            .getMetaData()
                            .getURL())
                    .startsWith("jdbc:postgresql://localhost:");
            List<String> free = ids(app, tokens.get("free"));
            List<String> pro = ids(app, tokens.get("pro"));
            List<String> enterprise = ids(app, tokens.get("enterprise"));
            assertThat(free).hasSize(3).allSatisfy(id -> assertThat(id).endsWith(":free"));
            assertThat(pro).hasSize(6).containsAll(free);
            assertThat(enterprise).hasSize(9).containsAll(pro);
            assertThat(get(app, "/api/admin/models", tokens.get("admin")).statusCode())
                    .isEqualTo(200);
            assertThat(get(app, "/api/admin/models", tokens.get("pro")).statusCode())
                    .isEqualTo(403);
        }
    }

    @Test
    void withOpenRouterReachableTheFirstSyncFillsTheCatalog(CapturedOutput output) throws Exception {
        try (LocalOpenRouter openRouter = ExampleOpenRouter.serving(ExampleOpenRouter.models(
                        "a/one:free",
                        "a/two:free",
                        "b/paid-one",
                        "b/paid-two",
                        "c/paid-three",
                        "c/paid-four",
                        "d/paid-five"));
                ConfigurableApplicationContext app = start(openRouter.baseUrl())) {
            Map<String, String> tokens = demoTokens(app, output);

            ModelAccessStore store = app.getBean(ModelAccessStore.class);
            assertThat(store.searchModels(new CatalogQuery(null, null, 100, 0)).total())
                    .isEqualTo(7);
            assertThat(output.getOut()).doesNotContain("DEMO CATALOG");
            assertThat(ids(app, tokens.get("free"))).containsExactlyInAnyOrder("a/one:free", "a/two:free");
            assertThat(ids(app, tokens.get("enterprise"))).hasSize(7);

            // the demo output (the printed lines, not the log lines around them) ends with the console's address,
            // and the console is served there
            String port = app.getEnvironment().getRequiredProperty("local.server.port");
            List<String> printed = output.getOut()
                    .lines()
                    .filter(line -> !line.isBlank() && !line.matches("^\\d{4}-\\d{2}-\\d{2}T.*"))
                    .toList();
            assertThat(printed.getLast()).startsWith("Admin console: http://localhost:" + port + "/model-access/");
            assertThat(get(app, "/model-access/", tokens.get("free")).statusCode())
                    .isEqualTo(200);
        }
    }

    private static ConfigurableApplicationContext start(String openRouterBaseUrl) {
        return new SpringApplicationBuilder(ExampleApplication.class)
                .run(
                        "--server.port=0",
                        "--management.server.port=0",
                        "--spring.main.banner-mode=off",
                        "--modelaccess.openrouter.base-url=" + openRouterBaseUrl,
                        "--modelaccess.sync.schedule.enabled=false");
    }

    private static Map<String, String> demoTokens(ConfigurableApplicationContext app, CapturedOutput output)
            throws Exception {
        app.getBean(DemoRunner.class).done().get(2, TimeUnit.MINUTES);
        Map<String, String> tokens = new LinkedHashMap<>();
        Matcher matcher = DEMO_LINE.matcher(output.getOut());
        while (matcher.find()) {
            tokens.put(matcher.group(1), matcher.group(3));
        }
        return tokens;
    }

    private static List<String> ids(ConfigurableApplicationContext app, String token) {
        HttpResponse<String> response = get(app, "/api/models", token);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode body = JsonMapper.builder().build().readTree(response.body());
        return body.get("data")
                .valueStream()
                .map(model -> model.get("id").asString())
                .toList();
    }

    private static HttpResponse<String> get(ConfigurableApplicationContext app, String path, String token) {
        String port = app.getEnvironment().getRequiredProperty("local.server.port");
        try {
            return HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                                    .header("Authorization", "Bearer " + token)
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
