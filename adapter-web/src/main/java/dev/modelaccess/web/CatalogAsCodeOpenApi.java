package dev.modelaccess.web;

import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.BooleanSchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MapSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.parameters.RequestBody;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import java.util.List;

/**
 * The OpenAPI description of the catalog as code ({@link AdminCatalogController}): the file's schema (YAML and JSON
 * alike) as the export's answer and the import's body, the import's report, and its problems. The handlers read and
 * write the file themselves (to stream it and to know the line of every entry), so springdoc cannot see these shapes.
 */
final class CatalogAsCodeOpenApi {

    private static final String PROBLEM_JSON = "application/problem+json";

    private CatalogAsCodeOpenApi() {}

    static void describe(Operation operation, ApiResponses responses, String method) {
        if (method.equals("export")) {
            operation.setSummary("Every admin decision as a file (catalog as code)");
            operation.setDescription("Each model's status, tier flags and successor (models ordered by id), the"
                    + " catalog rules in their order and the tier defaults (in tier order): deterministic, so that a"
                    + " diff in Git shows only what changed. YAML unless the caller accepts application/json (and"
                    + " not YAML). Import it with POST /admin/catalog/import.");
            responses.addApiResponse(
                    "200",
                    new ApiResponse()
                            .description("The catalog file")
                            .content(new Content()
                                    .addMediaType("application/yaml", new MediaType().schema(file()))
                                    .addMediaType("application/json", new MediaType().schema(file()))));
            return;
        }
        operation.setSummary("Compares a catalog file with the catalog; applies it with dry_run=false");
        operation.setDescription("The file (YAML, or JSON by Content-Type) as GET /admin/catalog/export writes it."
                + " The answer lists every change, from -> to: per model (status, is_free, is_pro, is_enterprise,"
                + " successor), per rule (added, removed or changed, by position) and per tier default; the ids the"
                + " catalog does not hold (reported, never created) and how many models are as the file says."
                + " dry_run is true unless given: nothing is written. With dry_run=false the changes are written in"
                + " one transaction, recorded as events by `import`; a refused entry writes nothing. Models the file"
                + " does not list are left as they are; without `rules` (or `tier_defaults`) those are left as they"
                + " are too. Importing the export of the same catalog writes no row.");
        if (operation.getParameters() != null) {
            for (Parameter parameter : operation.getParameters()) {
                if ("dry_run".equals(parameter.getName())) {
                    parameter.setDescription(
                            "true (the default): only tell what would change; false: write it, all or nothing");
                }
            }
        }
        operation.setRequestBody(new RequestBody()
                .required(true)
                .description("The catalog file, at most modelaccess.web.max-import-size (32MB unless set)")
                .content(new Content()
                        .addMediaType("application/yaml", new MediaType().schema(file()))
                        .addMediaType("application/json", new MediaType().schema(file()))));
        responses.addApiResponse(
                "200",
                new ApiResponse()
                        .description("What the import changes (or, in a dry run, would change)")
                        .content(new Content().addMediaType("application/json", new MediaType().schema(report()))));
        located(
                responses,
                "400",
                "A file that cannot be read: not YAML/JSON, an unknown field, status or tier, an id that is no model"
                        + " id, a model listed twice, an invalid rule; `field` names the entry (models[3].status) and"
                        + " `line` its line. Nothing written");
        located(
                responses,
                "409",
                "A status change the lifecycle forbids (to new or inactive, or of an inactive model); `field`,"
                        + " `model` and `line` name it. Nothing written");
        located(
                responses,
                "422",
                "A successor or tier default that may not be set (unknown, retired, not usable by the tier, a"
                        + " cycle); `field`, `model` and `line` name it. Nothing written");
        ModelAccessOpenApi.problem(
                responses, "413", "The file is larger than modelaccess.web.max-import-size (32MB unless set)");
        ModelAccessOpenApi.problem(responses, "415", "The body is neither application/yaml nor application/json");
    }

    private static void located(ApiResponses responses, String status, String description) {
        Schema<?> problem = ModelAccessOpenApi.problemSchema()
                .addProperty("line", new IntegerSchema().description("The line of the entry in the file"))
                .addProperty("model", new StringSchema().description("The model the entry is about"));
        responses.addApiResponse(
                status,
                new ApiResponse()
                        .description(description)
                        .content(new Content().addMediaType(PROBLEM_JSON, new MediaType().schema(problem))));
    }

    /** The catalog file. */
    static Schema<?> file() {
        ObjectSchema model = new ObjectSchema();
        model.addProperty("id", new StringSchema().example("openai/gpt-4o"))
                .addProperty("status", new StringSchema()._enum(List.of("new", "active", "disabled", "inactive")))
                .addProperty("is_free", new BooleanSchema().description("false when absent"))
                .addProperty("is_pro", new BooleanSchema().description("false when absent"))
                .addProperty("is_enterprise", new BooleanSchema().description("false when absent"))
                .addProperty("successor", new StringSchema().description("absent: none"));
        model.required(List.of("id", "status"));
        Schema<?> rule = new ObjectSchema()
                .description("A catalog rule, as GET /admin/rules answers it")
                .addProperty("name", new StringSchema())
                .addProperty("match", new ObjectSchema())
                .addProperty("action", new StringSchema()._enum(List.of("approve", "disable", "review")))
                .addProperty("tiers", new ArraySchema().items(new StringSchema()));
        ObjectSchema file = new ObjectSchema();
        file.description("Every admin decision of a catalog")
                .addProperty("version", new IntegerSchema().example(CatalogFile.VERSION))
                .addProperty("models", new ArraySchema().items(model))
                .addProperty(
                        "rules",
                        new ArraySchema().items(rule).description("in their order; absent on import: left as they are"))
                .addProperty(
                        "tier_defaults",
                        new MapSchema()
                                .additionalProperties(new StringSchema())
                                .description("tier (free, pro, enterprise) -> model id; absent on import: left as"
                                        + " they are"));
        file.required(List.of("version"));
        return file;
    }

    /** The import's answer. */
    static Schema<?> report() {
        Schema<?> field = new ObjectSchema()
                .addProperty("field", new StringSchema().example("status"))
                .addProperty("from", new Schema<>().description("string, boolean (tier flags) or null"))
                .addProperty("to", new Schema<>().description("string, boolean (tier flags) or null"));
        ObjectSchema model = new ObjectSchema();
        model.addProperty("id", new StringSchema())
                .addProperty("index", new IntegerSchema().description("its position in the file's models"))
                .addProperty("changes", new ArraySchema().items(field));
        Schema<?> rule = new ObjectSchema()
                .addProperty("index", new IntegerSchema())
                .addProperty("change", new StringSchema()._enum(List.of("added", "removed", "changed")))
                .addProperty("from", new ObjectSchema().nullable(true))
                .addProperty("to", new ObjectSchema().nullable(true));
        Schema<?> tierDefault = new ObjectSchema()
                .addProperty("tier", new StringSchema())
                .addProperty("from", new StringSchema().nullable(true))
                .addProperty("to", new StringSchema().nullable(true));
        return new ObjectSchema()
                .addProperty("dry_run", new BooleanSchema())
                .addProperty("applied", new BooleanSchema())
                .addProperty("rows_written", new IntegerSchema())
                .addProperty("models", new ArraySchema().items(model))
                .addProperty("rules", new ArraySchema().items(rule))
                .addProperty("tier_defaults", new ArraySchema().items(tierDefault))
                .addProperty("unknown_models", new ArraySchema().items(new StringSchema()))
                .addProperty("changed_models", new IntegerSchema())
                .addProperty("unchanged_models", new IntegerSchema());
    }
}
