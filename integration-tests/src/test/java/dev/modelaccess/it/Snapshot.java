package dev.modelaccess.it;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One models response read independently of the adapter under test (plain Jackson tree, no library code), so the
 * expected adds, removals, returns and price changes come from the files and not from the code they check.
 */
record Snapshot(byte[] body, Map<String, JsonNode> models) {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    static Snapshot read(Path file) throws IOException {
        byte[] body = Files.readAllBytes(file);
        Map<String, JsonNode> models = new LinkedHashMap<>();
        for (JsonNode model : JSON.readTree(body).get("data")) {
            models.put(model.get("id").asString(), model);
        }
        return new Snapshot(body, models);
    }

    Set<String> ids() {
        return models.keySet();
    }

    /**
     * Whether two entries charge differently: a component one side lacks charges nothing, like an explicit zero;
     * overrides compare entry by entry.
     */
    static boolean repriced(JsonNode before, JsonNode after) {
        JsonNode a = before.path("pricing");
        JsonNode b = after.path("pricing");
        if (!sameCharges(scalars(a), scalars(b))) {
            return true;
        }
        List<JsonNode> overridesA = a.path("overrides").valueStream().toList();
        List<JsonNode> overridesB = b.path("overrides").valueStream().toList();
        if (overridesA.size() != overridesB.size()) {
            return true;
        }
        for (int i = 0; i < overridesA.size(); i++) {
            if (!sameCharges(scalars(overridesA.get(i)), scalars(overridesB.get(i)))) {
                return true;
            }
        }
        return false;
    }

    private static Map<String, BigDecimal> scalars(JsonNode object) {
        Map<String, BigDecimal> values = new TreeMap<>();
        for (Map.Entry<String, JsonNode> entry : object.properties()) {
            JsonNode value = entry.getValue();
            if (value.isString() || value.isNumber()) {
                values.put(entry.getKey(), new BigDecimal(value.asString()));
            }
        }
        return values;
    }

    private static boolean sameCharges(Map<String, BigDecimal> a, Map<String, BigDecimal> b) {
        Map<String, BigDecimal> union = new HashMap<>(a);
        b.forEach(union::putIfAbsent);
        for (String name : union.keySet()) {
            if (a.getOrDefault(name, BigDecimal.ZERO).compareTo(b.getOrDefault(name, BigDecimal.ZERO)) != 0) {
                return false;
            }
        }
        return true;
    }
}
