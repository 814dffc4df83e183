package dev.modelaccess.example.resources;

import dev.modelaccess.core.port.ChatParams;
import dev.modelaccess.core.resources.OpenRouterInstantConfig;
import dev.modelaccess.core.resources.ResourceValidationException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The JSON of an {@code openrouter_instant} configuration, as stored in {@code resources.openrouter_config} and as
 * shown and accepted by the API: {@code {"modelId", "systemPrompt", "params": {"temperature", "maxTokens", "topP",
 * "topK", "frequencyPenalty", "presencePenalty"}}} (camelCase, as in SPEC §7; values that are not set are left
 * out).
 *
 * <p>What a client sends is read strictly ({@link #fromRequest}): unknown keys and values of the wrong type are
 * reported, all at once, with the field they concern. What the database holds is read leniently ({@link
 * #fromStored}), so a row written by another version still loads.
 */
public final class OpenRouterConfigJson {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Set<String> CONFIG_KEYS = Set.of("modelId", "systemPrompt", "params");
    private static final Set<String> PARAM_KEYS =
            Set.of("temperature", "maxTokens", "topP", "topK", "frequencyPenalty", "presencePenalty");

    private OpenRouterConfigJson() {}

    /** The configuration as a JSON object, keys in a fixed order. */
    public static ObjectNode toJson(OpenRouterInstantConfig config) {
        ObjectNode json = JSON.createObjectNode();
        json.put("modelId", config.modelId());
        if (config.systemPrompt() != null) {
            json.put("systemPrompt", config.systemPrompt());
        }
        ObjectNode params = json.putObject("params");
        ChatParams p = config.params();
        putIfSet(params, "temperature", p.temperature());
        putIfSet(params, "maxTokens", p.maxTokens());
        putIfSet(params, "topP", p.topP());
        putIfSet(params, "topK", p.topK());
        putIfSet(params, "frequencyPenalty", p.frequencyPenalty());
        putIfSet(params, "presencePenalty", p.presencePenalty());
        return json;
    }

    /** The text stored in {@code openrouter_config}. */
    public static String toText(OpenRouterInstantConfig config) {
        return JSON.writeValueAsString(toJson(config));
    }

    /** Reads what the database holds; unknown keys are ignored, values of the wrong type read as not set. */
    public static OpenRouterInstantConfig fromStored(String text) {
        JsonNode json = JSON.readTree(text);
        JsonNode params = json.path("params");
        return new OpenRouterInstantConfig(
                json.path("modelId").asString(""),
                json.path("systemPrompt").isString() ? json.path("systemPrompt").stringValue() : null,
                new ChatParams(
                        decimal(params.get("temperature")),
                        integer(params.get("maxTokens")),
                        decimal(params.get("topP")),
                        integer(params.get("topK")),
                        decimal(params.get("frequencyPenalty")),
                        decimal(params.get("presencePenalty"))));
    }

    /**
     * Reads the {@code config} a client sent for a resource on {@code model}. Only the shape is checked here (keys
     * and types); the values are checked by {@link OpenRouterInstantConfig#problems()}. {@code modelId} may be
     * given in the config only if it equals {@code model} (so a configuration read from the API can be sent back).
     *
     * @param config {@code null} when the client sent none: a configuration with nothing set
     * @throws ResourceValidationException listing every problem of shape
     */
    public static OpenRouterInstantConfig fromRequest(@Nullable String model, @Nullable JsonNode config) {
        List<String> problems = new ArrayList<>();
        String modelId = model == null ? "" : model.strip();
        String systemPrompt = null;
        ChatParams params = ChatParams.DEFAULTS;
        if (config != null && !config.isNull()) {
            if (!config.isObject()) {
                throw new ResourceValidationException(List.of("config: must be a JSON object"));
            }
            for (Map.Entry<String, JsonNode> field : config.properties()) {
                if (!CONFIG_KEYS.contains(field.getKey())) {
                    problems.add("config." + abbreviate(field.getKey()) + ": is not a known setting (known: modelId,"
                            + " systemPrompt, params)");
                }
            }
            JsonNode configModel = config.get("modelId");
            if (configModel != null && !configModel.isNull()) {
                if (!configModel.isString()
                        || !configModel.stringValue().strip().equals(modelId)) {
                    problems.add("config.modelId: must be left out or equal to model");
                }
            }
            JsonNode prompt = config.get("systemPrompt");
            if (prompt != null && !prompt.isNull()) {
                if (prompt.isString()) {
                    systemPrompt = prompt.stringValue();
                } else {
                    problems.add("config.systemPrompt: must be a string");
                }
            }
            JsonNode paramsNode = config.get("params");
            if (paramsNode != null && !paramsNode.isNull()) {
                if (paramsNode.isObject()) {
                    params = params(paramsNode, problems);
                } else {
                    problems.add("config.params: must be a JSON object");
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new ResourceValidationException(problems);
        }
        return new OpenRouterInstantConfig(modelId, systemPrompt, params);
    }

    private static ChatParams params(JsonNode params, List<String> problems) {
        for (Map.Entry<String, JsonNode> field : params.properties()) {
            if (!PARAM_KEYS.contains(field.getKey())) {
                problems.add("config.params." + abbreviate(field.getKey())
                        + ": is not a known parameter (known: temperature, maxTokens, topP, topK, frequencyPenalty,"
                        + " presencePenalty)");
            }
        }
        return new ChatParams(
                number(params, "temperature", problems),
                whole(params, "maxTokens", problems),
                number(params, "topP", problems),
                whole(params, "topK", problems),
                number(params, "frequencyPenalty", problems),
                number(params, "presencePenalty", problems));
    }

    private static @Nullable Double number(JsonNode params, String name, List<String> problems) {
        JsonNode value = params.get(name);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isNumber()) {
            problems.add("config.params." + name + ": must be a number");
            return null;
        }
        return value.asDouble();
    }

    private static @Nullable Integer whole(JsonNode params, String name, List<String> problems) {
        JsonNode value = params.get(name);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isIntegralNumber() || !value.canConvertToInt()) {
            problems.add("config.params." + name + ": must be a whole number"
                    + (value.isIntegralNumber() ? " that fits in 32 bits" : ""));
            return null;
        }
        return value.asInt();
    }

    private static @Nullable Double decimal(@Nullable JsonNode value) {
        return value != null && value.isNumber() ? value.asDouble() : null;
    }

    private static @Nullable Integer integer(@Nullable JsonNode value) {
        return value != null && value.isIntegralNumber() && value.canConvertToInt() ? value.asInt() : null;
    }

    private static void putIfSet(ObjectNode node, String name, @Nullable Double value) {
        if (value != null) {
            node.put(name, value);
        }
    }

    private static void putIfSet(ObjectNode node, String name, @Nullable Integer value) {
        if (value != null) {
            node.put(name, value);
        }
    }

    private static String abbreviate(String key) {
        String printable = key.codePoints()
                .map(c -> Character.isISOControl(c) ? '?' : c)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append)
                .toString();
        return printable.length() <= 50 ? printable : printable.substring(0, 50) + "…";
    }
}
