package dev.modelaccess.example;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/** OpenRouter played on loopback: {@code GET /api/v1/models} answers the models the test put there. */
final class FakeOpenRouter implements AutoCloseable {

    private final HttpServer server;
    private final List<String> models = new CopyOnWriteArrayList<>();
    private final AtomicInteger modelRequests = new AtomicInteger();
    private volatile int failWith;
    private volatile java.util.concurrent.@org.jspecify.annotations.Nullable CountDownLatch gate;

    FakeOpenRouter() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/api/v1/models", this::models);
        server.start();
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/api/v1";
    }

    /** Replaces the listed models with these JSON objects. */
    FakeOpenRouter serve(List<String> modelJson) {
        models.clear();
        models.addAll(modelJson);
        failWith = 0;
        return this;
    }

    /** Answers every request with this status (and an OpenRouter error body) until {@link #serve} is called. */
    FakeOpenRouter failWith(int status) {
        failWith = status;
        return this;
    }

    /**
     * Holds every models answer until {@code requests} requests have arrived (at most 10 s), so that concurrent
     * syncs fetch at the same moment.
     */
    FakeOpenRouter holdUntil(int requests) {
        gate = new java.util.concurrent.CountDownLatch(requests);
        return this;
    }

    int modelRequests() {
        return modelRequests.get();
    }

    /** An OpenRouter-shaped model object. */
    static String model(String id, String prompt, String completion) {
        return """
                {"id":"%s","canonical_slug":"%s","name":"Name of %s","created":1735689600,\
                "description":"A test model","context_length":32768,\
                "architecture":{"modality":"text->text","input_modalities":["text"],"output_modalities":["text"],\
                "tokenizer":"Other","instruct_type":null},\
                "pricing":{"prompt":"%s","completion":"%s"},\
                "top_provider":{"context_length":32768,"max_completion_tokens":4096,"is_moderated":false},\
                "supported_parameters":["max_tokens","temperature"]}""".formatted(id, id, id, prompt, completion);
    }

    static List<String> models(String... ids) {
        List<String> result = new ArrayList<>();
        for (String id : ids) {
            result.add(model(id, "0.000001", "0.000002"));
        }
        return result;
    }

    private void models(HttpExchange exchange) throws IOException {
        modelRequests.incrementAndGet();
        java.util.concurrent.CountDownLatch waiting = gate;
        if (waiting != null) {
            waiting.countDown();
            try {
                waiting.await(10, java.util.concurrent.TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        int status = failWith;
        byte[] body = status != 0
                ? "{\"error\":{\"code\":%d,\"message\":\"down for the test\"}}"
                        .formatted(status)
                        .getBytes(StandardCharsets.UTF_8)
                : ("{\"data\":[" + String.join(",", models) + "]}").getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status != 0 ? status : 200, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
