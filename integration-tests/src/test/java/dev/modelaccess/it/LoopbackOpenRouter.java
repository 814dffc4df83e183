package dev.modelaccess.it;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

/** OpenRouter played on loopback: answers {@code /api/v1/models…} with whatever the test queued. */
final class LoopbackOpenRouter implements AutoCloseable {

    @FunctionalInterface
    interface Answer {
        void write(HttpExchange exchange) throws IOException;
    }

    private final HttpServer server;
    private final Deque<Answer> queued = new ArrayDeque<>();
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private Answer fallback = status(404, "text/plain", "nothing queued");

    LoopbackOpenRouter() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/api/v1/", exchange -> {
            requests.add(exchange.getRequestURI().toString());
            Answer answer;
            synchronized (this) {
                answer = queued.isEmpty() ? fallback : queued.poll();
            }
            try (exchange) {
                answer.write(exchange);
            }
        });
        server.start();
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/api/v1";
    }

    /** Answers every request not taken by a {@link #then queued} answer with {@code answer}. */
    synchronized LoopbackOpenRouter always(Answer answer) {
        fallback = answer;
        return this;
    }

    /** Answers the next requests with these, in order, then with the {@link #always} answer. */
    synchronized LoopbackOpenRouter then(Answer... answers) {
        queued.addAll(List.of(answers));
        return this;
    }

    List<String> requests() {
        return List.copyOf(requests);
    }

    void forgetRequests() {
        requests.clear();
    }

    static Answer json(byte[] body) {
        return exchange -> send(exchange, 200, "application/json", body);
    }

    static Answer json(String body) {
        return json(body.getBytes(StandardCharsets.UTF_8));
    }

    static Answer status(int status, String contentType, String body) {
        return exchange -> send(exchange, status, contentType, body.getBytes(StandardCharsets.UTF_8));
    }

    static Answer withHeader(String name, String value, Answer answer) {
        return exchange -> {
            exchange.getResponseHeaders().add(name, value);
            answer.write(exchange);
        };
    }

    /** Sends the headers at once and the body only after {@code millis}: slower than a short read timeout. */
    static Answer slow(long millis, byte[] body) {
        return exchange -> {
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

    private static void send(HttpExchange exchange, int status, String contentType, byte[] body) throws IOException {
        exchange.getResponseHeaders().add("Content-Type", contentType);
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
