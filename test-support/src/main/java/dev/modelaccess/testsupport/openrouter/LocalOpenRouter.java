package dev.modelaccess.testsupport.openrouter;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * OpenRouter played by a real HTTP server on loopback (JDK {@code com.sun.net.httpserver} only), the one stand-in
 * every module's tests use. Each path (optionally with its query) gets a script of answers, used in order; the last
 * one repeats; a path without a script answers 404. Every request is recorded.
 */
public final class LocalOpenRouter implements AutoCloseable {

    /** What the fake received. */
    public record Received(String method, String pathAndQuery, Map<String, List<String>> headers, String body) {

        public String header(String name) {
            for (Map.Entry<String, List<String>> header : headers.entrySet()) {
                if (header.getKey().equalsIgnoreCase(name)) {
                    return header.getValue().getFirst();
                }
            }
            return null;
        }
    }

    /** One scripted answer. */
    @FunctionalInterface
    public interface Answer {
        void write(HttpExchange exchange, LocalOpenRouter fake) throws IOException;
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final Map<String, Deque<Answer>> scripts = new HashMap<>();
    private final List<Received> received = Collections.synchronizedList(new ArrayList<>());
    private final CountDownLatch released = new CountDownLatch(1);

    private LocalOpenRouter(int port) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    /** A stand-in on a free loopback port, answering 404 until scripted. */
    public static LocalOpenRouter start() {
        return start(0);
    }

    /** A stand-in on this loopback port (0: a free one), answering 404 until scripted. */
    public static LocalOpenRouter start(int port) {
        try {
            return new LocalOpenRouter(port);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start the OpenRouter stand-in on loopback port " + port, e);
        }
    }

    /** {@code http://127.0.0.1:<port>/api/v1} */
    public String baseUrl() {
        return origin() + "/api/v1";
    }

    public String origin() {
        return "http://" + server.getAddress().getHostString() + ":"
                + server.getAddress().getPort();
    }

    /** Scripts the answers to {@code pathAndQuery} ({@code /api/v1/models} matches any query). */
    public synchronized LocalOpenRouter on(String pathAndQuery, Answer... answers) {
        scripts.put(pathAndQuery, new ArrayDeque<>(List.of(answers)));
        return this;
    }

    /**
     * Queues {@code answer} for one request to {@code pathAndQuery}, ahead of the script's last (repeating) answer:
     * answers queued so are used once each, in the order queued, before the script goes on. On a path without a
     * script, the answer becomes its script.
     */
    public synchronized LocalOpenRouter onNext(String pathAndQuery, Answer answer) {
        Deque<Answer> script = scripts.computeIfAbsent(pathAndQuery, p -> new ArrayDeque<>());
        Answer last = script.pollLast();
        script.add(answer);
        if (last != null) {
            script.add(last);
        }
        return this;
    }

    public List<Received> received() {
        synchronized (received) {
            return List.copyOf(received);
        }
    }

    /** Forgets the requests received so far. */
    public void forgetReceived() {
        received.clear();
    }

    private void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getRawPath();
        String query = exchange.getRequestURI().getRawQuery();
        String pathAndQuery = query == null ? path : path + "?" + query;
        byte[] bytes = exchange.getRequestBody().readAllBytes();
        exchange.setStreams(new ByteArrayInputStream(bytes), null); // an answer may read the request body too
        String body = new String(bytes, StandardCharsets.UTF_8);
        received.add(new Received(
                exchange.getRequestMethod(), pathAndQuery, Map.copyOf(exchange.getRequestHeaders()), body));
        Answer answer = next(pathAndQuery, path);
        try (exchange) {
            if (answer == null) {
                exchange.sendResponseHeaders(404, -1);
                return;
            }
            answer.write(exchange, this);
        }
    }

    private synchronized Answer next(String pathAndQuery, String path) {
        Deque<Answer> script = scripts.containsKey(pathAndQuery) ? scripts.get(pathAndQuery) : scripts.get(path);
        if (script == null || script.isEmpty()) {
            return null;
        }
        return script.size() > 1 ? script.poll() : script.peek();
    }

    /** Blocks a handler until the test ends: an answer that never comes. */
    public void awaitRelease() {
        try {
            released.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        released.countDown();
        server.stop(0);
        executor.shutdownNow();
    }

    // ---- answers

    /** 200 with this JSON body. */
    public static Answer json(String body) {
        return json(200, body);
    }

    public static Answer json(int status, String body, String... headers) {
        return raw(status, "application/json", body.getBytes(StandardCharsets.UTF_8), headers);
    }

    public static Answer raw(int status, String contentType, byte[] body, String... headers) {
        return (exchange, fake) -> {
            if (contentType != null) {
                exchange.getResponseHeaders().add("Content-Type", contentType);
            }
            for (int i = 0; i < headers.length; i += 2) {
                exchange.getResponseHeaders().add(headers[i], headers[i + 1]);
            }
            exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
            if (body.length > 0) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            }
        };
    }

    /** Sends the headers at once and the body only after {@code millis}: slower than a short read timeout. */
    public static Answer slow(long millis, byte[] body) {
        return (exchange, fake) -> {
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            try {
                Thread.sleep(millis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            } catch (IOException clientGaveUp) {
                // the client timed out and closed the connection, as the test wants
            }
        };
    }

    /** Never sends the headers (until the test ends). */
    public static Answer silence() {
        return (exchange, fake) -> fake.awaitRelease();
    }

    /** Sends the headers and the start of the body, then stalls (until the test ends). */
    public static Answer stallMidBody() {
        return (exchange, fake) -> {
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, 0);
            OutputStream out = exchange.getResponseBody();
            out.write("{\"data\":[".getBytes(StandardCharsets.UTF_8));
            out.flush();
            fake.awaitRelease();
        };
    }

    /** Promises more bytes than it sends, then closes the connection. */
    public static Answer cutShort(String body) {
        return (exchange, fake) -> {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, bytes.length * 2L);
            OutputStream out = exchange.getResponseBody();
            out.write(bytes);
            out.flush();
            exchange.close();
        };
    }
}
