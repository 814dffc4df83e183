package dev.modelaccess.web;

import dev.modelaccess.core.ModelNotFoundException;
import dev.modelaccess.core.access.AccessRuleCache;
import dev.modelaccess.core.access.AdminChange;
import dev.modelaccess.core.access.ModelAdministration;
import dev.modelaccess.core.catalog.CatalogModel;
import dev.modelaccess.core.catalog.ModelIds;
import dev.modelaccess.core.catalog.ModelStatus;
import dev.modelaccess.core.port.CatalogFilter;
import dev.modelaccess.core.port.CatalogPage;
import dev.modelaccess.core.port.CatalogQuery;
import dev.modelaccess.core.port.CatalogSort;
import dev.modelaccess.core.port.ModelAccessStore;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The admin's review of the catalog. This instance's access rules are reloaded right after a change; other
 * instances learn of it through the change notification. A model is addressed by its OpenRouter id, {@code author/slug}, in the path
 * (ids may hold {@code :}, {@code ~} and dots, e.g. {@code /api/admin/models/~openai/gpt-mini-latest}); an id that is
 * no safe {@code author/slug} ({@link dev.modelaccess.core.catalog.ModelIds}), in the path or a review, is answered
 * 400. Lists take at most {@value PageLimit#MAX} per page.
 */
@RestController
@ModelAccessApi(admin = true)
@RequestMapping("${modelaccess.web.base-path:/api}/admin/models")
class AdminModelsController {

    static final int MAX_REVIEW_SIZE = 1000;

    private final ModelAccessStore store;
    private final ModelAdministration administration;
    private final AccessRuleCache rules;

    AdminModelsController(ModelAccessStore store, ModelAdministration administration, AccessRuleCache rules) {
        this.store = store;
        this.administration = administration;
        this.rules = rules;
    }

    @GetMapping
    AdminViews.ModelPage list(
            @RequestParam(required = false) @Nullable String status,
            @RequestParam(required = false) @Nullable String q,
            @RequestParam(defaultValue = "100") int limit,
            @RequestParam(defaultValue = "0") long offset) {
        PageLimit.check(limit);
        if (offset < 0) {
            throw new InvalidRequestException("offset must not be negative");
        }
        if (q != null && q.length() > CatalogQuery.MAX_TEXT_LENGTH) {
            throw new InvalidRequestException("q must be at most " + CatalogQuery.MAX_TEXT_LENGTH + " characters");
        }
        CatalogPage page =
                store.searchModels(new CatalogQuery(status == null ? null : status(status), q, limit, offset));
        return new AdminViews.ModelPage(
                page.models().stream().map(AdminViews.ModelView::of).toList(), page.total());
    }

    @GetMapping("/{author}/{slug}")
    AdminViews.ModelView get(@PathVariable String author, @PathVariable String slug) {
        String id = id(author, slug);
        return AdminViews.ModelView.of(store.findModel(id).orElseThrow(() -> new ModelNotFoundException(id)));
    }

    @PatchMapping("/{author}/{slug}")
    AdminViews.ModelView patch(
            @PathVariable String author,
            @PathVariable String slug,
            @RequestBody ModelChange change,
            ModelAccessCaller caller) {
        String id = id(author, slug);
        CatalogModel updated =
                administration.update(change.toAdminChange(id), caller.userId().toString());
        rules.reloadQuietly();
        return AdminViews.ModelView.of(updated);
    }

    /**
     * The same change for many models at once — {@code {"models":["a/b","c/d"],"status":"active","is_pro":true}} —
     * or a change per model — {@code {"changes":[{"model":"a/b","status":"active"},…]}}. All or nothing.
     */
    @PostMapping("/review")
    AdminViews.ModelList review(@RequestBody ReviewRequest request, ModelAccessCaller caller) {
        List<AdminChange> changes = request.toAdminChanges();
        if (changes.size() > MAX_REVIEW_SIZE) {
            throw new InvalidRequestException("A review may change at most " + MAX_REVIEW_SIZE + " models");
        }
        try {
            List<CatalogModel> updated =
                    administration.review(changes, caller.userId().toString());
            rules.reloadQuietly();
            return new AdminViews.ModelList(
                    updated.stream().map(AdminViews.ModelView::of).toList());
        } catch (IllegalArgumentException e) {
            throw new InvalidRequestException(e.getMessage());
        }
    }

    /**
     * One change for every model matching a filter (the console's "select all N matching"), all or nothing, in one
     * transaction. Two steps: {@code ?dry_run=true} answers how many models match now, and writes nothing; the review
     * itself carries that count as {@code expected_count} and changes nothing - 409 - when the filter matches another
     * number of models by then.
     *
     * <pre>{@code
     * POST /api/admin/models/review-matching?dry_run=true
     * {"filter":{"status":"new","provider":"openai","q":"gpt"},"status":"active","is_pro":true}
     *   -> {"matching":42,"changed":0,"dry_run":true}
     * POST /api/admin/models/review-matching
     * {"filter":{"status":"new","provider":"openai","q":"gpt"},"status":"active","is_pro":true,"expected_count":42}
     *   -> {"matching":42,"changed":42,"dry_run":false}
     * }</pre>
     */
    @PostMapping("/review-matching")
    AdminViews.MatchingReview reviewMatching(
            @RequestBody MatchingReviewRequest request,
            @RequestParam(name = "dry_run", defaultValue = "false") boolean dryRun,
            ModelAccessCaller caller) {
        CatalogFilter filter = request.toCatalogFilter();
        ModelChange change =
                new ModelChange(request.status(), request.isFree(), request.isPro(), request.isEnterprise());
        change.toAdminChange("");
        if (dryRun) {
            return new AdminViews.MatchingReview(store.countModels(filter), 0, true);
        }
        Long expected = request.expectedCount();
        if (expected == null || expected < 0) {
            throw new InvalidRequestException(
                    "expected_count is required: the count a dry run (?dry_run=true) answered, as confirmed");
        }
        ModelAdministration.MatchingReview review = administration.reviewMatching(
                filter, change::toAdminChange, expected, caller.userId().toString());
        rules.reloadQuietly();
        return new AdminViews.MatchingReview(review.matching(), review.changed(), false);
    }

    @GetMapping("/{author}/{slug}/events")
    AdminViews.EventList events(
            @PathVariable String author, @PathVariable String slug, @RequestParam(defaultValue = "100") int limit) {
        PageLimit.check(limit);
        String id = id(author, slug);
        if (store.findModel(id).isEmpty()) {
            throw new ModelNotFoundException(id);
        }
        return new AdminViews.EventList(
                store.eventsOf(id, limit).stream().map(AdminViews.EventView::of).toList());
    }

    /** The id in the path: a safe {@code author/slug}, else 400 (see {@link InvalidModelIdException}). */
    private static String id(String author, String slug) {
        return InvalidModelIdException.requireSafe(author + "/" + slug, "id");
    }

    static ModelStatus status(String value) {
        try {
            return ModelStatus.fromDbValue(value);
        } catch (IllegalArgumentException e) {
            throw new InvalidRequestException("status must be new, active, inactive or disabled");
        }
    }

    /** A change of one model (PATCH body); absent fields are left as they are. */
    record ModelChange(
            @Nullable String status,
            @Nullable Boolean isFree,
            @Nullable Boolean isPro,
            @Nullable Boolean isEnterprise) {

        AdminChange toAdminChange(String modelId) {
            AdminChange change = new AdminChange(
                    modelId, status == null ? null : AdminModelsController.status(status), isFree, isPro, isEnterprise);
            if (change.isEmpty()) {
                throw new InvalidRequestException("Give at least one of status, is_free, is_pro, is_enterprise");
            }
            return change;
        }
    }

    /** The console's filters, as {@code GET /admin/console/models} takes them; absent fields filter nothing. */
    record MatchingFilter(
            @Nullable String status,
            @Nullable String provider,
            @Nullable String modality,
            @Nullable String q) {}

    /** A review of every model matching {@code filter}: the change, and the count confirmed (not in a dry run). */
    record MatchingReviewRequest(
            @Nullable MatchingFilter filter,
            @Nullable String status,
            @Nullable Boolean isFree,
            @Nullable Boolean isPro,
            @Nullable Boolean isEnterprise,
            @Nullable Long expectedCount) {

        CatalogFilter toCatalogFilter() {
            if (filter == null) {
                throw new InvalidRequestException("filter is required (an empty filter {} matches every model)");
            }
            String q = filter.q();
            if (q != null && q.length() > CatalogQuery.MAX_TEXT_LENGTH) {
                throw new InvalidRequestException(
                        "filter.q must be at most " + CatalogQuery.MAX_TEXT_LENGTH + " characters");
            }
            for (String value : new String[] {filter.provider(), filter.modality()}) {
                if (value != null && value.length() > ModelIds.MAX_LENGTH) {
                    throw new InvalidRequestException("filter.provider and filter.modality must be at most "
                            + ModelIds.MAX_LENGTH + " characters");
                }
            }
            ModelStatus status = filter.status() == null || filter.status().isBlank()
                    ? null
                    : AdminModelsController.status(filter.status());
            return new CatalogFilter(status, filter.provider(), filter.modality(), q, CatalogSort.MODEL_ID, 1, 0);
        }
    }

    /** One model's change inside a review. */
    record ReviewChange(
            @Nullable String model,
            @Nullable String status,
            @Nullable Boolean isFree,
            @Nullable Boolean isPro,
            @Nullable Boolean isEnterprise) {}

    /** A review: the same change for {@code models}, or one change per entry of {@code changes}. */
    record ReviewRequest(
            @Nullable List<String> models,
            @Nullable String status,
            @Nullable Boolean isFree,
            @Nullable Boolean isPro,
            @Nullable Boolean isEnterprise,
            @Nullable List<ReviewChange> changes) {

        List<AdminChange> toAdminChanges() {
            if ((models == null) == (changes == null)) {
                throw new InvalidRequestException("Give either models (with one change for all) or changes");
            }
            List<AdminChange> result = new ArrayList<>();
            if (models != null) {
                if (changes == null && models.isEmpty()) {
                    throw new InvalidRequestException("models must not be empty");
                }
                for (int i = 0; i < models.size(); i++) {
                    result.add(new ModelChange(status, isFree, isPro, isEnterprise)
                            .toAdminChange(modelId(models.get(i), "models[" + i + "]")));
                }
                return result;
            }
            if (status != null || isFree != null || isPro != null || isEnterprise != null) {
                throw new InvalidRequestException("With changes, put status and flags inside each change");
            }
            if (changes.isEmpty()) {
                throw new InvalidRequestException("changes must not be empty");
            }
            for (int i = 0; i < changes.size(); i++) {
                ReviewChange change = changes.get(i);
                if (change == null) {
                    throw new InvalidRequestException("changes must not hold null");
                }
                result.add(new ModelChange(change.status(), change.isFree(), change.isPro(), change.isEnterprise())
                        .toAdminChange(modelId(change.model(), "changes[" + i + "].model")));
            }
            return result;
        }

        private static String modelId(@Nullable String model, String field) {
            if (model == null || model.isBlank()) {
                throw new InvalidRequestException("Every change needs a model id");
            }
            return InvalidModelIdException.requireSafe(model, field);
        }
    }
}
