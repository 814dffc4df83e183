package dev.modelaccess.openrouter;

import static dev.modelaccess.openrouter.JsonFields.abbreviate;
import static dev.modelaccess.openrouter.JsonFields.absent;
import static dev.modelaccess.openrouter.JsonFields.canonical;
import static dev.modelaccess.openrouter.JsonFields.checkStorableText;
import static dev.modelaccess.openrouter.JsonFields.decimalOrNull;
import static dev.modelaccess.openrouter.JsonFields.describe;
import static dev.modelaccess.openrouter.JsonFields.optionalCount;
import static dev.modelaccess.openrouter.JsonFields.optionalEpochSeconds;
import static dev.modelaccess.openrouter.JsonFields.optionalString;
import static dev.modelaccess.openrouter.JsonFields.requireObject;
import static dev.modelaccess.openrouter.JsonFields.stringList;

import dev.modelaccess.core.catalog.Architecture;
import dev.modelaccess.core.catalog.ModelIds;
import dev.modelaccess.core.catalog.Pricing;
import dev.modelaccess.core.catalog.TopProvider;
import dev.modelaccess.core.catalog.UpstreamModel;
import dev.modelaccess.core.sync.InvalidEntry;
import dev.modelaccess.openrouter.JsonFields.EntryProblem;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Reads one entry of {@code GET /models}'s {@code data} array into an {@link UpstreamModel}, or explains why it
 * cannot: a malformed entry becomes an {@link InvalidEntry}, never a failed run.
 *
 * <p>Strict about types (a string where a number belongs, a price that is not a decimal), tolerant about
 * presence: every field but {@code id} and {@code pricing.prompt}/{@code pricing.completion} may be missing or
 * {@code null}. A missing price list is refused rather than read as "free".
 */
final class ModelEntryReader {

    /** The documented scalar price components; a wrong type in one of them makes the entry invalid. */
    private static final Set<String> KNOWN_COMPONENTS = Set.of(
            "prompt",
            "completion",
            "request",
            "image",
            "image_output",
            "image_token",
            "web_search",
            "internal_reasoning",
            "input_cache_read",
            "input_cache_write",
            "input_cache_write_1h",
            "input_audio_cache",
            "audio",
            "audio_output",
            "discount");

    /** The documented fields of a {@code pricing.overrides} entry. */
    private static final Set<String> KNOWN_OVERRIDE_FIELDS = Set.of(
            "prompt",
            "completion",
            "audio",
            "input_audio_cache",
            "input_cache_read",
            "input_cache_write",
            "input_cache_write_1h",
            "min_prompt_tokens",
            "utc_start",
            "utc_end");

    private ModelEntryReader() {}

    /** One entry read, either way. */
    sealed interface Result {
        record Readable(UpstreamModel model) implements Result {}

        record Unreadable(InvalidEntry entry) implements Result {}
    }

    static Result read(JsonNode entry, int index) {
        if (!entry.isObject()) {
            return unreadable(null, "entry #" + index + " is " + describe(entry) + ", not an object");
        }
        JsonNode idNode = entry.get("id");
        if (idNode == null || idNode.isNull()) {
            return unreadable(null, "entry #" + index + " has no id");
        }
        if (!idNode.isString()) {
            return unreadable(null, "entry #" + index + " has an id that is " + describe(idNode) + ", not a string");
        }
        String id = idNode.stringValue();
        String idProblem = idProblem(id);
        if (idProblem != null) {
            // No id on the entry: an id that cannot be stored is not "seen", so a row stored under it (before ids
            // were checked) is deactivated rather than kept. The reason names it, printably, for the run's log line.
            return unreadable(
                    null, "entry #" + index + " " + idProblem + (id.isBlank() ? "" : ": '" + printable(id) + "'"));
        }
        try {
            return new Result.Readable(toModel(id, entry));
        } catch (EntryProblem problem) {
            return unreadable(id, "model '" + id + "': " + problem.getMessage());
        }
    }

    /**
     * Why the id cannot be stored: it must be a safe {@code author/slug} ({@link ModelIds}), which the admin API and
     * the console can address unambiguously.
     */
    private static @Nullable String idProblem(String id) {
        if (id.isBlank()) {
            return "has a blank id";
        }
        return ModelIds.problem(id).map(problem -> "has an id that " + problem).orElse(null);
    }

