package dev.modelaccess.web;

import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springdoc.core.utils.SpringDocUtils;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.web.method.HandlerMethod;

/**
 * Completes springdoc's description of the module's operations (and only theirs): the problem responses each can
 * give, as {@code application/problem+json}, the caller parameter hidden (it is the signed-in user), and the shape
 * of {@code GET /models}, which is served as pre-rendered bytes. Used only when the host serves an OpenAPI
 * description with springdoc.
 */
public final class ModelAccessOpenApi implements OperationCustomizer {

    private static final String PROBLEM_JSON = "application/problem+json";

    static {
        SpringDocUtils.getConfig().addRequestWrapperToIgnore(ModelAccessCaller.class);
    }

    @Override
    public Operation customize(Operation operation, HandlerMethod handler) {
        ModelAccessApi api = AnnotatedElementUtils.findMergedAnnotation(handler.getBeanType(), ModelAccessApi.class);
        if (api == null) {
            return operation;
        }
        ApiResponses responses = operation.getResponses() == null ? new ApiResponses() : operation.getResponses();
        if (handler.getBeanType() == ModelsController.class
                && handler.getMethod().getName().equals("models")) {
            responses.addApiResponse(
                    "200",
                    new ApiResponse()
                            .description("The models the caller's tier may use, in OpenRouter's list envelope, with"
                                    + " their default model and tier; an ETag, and 304 for If-None-Match")
                            .content(new Content().addMediaType("application/json", new MediaType().schema(models()))));
            responses.addApiResponse("304", new ApiResponse().description("Not modified since the given ETag"));
        }
        if (handler.getBeanType() == AdminModelsController.class
                && handler.getMethod().getName().equals("reviewMatching")) {
            operation.setDescription("One change (status and/or tier flags) for every model matching a filter - the"
                    + " console's filters: status, provider, modality, q - all or nothing, in one transaction. First"
                    + " ask with ?dry_run=true: the answer's `matching` is how many models match now, and nothing is"
                    + " written. Then send the same body with `expected_count` set to that count: when the filter"
                    + " matches another number of models by then, nothing is changed and the answer is 409.");
        }
        if (handler.getBeanType() == AdminCatalogController.class) {
            CatalogAsCodeOpenApi.describe(
                    operation, responses, handler.getMethod().getName());
        }
        boolean body = operation.getRequestBody() != null;
        problem(
                responses,
                "400",
                "A malformed request: unreadable JSON, an unknown field, a parameter of the wrong type");
        problem(responses, "401", "No signed-in caller could be resolved");
        if (api.admin()) {
            problem(responses, "403", "The caller is not an admin");
        }
        if (handler.getMethodParameters().length > 0 && operationHasPathVariables(handler)) {
            problem(responses, "404", "No such model (or key)");
        }
        if (handler.getBeanType() == AdminKeysController.class) {
            problem(responses, "409", "Another instance is already running this job; it does the work");
        }
        if (body) {
            problem(
                    responses,
                    "409",
                    "A change the lifecycle forbids, a stored key that can no longer be used, or a review of the"
                            + " models matching a filter whose confirmed count no longer holds");
            problem(responses, "413", "The request body is larger than modelaccess.web.max-body-size");
        }
        if (handler.getBeanType() == AdminSuccessionController.class) {
            problem(
                    responses,
                    "422",
                    "A successor or tier default that may not be set, nothing written; the problem's field names"
                            + " what is wrong: successor (unknown, retired, not usable by one of the model's tiers,"
                            + " or closing a cycle), model (unknown, or not usable by the tier) or tier (unknown)");
        }
        problem(responses, "422", "A well-formed request that cannot be honoured (an invalid value or model)");
        problem(responses, "503", "The database or OpenRouter is unavailable; try again shortly");
        operation.setResponses(responses);
        return operation;
    }

    private static boolean operationHasPathVariables(HandlerMethod handler) {
        for (var parameter : handler.getMethodParameters()) {
            if (parameter.hasParameterAnnotation(org.springframework.web.bind.annotation.PathVariable.class)) {
                return true;
            }
        }
        return handler.getBeanType() == OpenRouterKeyController.class;
    }

    static void problem(ApiResponses responses, String status, String description) {
        if (responses.containsKey(status)) {
            return;
        }
        responses.addApiResponse(
                status,
                new ApiResponse()
                        .description(description)
                        .content(new Content().addMediaType(PROBLEM_JSON, new MediaType().schema(problemSchema()))));
    }

    /** RFC 9457's problem document. */
    static Schema<?> problemSchema() {
        return new ObjectSchema()
                .description("An RFC 9457 problem document")
                .addProperty("type", new StringSchema().example("about:blank"))
                .addProperty("title", new StringSchema())
                .addProperty("status", new IntegerSchema())
                .addProperty("detail", new StringSchema())
                .addProperty("instance", new StringSchema())
                .addProperty(
                        "field",
                        new StringSchema()
                                .description("For a 422 about one input: the offending field, e.g."
                                        + " rules[2].match.model_id"));
    }

    private static Schema<?> models() {
        return new ObjectSchema()
                .addProperty(
                        "data",
                        new ArraySchema()
                                .items(new ObjectSchema()
                                        .description("An OpenRouter model object, exactly as OpenRouter lists it")))
                .addProperty("total_count", new IntegerSchema())
                .addProperty("links", new ObjectSchema().addProperty("next", new StringSchema().nullable(true)))
                .addProperty("default_model", new StringSchema().nullable(true))
                .addProperty("tier", new StringSchema()._enum(java.util.List.of("free", "pro", "enterprise")));
    }
}
