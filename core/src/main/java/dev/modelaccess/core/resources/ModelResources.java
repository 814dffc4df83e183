package dev.modelaccess.core.resources;

import dev.modelaccess.core.UpstreamRejectedException;
import dev.modelaccess.core.access.ModelAccessService;
import dev.modelaccess.core.catalog.CatalogModel;
import dev.modelaccess.core.catalog.Tier;
import dev.modelaccess.core.keys.NoUsableKeyException;
import dev.modelaccess.core.keys.OpenRouterApiKey;
import dev.modelaccess.core.keys.UserKeys;
import dev.modelaccess.core.port.CatalogReader;
import dev.modelaccess.core.port.ChatCompletion;
import dev.modelaccess.core.port.ChatCompletions;
import dev.modelaccess.core.port.ChatRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Users' model-bound resources: create, list, read, delete — each user sees and touches only their own — and run.
 *
 * <p>Creating checks, and reports together, everything that could be wrong ({@link ResourceValidationException}):
 * the name, the {@linkplain OpenRouterInstantConfig#problems() configuration}, and the model, which must be in the
 * catalog and usable by the owner's tier at that moment. A user holds at most a configured number of resources
 * ({@link ResourceLimitReachedException} past it; the store enforces it atomically).
 *
 * <p>Running one, in this order:
 *
 * <ol>
 *   <li>the input must not be blank nor longer than {@value #MAX_INPUT_LENGTH} characters ({@link
 *       ResourceValidationException});
 *   <li>the resource must be the caller's ({@link ResourceNotFoundException} otherwise, also for another user's);
 *   <li>its model must still be in the catalog and usable by the owner's tier <em>now</em> — the rule of the model
 *       dropdown, {@link ModelAccessService#isAllowed(Tier, String)} ({@link ResourceModelUnusableException});
 *   <li>the owner must have a usable OpenRouter key ({@link NoUsableKeyException}, nothing is sent);
 *   <li>OpenRouter runs the completion with that key. When OpenRouter answers 401 the key is marked invalid and
 *       the run fails with {@link NoUsableKeyException}; other upstream failures pass through as {@link
 *       dev.modelaccess.core.UpstreamException}s, their status saying why (402 credits, 429 rate limit, …).
 * </ol>
 *
 * <p>Neither prompts, inputs nor outputs are logged, only ids and token counts.
 */
public final class ModelResources {

    private static final Logger log = LoggerFactory.getLogger(ModelResources.class);

    /** The longest input a run accepts, in characters. */
    public static final int MAX_INPUT_LENGTH = 100_000;

    /** The most resources one listing returns. */
    public static final int MAX_LIST_LIMIT = 100;

    /** How many resources one user may hold unless configured otherwise. */
    public static final int DEFAULT_MAX_PER_OWNER = 100;

    private final ResourceStore resources;
    private final CatalogReader catalog;
    private final ModelAccessService access;
    private final UserKeys keys;
    private final ChatCompletions completions;
    private final int maxPerOwner;

    /**
     * @param maxPerOwner how many resources one user may hold (at least 1), e.g. {@value #DEFAULT_MAX_PER_OWNER}
     */
    public ModelResources(
            ResourceStore resources,
            CatalogReader catalog,
            ModelAccessService access,
            UserKeys keys,
            ChatCompletions completions,
            int maxPerOwner) {
        this.resources = Objects.requireNonNull(resources, "resources");
        this.catalog = Objects.requireNonNull(catalog, "catalog");
        this.access = Objects.requireNonNull(access, "access");
        this.keys = Objects.requireNonNull(keys, "keys");
        this.completions = Objects.requireNonNull(completions, "completions");
        if (maxPerOwner < 1) {
            throw new IllegalArgumentException("maxPerOwner must be at least 1, was " + maxPerOwner);
        }
        this.maxPerOwner = maxPerOwner;
    }

    /**
     * Creates an {@code openrouter_instant} resource for {@code ownerId}.
     *
     * @param name shown to the owner; surrounding white space is dropped
     * @throws ResourceValidationException listing every problem: name, configuration, model unknown to the catalog
     *     or not usable by the owner's tier
     * @throws ResourceLimitReachedException when the owner already holds as many resources as one user may
     */
    public Resource create(UUID ownerId, @Nullable String name, OpenRouterInstantConfig config) {
        Objects.requireNonNull(ownerId, "ownerId");
        Objects.requireNonNull(config, "config");
        List<String> problems = new ArrayList<>();
        String cleanName = name == null ? "" : name.strip();
        if (cleanName.isEmpty()) {
            problems.add("name: is missing");
        } else if (cleanName.length() > Resource.MAX_NAME_LENGTH) {
            problems.add("name: is longer than " + Resource.MAX_NAME_LENGTH + " characters");
        } else if (cleanName.chars().anyMatch(Character::isISOControl)) {
            problems.add("name: must not contain control characters");
        }
        List<String> configProblems = config.problems();
        problems.addAll(configProblems);
        CatalogModel model = null;
        if (configProblems.stream().noneMatch(problem -> problem.startsWith("model:"))) {
            Optional<CatalogModel> found = catalog.findModel(config.modelId());
            if (found.isEmpty()) {
                problems.add("model: there is no model '" + config.modelId() + "' in the catalog");
            } else {
                Tier tier = access.profileOf(ownerId).tier();
                if (!access.isAllowed(tier, config.modelId())) {
                    problems.add(
                            "model: '" + config.modelId() + "' is not available to the " + tier.dbValue() + " tier");
                } else {
                    model = found.get();
                }
            }
        }
        if (!problems.isEmpty() || model == null) {
            throw new ResourceValidationException(problems);
        }
        Resource created = resources
                .insert(
                        new NewResource(ownerId, cleanName, ResourceType.OPENROUTER_INSTANT, model.id(), config),
                        maxPerOwner)
                .orElseThrow(() -> new ResourceLimitReachedException(ownerId, maxPerOwner));
        log.info("User {} created resource {} on model {}", ownerId, created.id(), created.modelId());
        return created;
    }

    /**
     * The owner's resources, newest first.
     *
     * @throws IllegalArgumentException when {@code limit} is not 1 to {@value #MAX_LIST_LIMIT} or {@code offset}
     *     is negative
     */
    public List<Resource> list(UUID ownerId, int limit, int offset) {
        Objects.requireNonNull(ownerId, "ownerId");
        if (limit < 1 || limit > MAX_LIST_LIMIT) {
            throw new IllegalArgumentException("limit must be between 1 and " + MAX_LIST_LIMIT + ", was " + limit);
        }
        if (offset < 0) {
            throw new IllegalArgumentException("offset must not be negative, was " + offset);
        }
        return resources.listByOwner(ownerId, limit, offset);
    }

    /**
     * The owner's resource.
     *
     * @throws ResourceNotFoundException when there is none with this id, or it is another user's
     */
    public Resource get(UUID ownerId, UUID resourceId) {
        Objects.requireNonNull(ownerId, "ownerId");
        Objects.requireNonNull(resourceId, "resourceId");
        return resources.find(ownerId, resourceId).orElseThrow(() -> new ResourceNotFoundException(resourceId));
    }

    /**
     * Deletes the owner's resource.
     *
     * @throws ResourceNotFoundException when there is none with this id, or it is another user's
     */
    public void delete(UUID ownerId, UUID resourceId) {
        Objects.requireNonNull(ownerId, "ownerId");
        Objects.requireNonNull(resourceId, "resourceId");
        if (!resources.delete(ownerId, resourceId)) {
            throw new ResourceNotFoundException(resourceId);
        }
        log.info("User {} deleted resource {}", ownerId, resourceId);
    }

    /**
     * Runs the owner's resource on {@code input} with the owner's own OpenRouter key. See the class description for
     * the checks, in order.
     *
     * @throws ResourceValidationException when the input is blank or too long
     * @throws ResourceNotFoundException when the resource is not the caller's
     * @throws ResourceModelUnusableException when its model may not be used by the owner now
     * @throws NoUsableKeyException when the owner has no usable key, or OpenRouter refused it just now
     * @throws dev.modelaccess.core.UpstreamException when OpenRouter failed otherwise
     */
    public ChatCompletion run(UUID ownerId, UUID resourceId, @Nullable String input) {
        Objects.requireNonNull(ownerId, "ownerId");
        Objects.requireNonNull(resourceId, "resourceId");
        if (input == null || input.isBlank()) {
            throw new ResourceValidationException(List.of("input: is missing"));
        }
        if (input.length() > MAX_INPUT_LENGTH) {
            throw new ResourceValidationException(List.of(
                    "input: is " + input.length() + " characters long, at most " + MAX_INPUT_LENGTH + " are allowed"));
        }
        Resource resource = get(ownerId, resourceId);
        Tier tier = access.profileOf(ownerId).tier();
        if (resource.catalogModelId() == null) {
            throw new ResourceModelUnusableException(
                    resourceId, resource.modelId(), tier, ResourceModelUnusableException.Reason.REMOVED_FROM_CATALOG);
        }
        if (!access.isAllowed(tier, resource.modelId())) {
            throw new ResourceModelUnusableException(
                    resourceId, resource.modelId(), tier, ResourceModelUnusableException.Reason.NOT_ALLOWED_FOR_TIER);
        }
        OpenRouterApiKey key = keys.decryptFor(ownerId);
        OpenRouterInstantConfig config = resource.config();
        ChatCompletion completion;
        try {
            completion = completions.complete(
                    key, new ChatRequest(config.modelId(), config.effectiveSystemPrompt(), input, config.params()));
        } catch (UpstreamRejectedException e) {
            Integer status = e.status();
            if (status != null && status == 401) {
                keys.markRejected(ownerId, key);
                throw new NoUsableKeyException(ownerId, NoUsableKeyException.Reason.INVALID, e);
            }
            throw e;
        }
        ChatCompletion.TokenUsage usage = completion.usage();
        log.info(
                "User {} ran resource {} on {}: {} tokens",
                ownerId,
                resourceId,
                completion.model(),
                usage == null ? "?" : usage.totalTokens());
        return completion;
    }
}