    /** The refused id as the run's log line may name it: abbreviated, control characters and the like escaped. */
    private static String printable(String id) {
        String shown = abbreviate(id, 200);
        StringBuilder text = new StringBuilder(shown.length());
        shown.codePoints().forEach(c -> {
            if (c < 0x20
                    || c == 0x7f
                    || Character.isWhitespace(c)
                    || Character.getType(c) == Character.FORMAT
                    || Character.getType(c) == Character.SURROGATE) {
                text.append(String.format("\\u%04x", c));
            } else {
                text.appendCodePoint(c);
            }
        });
        return text.toString();
    }

    private static UpstreamModel toModel(String id, JsonNode entry) {
        checkStorableText(entry, "");
        return new UpstreamModel(
                id,
                optionalString(entry, "canonical_slug", ""),
                optionalString(entry, "name", ""),
                optionalString(entry, "description", ""),
                optionalEpochSeconds(entry, "created"),
                optionalCount(entry, "context_length", ""),
                architecture(entry.get("architecture")),
                topProvider(entry.get("top_provider")),
                stringList(entry, "supported_parameters", ""),
                optionalString(entry, "hugging_face_id", ""),
                optionalString(entry, "expiration_date", ""),
                optionalString(entry, "knowledge_cutoff", ""),
                pricing(entry.get("pricing")),
                canonical(entry));
    }

    private static Architecture architecture(@Nullable JsonNode node) {
        if (absent(node)) {
            return Architecture.UNKNOWN;
        }
        requireObject(node, "architecture");
        return new Architecture(
                optionalString(node, "modality", "architecture."),
                stringList(node, "input_modalities", "architecture."),
                stringList(node, "output_modalities", "architecture."),
                optionalString(node, "tokenizer", "architecture."),
                optionalString(node, "instruct_type", "architecture."));
    }

    private static TopProvider topProvider(@Nullable JsonNode node) {
        if (absent(node)) {
            return TopProvider.UNKNOWN;
        }
        requireObject(node, "top_provider");
        JsonNode moderated = node.get("is_moderated");
        Boolean isModerated = null;
        if (!absent(moderated)) {
            if (!moderated.isBoolean()) {
                throw new EntryProblem("top_provider.is_moderated is " + describe(moderated) + ", not a boolean");
            }
            isModerated = moderated.booleanValue();
        }
        return new TopProvider(
                optionalCount(node, "context_length", "top_provider."),
                optionalCount(node, "max_completion_tokens", "top_provider."),
                isModerated);
    }

    private static Pricing pricing(@Nullable JsonNode node) {
        if (absent(node)) {
            throw new EntryProblem("has no pricing (a model without a price list is not read as free)");
        }
        requireObject(node, "pricing");
        SortedMap<String, BigDecimal> components = new TreeMap<>();
        List<SortedMap<String, BigDecimal>> overrides = List.of();
        for (Map.Entry<String, JsonNode> property : node.properties()) {
            String name = property.getKey();
            JsonNode value = property.getValue();
            if (name.equals("overrides")) {
                overrides = overrides(value);
                continue;
            }
            BigDecimal price = decimalOrNull(value, "pricing." + name, KNOWN_COMPONENTS.contains(name));
            if (price != null) {
                components.put(name, price);
            }
        }
        for (String required : List.of("prompt", "completion")) {
            if (!components.containsKey(required)) {
                throw new EntryProblem("pricing has no " + required + " price");
            }
        }
        return new Pricing(components, overrides);
    }

    private static List<SortedMap<String, BigDecimal>> overrides(JsonNode node) {
        if (node.isNull()) {
            return List.of();
        }
        if (!node.isArray()) {
            throw new EntryProblem("pricing.overrides is " + describe(node) + ", not an array");
        }
        List<SortedMap<String, BigDecimal>> overrides = new ArrayList<>(node.size());
        int index = 0;
        for (JsonNode override : node.values()) {
            String path = "pricing.overrides[" + index++ + "]";
            requireObject(override, path);
            SortedMap<String, BigDecimal> fields = new TreeMap<>();
            for (Map.Entry<String, JsonNode> property : override.properties()) {
                String name = property.getKey();
                BigDecimal value =
                        decimalOrNull(property.getValue(), path + "." + name, KNOWN_OVERRIDE_FIELDS.contains(name));
                if (value != null) {
                    fields.put(name, value);
                }
            }
            overrides.add(fields);
        }
        return overrides;
    }

    private static Result unreadable(@Nullable String id, String reason) {
        return new Result.Unreadable(new InvalidEntry(id, reason));
    }
}
