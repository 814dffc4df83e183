package dev.modelaccess.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.modelaccess.core.catalog.ModelIds;
import dev.modelaccess.core.catalog.ModelStatus;
import dev.modelaccess.core.catalog.Tier;
import dev.modelaccess.core.catalog.TierFlags;
import dev.modelaccess.core.decisions.CatalogDecisions;
import dev.modelaccess.core.decisions.ModelDecision;
import dev.modelaccess.core.policy.CatalogRule;
import dev.modelaccess.core.policy.InvalidRuleException;
import dev.modelaccess.core.policy.RuleSet;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.snakeyaml.engine.v2.api.LoadSettings;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.dataformat.yaml.YAMLFactory;
import tools.jackson.dataformat.yaml.YAMLMapper;
import tools.jackson.dataformat.yaml.YAMLWriteFeature;

/**
 * The file format of the catalog as code, YAML or JSON (the same shape):
 *
 * <pre>{@code
 * version: 1
 * models:                        # ordered by id; every model of the catalog in an export
 * - id: anthropic/claude-3.5-haiku
 *   status: active               # new, active, disabled or inactive
 *   is_free: false
 *   is_pro: true
 *   is_enterprise: true
 *   successor: anthropic/claude-haiku-4.5   # absent: none
 * rules:                         # as GET /admin/rules answers them, in their order
 * - name: free-models
 *   match: {free: true}
 *   action: approve
 *   tiers: [free]
 * tier_defaults:                 # tier -> model, in tier order
 *   pro: anthropic/claude-3.5-haiku
 * }</pre>
 *
 * In an import, {@code id} and {@code status} are required, an absent flag is {@code false} and an absent successor
 * is none; without {@code rules} (or {@code tier_defaults}) the rules (or tier defaults) are left as they are, while an
 * empty list (or mapping) removes them all. The models are read with a streaming parser that knows the line of every
 * value, so each refusal names the entry ({@code models[3].status}) and its line; 50,000 models are one pass.
 */
final class CatalogFile {

    /** The format's version, written as {@code version} and required on import. */
    static final int VERSION = 1;

    private static final Pattern MODEL_ENTRY = Pattern.compile("^models\\[(\\d+)]");
    private static final Set<String> MODEL_FIELDS =
            Set.of("id", "status", "is_free", "is_pro", "is_enterprise", "successor");

    private final ObjectMapper yaml;
    private final ObjectMapper json;

