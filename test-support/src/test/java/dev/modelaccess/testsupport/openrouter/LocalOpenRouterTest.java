package dev.modelaccess.testsupport.openrouter;

import static dev.modelaccess.testsupport.openrouter.LocalOpenRouter.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class LocalOpenRouterTest {

    static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void answersQueuedWithOnNextAreUsedOnceEachInOrderBeforeTheScriptGoesOn() throws Exception {
        try (LocalOpenRouter openRouter = LocalOpenRouter.start()) {
            openRouter.on("/api/v1/key", json("{\"usual\":true}"));
            openRouter.onNext("/api/v1/key", json(401, "{\"first\":true}"));
            openRouter.onNext("/api/v1/key", json(503, "{\"second\":true}"));

            assertThat(get(openRouter, "/api/v1/key")).isEqualTo("401 {\"first\":true}");
            assertThat(get(openRouter, "/api/v1/key")).isEqualTo("503 {\"second\":true}");
            assertThat(get(openRouter, "/api/v1/key")).isEqualTo("200 {\"usual\":true}");
            assertThat(get(openRouter, "/api/v1/key")).isEqualTo("200 {\"usual\":true}");
        }
    }

    @Test
    void anAnswerReadsTheRequestBodyThatIsAlsoRecorded() throws Exception {
        try (LocalOpenRouter openRouter = LocalOpenRouter.start()) {
            openRouter.on("/api/v1/chat/completions", (exchange, fake) -> {
                String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                json("{\"echo\":" + body + "}").write(exchange, fake);
            });

            HttpResponse<String> response = HTTP.send(
                    HttpRequest.newBuilder(URI.create(openRouter.baseUrl() + "/chat/completions"))
                            .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"a/one\"}"))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());

            assertThat(response.body()).isEqualTo("{\"echo\":{\"model\":\"a/one\"}}");
            assertThat(openRouter.received().getFirst().body()).isEqualTo("{\"model\":\"a/one\"}");
        }
    }

    @Test
    void itStartsOnTheLoopbackPortAskedFor() throws Exception {
        int port;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        try (LocalOpenRouter openRouter = LocalOpenRouter.start(port).on("/api/v1/models", json("{\"data\":[]}"))) {
            assertThat(openRouter.baseUrl()).endsWith(":" + port + "/api/v1");
            assertThat(get(openRouter, "/api/v1/models")).isEqualTo("200 {\"data\":[]}");
        }
    }

    static String get(LocalOpenRouter openRouter, String path) throws IOException, InterruptedException {
        HttpResponse<String> response = HTTP.send(
                HttpRequest.newBuilder(URI.create(openRouter.origin() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
        return response.statusCode() + " " + response.body();
    }
}
