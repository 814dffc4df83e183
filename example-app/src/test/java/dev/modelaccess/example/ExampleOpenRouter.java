package dev.modelaccess.example;

import static dev.modelaccess.testsupport.openrouter.LocalOpenRouter.json;

import com.sun.net.httpserver.HttpExchange;
import dev.modelaccess.testsupport.openrouter.LocalOpenRouter;
import dev.modelaccess.testsupport.openrouter.LocalOpenRouter.Answer;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * OpenRouter for the example app: test-support's {@link LocalOpenRouter} scripted with the answers the example app
 * is tried and tested against. From the command line, for trying the app without an OpenRouter account (after
 * {@code ./mvnw -q -pl example-app -am package -DskipTests}):
 *
 * <pre>
 * java -cp example-app/target/model-access-example-app-0.1.0-SNAPSHOT.jar \
 *   -Dloader.path=example-app/target/test-classes,test-support/target/classes \
 *   -Dloader.main=dev.modelaccess.example.ExampleOpenRouter \
 *   org.springframework.boot.loader.launch.PropertiesLauncher [port]      # default 8089
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
 * Tests script further answers with {@link LocalOpenRouter#onNext} and read what arrived with
 * {@link LocalOpenRouter#received()}.
 */
public final class ExampleOpenRouter {

    static final String MODELS = "/api/v1/models";
    static final String KEY = "/api/v1/key";
    static final String CHAT = "/api/v1/chat/completions";

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Pattern STATUS_INPUT = Pattern.compile("status ([1-5][0-9][0-9])");
    private static final AtomicLong GENERATIONS = new AtomicLong();

    private ExampleOpenRouter() {}

    public static void main(String[] args) {
        LocalOpenRouter openRouter = start(args.length > 0 ? Integer.parseInt(args[0]) : 8089);
        System.out.println("Local OpenRouter stand-in on " + openRouter.baseUrl());
        System.out.println("Start the example app with --modelaccess.openrouter.base-url=" + openRouter.baseUrl());
        System.out.println("Keys ending in 'bad' are refused; the input 'status 402' (or 401, 429, 500, ...) fails.");
    }

    /** On {@code port} of the loopback interface (0: a free one), answering as described above. */
    static LocalOpenRouter start(int port) {
        return answerAsExample(LocalOpenRouter.start(port));
    }

    /** (Again) the answers described above, forgetting any answer queued and not used yet. */
    static LocalOpenRouter answerAsExample(LocalOpenRouter openRouter) {
        List<String> catalog = List.of(
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
        return openRouter
                .on(MODELS, catalog(catalog))
                .on(KEY, ExampleOpenRouter::keyCheck)
                .on(CHAT, ExampleOpenRouter::chat);
    }

    /** A stand-in on a free port whose catalog lists these models (OpenRouter-shaped JSON objects). */
    static LocalOpenRouter serving(List<String> models) {
        return LocalOpenRouter.start().on(MODELS, catalog(models));
    }

    /** From now on, the catalog lists test models of these ids. */
    static void serve(LocalOpenRouter openRouter, String... ids) {
        openRouter.on(MODELS, catalog(models(ids)));
    }

    /** {@code GET /api/v1/models}'s answer listing these models. */
    static Answer catalog(List<String> models) {
        return json("{\"data\":[" + String.join(",", models) + "]}");
    }

    /** An OpenRouter-shaped error: {@code {"error":{"code":status,"message":message}}}. */
    static Answer error(int status, String message) {
        return json(status, JSON.writeValueAsString(Map.of("error", Map.of("code", status, "message", message))));
    }

    /**
     * Holds {@code answer} until {@code requests} requests have arrived (at most 10 s), so that concurrent callers
     * are answered at the same moment; later requests pass at once.
     */
    static Answer heldUntil(int requests, Answer answer) {
        CountDownLatch gate = new CountDownLatch(requests);
        return (exchange, openRouter) -> {
            gate.countDown();
            try {
                gate.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            answer.write(exchange, openRouter);
        };
    }

    /** An OpenRouter-shaped model object. */
    static String model(String id, String prompt, String completion) {
        return model(id, "Name of " + id, prompt, completion);
    }

    static String model(String id, String name, String prompt, String completion) {
        return """
                {"id":"%s","canonical_slug":"%s","name":"%s","created":1735689600,\
                "description":"A test model","context_length":32768,\
                "architecture":{"modality":"text->text","input_modalities":["text"],"output_modalities":["text"],\
                "tokenizer":"Other","instruct_type":null},\
                "pricing":{"prompt":"%s","completion":"%s"},\
                "top_provider":{"context_length":32768,"max_completion_tokens":4096,"is_moderated":false},\
                "supported_parameters":["max_tokens","temperature","top_p"]}""".formatted(id, id, name, prompt, completion);
    }

    static List<String> models(String... ids) {
        List<String> result = new ArrayList<>();
        for (String id : ids) {
            result.add(model(id, "0.000001", "0.000002"));
        }
        return result;
    }

    // ---- the answers

    private static void keyCheck(HttpExchange exchange, LocalOpenRouter openRouter) throws IOException {
        String key = bearer(exchange);
        if (key.isEmpty() || key.endsWith("bad")) {
            error(401, "User not found.").write(exchange, openRouter);
            return;
        }
        String label = key.length() > 12 ? key.substring(0, 12) + "..." + key.substring(key.length() - 3) : "key";
        json("{\"data\":{\"label\":\"" + label + "\",\"limit\":null,\"limit_remaining\":null,"
                        + "\"usage\":0,\"is_free_tier\":true,\"expires_at\":null}}")
                .write(exchange, openRouter);
    }

    private static void chat(HttpExchange exchange, LocalOpenRouter openRouter) throws IOException {
        chatAnswer(exchange).write(exchange, openRouter);
    }

    private static Answer chatAnswer(HttpExchange exchange) throws IOException {
        if (!exchange.getRequestMethod().equals("POST")) {
            return error(405, "Use POST");
        }
        String key = bearer(exchange);
        if (key.isEmpty() || key.endsWith("bad")) {
            return error(401, "User not found.");
        }
        JsonNode body;
        try {
            body = JSON.readTree(exchange.getRequestBody());
        } catch (JacksonException e) {
            return error(400, "Invalid JSON: " + e.getOriginalMessage());
        }
        if (!body.path("model").isString() || !body.path("messages").isArray()) {
            return error(400, "model and messages are required");
        }
        String model = body.get("model").asString();
        String system = "";
        String input = "";
        for (JsonNode message : body.get("messages")) {
            String content = message.path("content").asString("");
            switch (message.path("role").asString("")) {
                case "system" -> system = content;
                case "user" -> input = content;
                default -> {}
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
        Map<String, Object> completion = new LinkedHashMap<>();
        completion.put("id", "gen-local-" + GENERATIONS.incrementAndGet());
        completion.put("provider", "Local");
        completion.put("model", model);
        completion.put("object", "chat.completion");
        completion.put("created", System.currentTimeMillis() / 1000);
        completion.put(
                "choices",
                List.of(Map.of(
                        "index",
                        0,
                        "finish_reason",
                        "stop",
                        "message",
                        Map.of("role", "assistant", "content", output))));
        completion.put(
                "usage",
                Map.of(
                        "prompt_tokens",
                        promptTokens,
                        "completion_tokens",
                        completionTokens,
                        "total_tokens",
                        promptTokens + completionTokens));
        return json(JSON.writeValueAsString(completion));
    }

    private static String bearer(HttpExchange exchange) {
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        return authorization != null && authorization.startsWith("Bearer ")
                ? authorization.substring(7).strip()
                : "";
    }
}