    /** @param maxBytes the largest file read (the import's body limit): YAML's own limit is raised to it */
    CatalogFile(long maxBytes) {
        YAMLFactory factory = YAMLFactory.builder()
                .loadSettings(LoadSettings.builder()
                        .setCodePointLimit((int) Math.min(Math.max(maxBytes, 1), Integer.MAX_VALUE))
                        .build())
                .build();
        this.yaml = YAMLMapper.builder(factory)
                .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .disable(YAMLWriteFeature.WRITE_DOC_START_MARKER)
                .enable(YAMLWriteFeature.MINIMIZE_QUOTES)
                .enable(YAMLWriteFeature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
                .changeDefaultPropertyInclusion(incl -> incl.withValueInclusion(JsonInclude.Include.NON_NULL))
                .addMixIn(AdminPolicyController.RuleView.class, NonEmpty.class)
                .addMixIn(AdminPolicyController.MatchView.class, NonEmpty.class)
                .build();
        this.json = JsonMapper.builder()
                .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(SerializationFeature.INDENT_OUTPUT)
                .changeDefaultPropertyInclusion(incl -> incl.withValueInclusion(JsonInclude.Include.NON_NULL))
                .addMixIn(AdminPolicyController.RuleView.class, NonEmpty.class)
                .addMixIn(AdminPolicyController.MatchView.class, NonEmpty.class)
                .build();
    }

    /** Empty lists and absent values are left out of a rule in the file. */
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    private abstract static class NonEmpty {}

    // ------------------------------------------------------------------------------------------------- writing

    /** The file as written: {@code models}, {@code rules} and {@code tier_defaults} are always there. */
    record Document(
            int version,
            List<ModelEntry> models,
            List<AdminPolicyController.RuleView> rules,
            Map<String, String> tierDefaults) {}

    /** One model in the file; {@code successor} left out when there is none. */
    record ModelEntry(
            String id,
            String status,
            boolean isFree,
            boolean isPro,
            boolean isEnterprise,
            @Nullable String successor) {}

    static Document document(CatalogDecisions decisions) {
        List<ModelEntry> models = new ArrayList<>(decisions.models().size());
        for (ModelDecision model : decisions.models()) {
            models.add(new ModelEntry(
                    model.modelId(),
                    model.status().dbValue(),
                    model.tiers().free(),
                    model.tiers().pro(),
                    model.tiers().enterprise(),
                    model.successorId()));
        }
        List<AdminPolicyController.RuleView> rules = decisions.rules() == null
                ? List.of()
                : decisions.rules().rules().stream()
                        .map(AdminPolicyController.RuleView::of)
                        .toList();
        Map<String, String> tierDefaults = new LinkedHashMap<>();
        if (decisions.tierDefaults() != null) {
            for (Tier tier : Tier.values()) {
                String model = decisions.tierDefaults().get(tier);
                if (model != null) {
                    tierDefaults.put(tier.dbValue(), model);
                }
            }
        }
        return new Document(VERSION, models, rules, tierDefaults);
    }

    /** Writes {@code decisions} to {@code out}, as YAML or JSON, streamed. */
    void write(CatalogDecisions decisions, boolean asJson, OutputStream out) {
        (asJson ? json : yaml).writeValue(out, document(decisions));
    }

    // ------------------------------------------------------------------------------------------------- reading

    /** A file that cannot be read: the entry ({@code models[3].status}) and its line, when known. */
    static final class BadFileException extends RuntimeException {

        private static final long serialVersionUID = 1L;

        private final String field;
        private final @Nullable Integer line;

        BadFileException(String field, @Nullable Integer line, String message) {
            super(message);
            this.field = field;
            this.line = line;
        }

        String field() {
            return field;
        }

        @Nullable
        Integer line() {
            return line;
        }
    }

    /** The decisions read, and the line each model entry and tier default starts on. */
    record Parsed(CatalogDecisions decisions, int[] modelLines, Map<String, Integer> otherLines) {

        /** The line of an entry a later check names ({@code models[3].successor}, {@code tier_defaults.pro}). */
        @Nullable
        Integer lineOf(String field) {
            Matcher model = MODEL_ENTRY.matcher(field);
            if (model.find()) {
                int index = Integer.parseInt(model.group(1));
                return index < modelLines.length ? modelLines[index] : null;
            }
            return otherLines.get(field);
        }
    }

    /**
     * Reads a file.
     *
     * @throws BadFileException naming the entry and line: not YAML or JSON, an unknown field, tier or status, an id
     *     that is no model id, a model listed twice, an invalid rule
     */
    Parsed read(InputStream in, boolean asJson) {
        ObjectMapper mapper = asJson ? json : yaml;
        try (JsonParser parser = mapper.createParser(in)) {
            return new Reader(parser).document();
        } catch (BadFileException e) {
            throw e;
        } catch (JacksonException e) {
            if (tooLarge(e) != null) {
                throw e;
            }
            throw new BadFileException(
                    path(e),
                    line(e.getLocation()),
                    "The file is not valid " + (asJson ? "JSON" : "YAML") + ": " + oneLine(e.getOriginalMessage()));
        }
    }

    /** The parser's message on one line, at most 300 characters (YAML's spans several, with a drawing). */
    private static String oneLine(@Nullable String message) {
        String flat =
                message == null ? "unreadable" : message.replaceAll("\\s+", " ").strip();
        return flat.length() <= 300 ? flat : flat.substring(0, 300) + "…";
    }

    static @Nullable RequestBodyTooLargeException tooLarge(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof RequestBodyTooLargeException tooLarge) {
                return tooLarge;
            }
        }
        return null;
    }

    private static String path(JacksonException e) {
        StringBuilder path = new StringBuilder();
        for (JacksonException.Reference reference : e.getPath()) {
            if (reference.getPropertyName() != null) {
                path.append(path.isEmpty() ? "" : ".").append(reference.getPropertyName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.isEmpty() ? "(file)" : path.toString();
    }

    private static @Nullable Integer line(@Nullable TokenStreamLocation location) {
        return location == null || location.getLineNr() < 1 ? null : location.getLineNr();
    }

    /** One pass over the tokens. */
    private static final class Reader {

        private final JsonParser parser;
        private final List<ModelDecision> models = new ArrayList<>();
        private final List<Integer> modelLines = new ArrayList<>();
        private final Map<String, Integer> otherLines = new HashMap<>();

        Reader(JsonParser parser) {
            this.parser = parser;
        }

        Parsed document() {
            JsonToken first = parser.nextToken();
            if (first != JsonToken.START_OBJECT) {
                throw bad(
                        "(file)",
                        "The file must be a mapping of version, models, rules and tier_defaults; found "
                                + describe(first));
            }
            Integer version = null;
            RuleSet rules = null;
            Map<Tier, String> tierDefaults = null;
            Set<String> seen = new HashSet<>();
            while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
                String name = parser.currentName();
                if (!seen.add(name)) {
                    throw bad(name, name + " is given twice");
                }
                parser.nextToken();
                switch (name) {
                    case "version" -> version = version();
                    case "models" -> models();
                    case "rules" -> rules = rules();
                    case "tier_defaults" -> tierDefaults = tierDefaults();
                    default ->
                        throw bad(
                                name,
                                "Unknown field '" + abbreviate(name)
                                        + "'; a catalog file holds version, models, rules and tier_defaults");
                }
            }
            if (version == null) {
                throw new BadFileException("version", null, "The file needs version: " + VERSION);
            }
            int[] lines = modelLines.stream().mapToInt(Integer::intValue).toArray();
            return new Parsed(new CatalogDecisions(models, rules, tierDefaults), lines, otherLines);
        }

        private int version() {
            if (parser.currentToken() != JsonToken.VALUE_NUMBER_INT || parser.getIntValue() != VERSION) {
                throw bad("version", "version must be " + VERSION + " (the only format there is)");
            }
            return VERSION;
        }

        private void models() {
            if (parser.currentToken() == JsonToken.VALUE_NULL) {
                return;
            }
            if (parser.currentToken() != JsonToken.START_ARRAY) {
                throw bad("models", "models must be a list of models");
            }
            Map<String, Integer> seen = new HashMap<>();
            while (parser.nextToken() != JsonToken.END_ARRAY) {
                int index = models.size();
                String prefix = "models[" + index + "]";
                if (parser.currentToken() != JsonToken.START_OBJECT) {
                    throw bad(prefix, prefix + " must be a mapping with id, status and the tier flags");
                }
                int line = lineNow();
                ModelDecision model = model(prefix);
                Integer first = seen.putIfAbsent(model.modelId(), index);
                if (first != null) {
                    throw new BadFileException(
                            prefix + ".id",
                            line,
                            "Model '" + abbreviate(model.modelId()) + "' is listed twice: models[" + first + "] (line "
                                    + modelLines.get(first) + ") and " + prefix);
                }
                models.add(model);
                modelLines.add(line);
            }
        }

        private ModelDecision model(String prefix) {
            int entryLine = lineNow();
            String id = null;
            ModelStatus status = null;
            TierFlags flags = TierFlags.NONE;
            String successor = null;
            Set<String> seen = new HashSet<>(8);
            while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
                String name = parser.currentName();
                String field = prefix + "." + name;
                if (!MODEL_FIELDS.contains(name)) {
                    throw bad(
                            field,
                            "Unknown field '" + abbreviate(name)
                                    + "' in a model; expected id, status, is_free, is_pro, is_enterprise, successor");
                }
                if (!seen.add(name)) {
                    throw bad(field, field + " is given twice");
                }
                parser.nextToken();
                switch (name) {
                    case "id" -> id = modelId(field, false);
                    case "status" -> status = status(field);
                    case "is_free" -> flags = flags.with(Tier.FREE, flag(field));
                    case "is_pro" -> flags = flags.with(Tier.PRO, flag(field));
                    case "is_enterprise" -> flags = flags.with(Tier.ENTERPRISE, flag(field));
                    case "successor" -> successor = modelId(field, true);
                    default -> throw new IllegalStateException(name);
                }
            }
            if (id == null) {
                throw new BadFileException(prefix + ".id", entryLine, prefix + " needs an id");
            }
            if (status == null) {
                throw new BadFileException(
                        prefix + ".status", entryLine, prefix + " needs a status: new, active, disabled or inactive");
            }
            return new ModelDecision(id, status, flags, successor);
        }

        private @Nullable String modelId(String field, boolean nullable) {
            if (nullable && parser.currentToken() == JsonToken.VALUE_NULL) {
                return null;
            }
            if (parser.currentToken() != JsonToken.VALUE_STRING) {
                throw bad(field, field + " must be a model id (author/slug); found " + describe(parser.currentToken()));
            }
            String id = parser.getString();
            Optional<String> problem = ModelIds.problem(id);
            if (problem.isPresent()) {
                throw bad(field, field + ": the model id '" + abbreviate(id) + "' " + problem.get());
            }
            return id;
        }

        private ModelStatus status(String field) {
            String value = parser.currentToken() == JsonToken.VALUE_STRING
                    ? parser.getString()
                    : describe(parser.currentToken());
            try {
                return ModelStatus.fromDbValue(value);
            } catch (IllegalArgumentException e) {
                throw bad(
                        field,
                        "Unknown status '" + abbreviate(value) + "' in " + field
                                + "; expected new, active, disabled or inactive");
            }
        }

        private boolean flag(String field) {
            return switch (parser.currentToken()) {
                case VALUE_TRUE -> true;
                case VALUE_FALSE -> false;
                default -> throw bad(field, field + " must be true or false; found " + describe(parser.currentToken()));
            };
        }

        private RuleSet rules() {
            if (parser.currentToken() != JsonToken.START_ARRAY) {
                throw bad("rules", "rules must be a list (empty to remove every rule)");
            }
            List<CatalogRule> rules = new ArrayList<>();
            while (parser.nextToken() != JsonToken.END_ARRAY) {
                int index = rules.size();
                String prefix = "rules[" + index + "]";
                int line = lineNow();
                otherLines.put(prefix, line);
                AdminPolicyController.RuleBody body;
                try {
                    body = parser.readValueAs(AdminPolicyController.RuleBody.class);
                } catch (JacksonException e) {
                    if (tooLarge(e) != null) {
                        throw e;
                    }
                    String inner = path(e);
                    throw new BadFileException(
                            inner.equals("(file)") ? prefix : prefix + "." + inner,
                            Optional.ofNullable(line(e.getLocation())).orElse(line),
                            prefix + ": " + e.getOriginalMessage());
                }
                if (body == null) {
                    throw new BadFileException(prefix, line, prefix + " must be a rule");
                }
                try {
                    rules.add(body.parse());
                } catch (InvalidRuleException e) {
                    throw new BadFileException(prefix + "." + e.field(), line, prefix + ": " + e.getMessage());
                }
            }
            try {
                return RuleSet.of(rules);
            } catch (InvalidRuleException e) {
                throw new BadFileException(
                        e.field(), otherLines.get(e.field().replaceAll("\\.name$", "")), e.getMessage());
            }
        }

        private Map<Tier, String> tierDefaults() {
            if (parser.currentToken() == JsonToken.VALUE_NULL) {
                return Map.of();
            }
            if (parser.currentToken() != JsonToken.START_OBJECT) {
                throw bad("tier_defaults", "tier_defaults must be a mapping of tier to model id, e.g. pro: a/b");
            }
            Map<Tier, String> defaults = new EnumMap<>(Tier.class);
            while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
                String name = parser.currentName();
                String field = "tier_defaults." + name;
                Tier tier = Tier.parse(name)
                        .orElseThrow(() -> bad(
                                field,
                                "Unknown tier '" + abbreviate(name)
                                        + "' in tier_defaults; expected free, pro or enterprise"));
                if (defaults.containsKey(tier) || otherLines.containsKey("tier_defaults." + tier.dbValue())) {
                    throw bad(field, field + " is given twice");
                }
                otherLines.put("tier_defaults." + tier.dbValue(), lineNow());
                parser.nextToken();
                String model = modelId(field, true);
                if (model != null) {
                    defaults.put(tier, model);
                }
            }
            return defaults;
        }

        private int lineNow() {
            Integer line = line(parser.currentTokenLocation());
            return line == null ? 0 : line;
        }

        private BadFileException bad(String field, String message) {
            return new BadFileException(field, line(parser.currentTokenLocation()), message);
        }

        private static String describe(@Nullable JsonToken token) {
            if (token == null) {
                return "nothing";
            }
            return switch (token) {
                case START_OBJECT -> "a mapping";
                case START_ARRAY -> "a list";
                case VALUE_STRING -> "text";
                case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
                case VALUE_TRUE, VALUE_FALSE -> "true/false";
                case VALUE_NULL -> "null";
                default -> token.name().toLowerCase(java.util.Locale.ROOT);
            };
        }

        private static String abbreviate(String value) {
            return value.length() <= 100 ? value : value.substring(0, 100) + "…";
        }
    }
}
