package dev.modelaccess.example.web;

import dev.modelaccess.core.port.ChatCompletion;
import dev.modelaccess.core.resources.ModelResources;
import dev.modelaccess.core.resources.OpenRouterInstantConfig;
import dev.modelaccess.core.resources.Resource;
import dev.modelaccess.example.resources.OpenRouterConfigJson;
import dev.modelaccess.web.InvalidRequestException;
import dev.modelaccess.web.ModelAccessCaller;
import dev.modelaccess.web.NotFoundException;
import dev.modelaccess.web.PageLimit;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * The signed-in user's model-bound resources. Each user sees only their own: another user's id, an unknown id and
 * a string that is not a UUID all answer 404. Built on model-access-web's pieces: the caller comes from its {@code
 * CallerResolver}, errors are its problem documents ({@link ResourcesProblems}) and bodies are bounded by its {@code
 * RequestBodyLimitFilter} ({@link WebConfiguration}).
 */
@RestController
@RequestMapping("/api/resources")
class ResourcesController {

    private final ModelResources resources;

    ResourcesController(ModelResources resources) {
        this.resources = resources;
    }

    /**
     * Creates an {@code openrouter_instant} resource. 422 when the model is not in the catalog or not usable by the
     * user's tier, or the configuration is invalid (unknown keys included), with every problem listed; 422 naming the
     * limit when the user already holds as many resources as {@code app.resources.max-per-user} allows.
     */
    @PostMapping
    ResponseEntity<ResourceView> create(ModelAccessCaller caller, @RequestBody CreateRequest request) {
        OpenRouterInstantConfig config = OpenRouterConfigJson.fromRequest(request.model(), request.config());
        Resource created = resources.create(caller.userId(), request.name(), config);
        return ResponseEntity.created(URI.create("/api/resources/" + created.id()))
                .body(ResourceView.of(created));
    }

    @GetMapping
    ResourceList list(
            ModelAccessCaller caller,
            @RequestParam(defaultValue = "100") int limit,
            @RequestParam(defaultValue = "0") int offset) {
        PageLimit.check(limit);
        if (offset < 0) {
            throw new InvalidRequestException("offset must not be negative");
        }
        return new ResourceList(resources.list(caller.userId(), limit, offset).stream()
                .map(ResourceView::of)
                .toList());
    }

    @GetMapping("/{id}")
    ResourceView get(ModelAccessCaller caller, @PathVariable String id) {
        return ResourceView.of(resources.get(caller.userId(), resourceId(id)));
    }

    @DeleteMapping("/{id}")
    ResponseEntity<Void> delete(ModelAccessCaller caller, @PathVariable String id) {
        resources.delete(caller.userId(), resourceId(id));
        return ResponseEntity.status(HttpStatus.NO_CONTENT).build();
    }

    /**
     * Runs the resource on {@code input} with the user's own OpenRouter key. 409 without a usable key, 403 when the
     * model is not usable by the user's tier now (or left the catalog), OpenRouter's failures as 402, 422, 429, 502
     * or 503 with a detail saying what happened.
     */
    @PostMapping("/{id}/run")
    RunView run(ModelAccessCaller caller, @PathVariable String id, @RequestBody RunRequest request) {
        UUID resourceId = resourceId(id);
        return RunView.of(resourceId, resources.run(caller.userId(), resourceId, request.input()));
    }

    /** A path segment that is not a UUID names no resource: 404, like an unknown one. */
    private static UUID resourceId(String id) {
        if (id.length() != 36) {
            throw new NotFoundException("No such resource");
        }
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw new NotFoundException("No such resource");
        }
    }

    /** {@code POST /api/resources} body; {@code config} is read strictly by {@link OpenRouterConfigJson}. */
    record CreateRequest(
            @Nullable String name,
            @Nullable String model,
            @Nullable JsonNode config) {}

    record RunRequest(@Nullable String input) {}

    record ResourceList(List<ResourceView> data) {}

    /**
     * A resource as its owner sees it.
     *
     * @param modelAvailable false once the model's catalog row was deleted (the resource no longer runs)
     * @param config the stored configuration, camelCase as stored
     */
    record ResourceView(
            UUID id,
            String name,
            String type,
            String model,
            boolean modelAvailable,
            JsonNode config,
            Instant createdAt,
            Instant updatedAt) {

        static ResourceView of(Resource resource) {
            return new ResourceView(
                    resource.id(),
                    resource.name(),
                    resource.type().dbValue(),
                    resource.modelId(),
                    resource.catalogModelId() != null,
                    OpenRouterConfigJson.toJson(resource.config()),
                    resource.createdAt(),
                    resource.updatedAt());
        }
    }

    /** What a run answered. */
    record RunView(
            UUID resourceId,
            @Nullable String generationId,
            String model,
            String output,
            @Nullable String finishReason,
            ChatCompletion.@Nullable TokenUsage usage) {

        static RunView of(UUID resourceId, ChatCompletion completion) {
            return new RunView(
                    resourceId,
                    completion.id(),
                    completion.model(),
                    completion.text(),
                    completion.finishReason(),
                    completion.usage());
        }
    }
}
