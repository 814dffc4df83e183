package dev.modelaccess.example;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A local stand-in for OpenRouter, for trying the example app without an OpenRouter account and for its tests. JDK
 * only, so it starts with one command and no build:
 *
 * <pre>
 * java example-app/src/test/java/dev/modelaccess/example/LocalOpenRouter.java [port]     # default 8089
 * </pre>
 *
 * Then start the example app with {@code --modelaccess.openrouter.base-url=http://127.0.0.1:8089/api/v1}. It
 * answers:
 *
 * <ul>
 *   <li>{@code GET /api/v1/models}: a handful of models with real OpenRouter ids;
 *   <li>{@code GET /api/v1/key}: any well-formed {@code sk-or-…} key is valid, except one ending in {@code bad}
 *       (401, as OpenRouter answers for an unknown key);
 *   <li>{@code POST /api/v1/chat/completions}: an echo of the last user message, with token counts. A message that
 *       is exactly {@code status 401}, {@code status 402}, {@code status 429}, {@code status 500}, … gets that
 *       status with an OpenRouter-shaped error instead, to see how failures look. A key ending in {@code bad} gets
 *       401 here too.
 * </ul>
 *
 * Tests script further answers with {@link #failNextChat} and {@link #failNextKeyCheck}, and read what arrived
 * with {@link #received()}.
 */
public final class LocalOpenRouter implements AutoCloseable {

    /** One request as it arrived. */
    public record Received(String method, String path, String authorization, String body) {}

    private record Scripted(int status, String body, Map<String, String> headers) {}

    private static final Pattern STATUS_INPUT = Pattern.compile("status ([1-5][0-9][0-9])");

    private final HttpServer server;
    private final List<Received> received = Collections.synchronizedList(new ArrayList<>());
    private final Map<String, Deque<Scripted>> scripts = new LinkedHashMap<>();
    private final AtomicLong generations = new AtomicLong();

    private LocalOpenRouter(int port) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
        server.setExecutor(Executors.newCachedThreadPool(runnable -> {
            Thread thread = new Thread(runnable, "local-openrouter");
            thread.setDaemon(true);
            return thread;
        }));
        server.createContext("/api/v1/models", exchange -> answer(exchange, this::models));
        server.createContext("/api/v1/key", exchange -> answer(exchange, this::key));
        server.createContext("/api/v1/chat/completions", exchange -> answer(exchange, this::chat));
        server.createContext("/", exchange -> answer(exchange, request -> error(404, "Not found")));
        server.start();
    }

    /** Starts on {@code port} of the loopback interface; 0 picks a free port. */
    public static LocalOpenRouter start(int port) throws IOException {
        return new LocalOpenRouter(port);
    }

    public static void main(String[] args) throws IOException {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 8089;
        LocalOpenRouter openRouter = start(port);
        System.out.println("Local OpenRouter stand-in on " + openRouter.baseUrl());
        System.out.println("Start the example app with --modelaccess.openrouter.base-url=" + openRouter.baseUrl());
        System.out.println("Keys ending in 'bad' are refused; the input 'status 402' (or 401, 429, 500, ...) fails.");
    }

    /** {@code http://127.0.0.1:<port>/api/v1} */
    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/api/v1";
    }

    /** The next chat completion (only the next; scripts queue) answers {@code status} with {@code body}. */
    public LocalOpenRouter failNextChat(int status, String body, String... headerNamesAndValues) {
        return failNext("/api/v1/chat/completions", status, body, headerNamesAndValues);
    }

    /** The next key check (only the next; scripts queue) answers {@code status} with {@code body}. */
    public LocalOpenRouter failNextKeyCheck(int status, String body, String... headerNamesAndValues) {
        return failNext("/api/v1/key", status, body, headerNamesAndValues);
    }

    private synchronized LocalOpenRouter failNext(
            String path, int status, String body, String... headerNamesAndValues) {
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 0; i + 1 < headerNamesAndValues.length; i += 2) {
            headers.put(headerNamesAndValues[i], headerNamesAndValues[i + 1]);
        }
        scripts.computeIfAbsent(path, p -> new ArrayDeque<>()).add(new Scripted(status, body, headers));
        return this;
    }

    /** Forgets answers scripted but not used. */
    public synchronized void clearScripts() {
        scripts.clear();
    }

    private synchronized Scripted scripted(String path) {
        Deque<Scripted> script = scripts.get(path);
        return script == null ? null : script.poll();
    }

    /** Every request so far, oldest first. */
    public List<Received> received() {
        synchronized (received) {
            return List.copyOf(received);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }

    // ---- endpoints

    private interface Handler {
        Scripted handle(Received request);
    }

    private void answer(HttpExchange exchange, Handler handler) throws IOException {
        try (exchange) {
            String authorization = exchange.getRequestHeaders().getFirst("Authorization");
            Received request = new Received(
                    exchange.getRequestMethod(),
                    exchange.getRequestURI().getPath(),
                    authorization == null ? "" : authorization,
                    new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            received.add(request);
            Scripted scripted = scripted(request.path());
            Scripted answer = scripted != null ? scripted : handler.handle(request);
            byte[] body = answer.body().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            answer.headers()
                    .forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
            exchange.sendResponseHeaders(answer.status(), body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    private Scripted models(Received request) {
        List<String> models = List.of(
                model("meta-llama/llama-3.3-70b-instruct:free", "Meta: Llama 3.3 70B Instruct (free)", "0", "0"),
                model(
                        "mistralai/mistral-small-3.1-24b-instruct:free",
                        "Mistral: Mistral Small 3.1 24B (free)",
                        "0",
                        "0"),
                model("openai/gpt-4o-mini", "OpenAI: GPT-4o-mini", "0.00000015", "0.0000006"),
                model("anthropic/claude-3.5-haiku", "Anthropic: Claude 3.5 Haiku", "0.0000008", "0.000004"),
                model("openai/gpt-4o", "OpenAI: GPT-4o", "0.0000025", "0.00001"),
                model("anthropic/claude-sonnet-4", "Anthropic: Claude Sonnet 4", "0.000003", "0.000015"));
        return ok("{\"data\":[" + String.join(",", models) + "]}");
    }

    private Scripted key(Received request) {
        String key = bearer(request);
        if (key.isEmpty() || key.endsWith("bad")) {
            return error(401, "User not found.");
        }
        String label = key.length() > 12 ? key.substring(0, 12) + "..." + key.substring(key.length() - 3) : "key";
        return ok("{\"data\":{\"label\":\"" + label + "\",\"limit\":null,\"limit_remaining\":null,"
                + "\"usage\":0,\"is_free_tier\":true,\"expires_at\":null}}");
    }

    private Scripted chat(Received request) {
        if (!request.method().equals("POST")) {
            return error(405, "Use POST");
        }
        String key = bearer(request);
        if (key.isEmpty() || key.endsWith("bad")) {
            return error(401, "User not found.");
        }
        Object parsed;
        try {
            parsed = new JsonReader(request.body()).read();
        } catch (IllegalArgumentException e) {
            return error(400, "Invalid JSON: " + e.getMessage());
        }
        if (!(parsed instanceof Map<?, ?> body)
                || !(body.get("model") instanceof String model)
                || !(body.get("messages") instanceof List<?> messages)) {
            return error(400, "model and messages are required");
        }
        String system = "";
        String input = "";
        for (Object message : messages) {
            if (message instanceof Map<?, ?> m && m.get("content") instanceof String content) {
                if ("system".equals(m.get("role"))) {
                    system = content;
                } else if ("user".equals(m.get("role"))) {
                    input = content;
                }
            }
        }
        Matcher status = STATUS_INPUT.matcher(input.strip());
        if (status.matches()) {
            int code = Integer.parseInt(status.group(1));
            return error(
                    code,
                    switch (code) {
                        case 401 -> "User not found.";
                        case 402 -> "Insufficient credits. Add more using https://openrouter.ai/credits";
                        case 403 -> "Input was flagged by moderation";
                        case 429 -> "Rate limit exceeded";
                        default -> "Provider returned error";
                    });
        }
        String output = "[local stand-in] " + model + " heard: " + input;
        long promptTokens = (system.length() + input.length()) / 4 + 1;
        long completionTokens = output.length() / 4 + 1;
        return ok("{\"id\":\"gen-local-" + generations.incrementAndGet() + "\",\"provider\":\"Local\",\"model\":"
                + quote(model) + ",\"object\":\"chat.completion\",\"created\":" + System.currentTimeMillis() / 1000
                + ",\"choices\":[{\"index\":0,\"finish_reason\":\"stop\",\"message\":{\"role\":\"assistant\","
                + "\"content\":" + quote(output) + "}}],\"usage\":{\"prompt_tokens\":" + promptTokens
                + ",\"completion_tokens\":" + completionTokens + ",\"total_tokens\":"
                + (promptTokens + completionTokens)
                + "}}");
    }

    private static String bearer(Received request) {
        String authorization = request.authorization();
        return authorization.startsWith("Bearer ") ? authorization.substring(7).strip() : "";
    }

    private static String model(String id, String name, String prompt, String completion) {
        return ("{\"id\":%s,\"canonical_slug\":%s,\"name\":%s,\"created\":1735689600,\"description\":\"Served by the"
                        + " local stand-in\",\"context_length\":128000,\"architecture\":{\"modality\":\"text->text\","
                        + "\"input_modalities\":[\"text\"],\"output_modalities\":[\"text\"],\"tokenizer\":\"Other\","
                        + "\"instruct_type\":null},\"pricing\":{\"prompt\":%s,\"completion\":%s},\"top_provider\":"
                        + "{\"context_length\":128000,\"max_completion_tokens\":16384,\"is_moderated\":false},"
                        + "\"supported_parameters\":[\"max_tokens\",\"temperature\",\"top_p\"]}")
                .formatted(quote(id), quote(id), quote(name), quote(prompt), quote(completion));
    }

    private static Scripted ok(String body) {
        return new Scripted(200, body, Map.of());
    }

    private static Scripted error(int status, String message) {
        return new Scripted(
                status, "{\"error\":{\"code\":" + status + ",\"message\":" + quote(message) + "}}", Map.of());
    }

    static String quote(String text) {
        StringBuilder out = new StringBuilder("\"");
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append("\\u%04x".formatted((int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }

    /** Just enough JSON to read a chat request: objects, arrays, strings, numbers, booleans, null. */
    private static final class JsonReader {
        private final String text;
        private int at;

        JsonReader(String text) {
            this.text = text;
        }

        Object read() {
            Object value = value();
            space();
            if (at != text.length()) {
                throw new IllegalArgumentException("trailing characters at " + at);
            }
            return value;
        }

        private Object value() {
            space();
            if (at >= text.length()) {
                throw new IllegalArgumentException("unexpected end");
            }
            char c = text.charAt(at);
            return switch (c) {
                case '{' -> object();
                case '[' -> array();
                case '"' -> string();
                case 't' -> literal("true", Boolean.TRUE);
                case 'f' -> literal("false", Boolean.FALSE);
                case 'n' -> literal("null", null);
                default -> number();
            };
        }

        private Map<String, Object> object() {
            Map<String, Object> object = new LinkedHashMap<>();
            at++;
            space();
            if (peek() == '}') {
                at++;
                return object;
            }
            while (true) {
                space();
                String key = string();
                space();
                expect(':');
                object.put(key, value());
                space();
                if (peek() == ',') {
                    at++;
                } else {
                    expect('}');
                    return object;
                }
            }
        }

        private List<Object> array() {
            List<Object> array = new ArrayList<>();
            at++;
            space();
            if (peek() == ']') {
                at++;
                return array;
            }
            while (true) {
                array.add(value());
                space();
                if (peek() == ',') {
                    at++;
                } else {
                    expect(']');
                    return array;
                }
            }
        }

        private String string() {
            expect('"');
            StringBuilder out = new StringBuilder();
            while (true) {
                char c = next();
                if (c == '"') {
                    return out.toString();
                }
                if (c != '\\') {
                    out.append(c);
                    continue;
                }
                char escaped = next();
                switch (escaped) {
                    case 'n' -> out.append('\n');
                    case 'r' -> out.append('\r');
                    case 't' -> out.append('\t');
                    case 'b' -> out.append('\b');
                    case 'f' -> out.append('\f');
                    case 'u' -> {
                        if (at + 4 > text.length()) {
                            throw new IllegalArgumentException("bad unicode escape");
                        }
                        out.append((char) Integer.parseInt(text.substring(at, at + 4), 16));
                        at += 4;
                    }
                    default -> out.append(escaped);
                }
            }
        }

        private Object number() {
            int start = at;
            while (at < text.length() && "+-0123456789.eE".indexOf(text.charAt(at)) >= 0) {
                at++;
            }
            if (start == at) {
                throw new IllegalArgumentException("unexpected character at " + at);
            }
            return Double.parseDouble(text.substring(start, at));
        }

        private Object literal(String word, Object value) {
            if (!text.startsWith(word, at)) {
                throw new IllegalArgumentException("unexpected character at " + at);
            }
            at += word.length();
            return value;
        }

        private void space() {
            while (at < text.length() && Character.isWhitespace(text.charAt(at))) {
                at++;
            }
        }

        private char peek() {
            if (at >= text.length()) {
                throw new IllegalArgumentException("unexpected end");
            }
            return text.charAt(at);
        }

        private char next() {
            char c = peek();
            at++;
            return c;
        }

        private void expect(char c) {
            if (next() != c) {
                throw new IllegalArgumentException("expected '" + c + "' at " + (at - 1));
            }
        }
    }
}
