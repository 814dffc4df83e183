package dev.modelaccess.web;

import dev.modelaccess.core.ModelNotFoundException;
import dev.modelaccess.core.catalog.Tier;
import dev.modelaccess.core.port.ModelAccessStore;
import dev.modelaccess.core.port.SuccessionStore;
import dev.modelaccess.core.succession.CarryOver;
import dev.modelaccess.core.succession.Succession;
import dev.modelaccess.core.succession.SuccessionCache;
import dev.modelaccess.core.succession.SuccessionRejectedException;
import dev.modelaccess.core.succession.SuccessionSnapshot;
import dev.modelaccess.core.succession.Successor;
import dev.modelaccess.core.succession.TierDefault;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Successors and tier defaults, for admins:
 *
 * <ul>
 *   <li>{@code GET {base}/admin/successors} — every successor and tier default;
 *   <li>{@code GET|PUT|DELETE {base}/admin/models/{author}/{slug}/successor} — a model's successor; {@code PUT}
 *       takes {@code {"successor": "author/slug"}} and, when the model is retired already, carries it over at once
 *       (the answer says what moved);
 *   <li>{@code GET|PUT|DELETE {base}/admin/tiers/{tier}/default-model} — a tier's default model; {@code PUT} takes
 *       {@code {"model": "author/slug"}}.
 * </ul>
 *
 * A value that may not be set answers 422 naming the field ({@code successor}, {@code model} or {@code tier}) and
 * writes nothing; an unknown model in the path answers 404. This instance reloads its cache right after a change;
 * other instances learn of it through the change feed.
 */
@RestController
@ModelAccessApi(admin = true)
class AdminSuccessionController {

    private final Succession succession;
    private final SuccessionStore store;
    private final SuccessionCache cache;
    private final ModelAccessStore catalog;

    AdminSuccessionController(
            Succession succession, SuccessionStore store, SuccessionCache cache, ModelAccessStore catalog) {
        this.succession = succession;
        this.store = store;
        this.cache = cache;
        this.catalog = catalog;
    }

    @GetMapping("${modelaccess.web.base-path:/api}/admin/successors")
    SuccessionView all() {
        SuccessionSnapshot snapshot = store.loadSuccession();
        return new SuccessionView(
                snapshot.successors().stream()
                        .sorted(Comparator.comparing(Successor::modelId))
                        .map(SuccessorView::of)
                        .toList(),
                snapshot.tierDefaults().stream().map(TierDefaultView::of).toList());
    }

    @GetMapping("${modelaccess.web.base-path:/api}/admin/models/{author}/{slug}/successor")
    SuccessorView successor(@PathVariable String author, @PathVariable String slug) {
        String id = knownModel(author, slug);
        return store.loadSuccession()
                .successor(id)
                .map(SuccessorView::of)
                .orElseGet(() -> new SuccessorView(id, null, null, null, null));
    }

    @PutMapping("${modelaccess.web.base-path:/api}/admin/models/{author}/{slug}/successor")
    SuccessorChange nameSuccessor(
            @PathVariable String author,
            @PathVariable String slug,
            @RequestBody SuccessorRequest request,
            ModelAccessCaller caller) {
        String id = id(author, slug);
        String successorId = request.successor();
        if (successorId == null || successorId.isBlank()) {
            throw new SuccessionRejectedException("successor", "give the id of the model that takes over");
        }
        Optional<CarryOver> moved =
                succession.nameSuccessor(id, successorId, caller.userId().toString());
        cache.reloadQuietly();
        Successor named = store.loadSuccession().successor(id).orElseThrow(() -> new ModelNotFoundException(id));
        return new SuccessorChange(
                SuccessorView.of(named), moved.map(CarryOverView::of).orElse(null));
    }

    @DeleteMapping("${modelaccess.web.base-path:/api}/admin/models/{author}/{slug}/successor")
    ResponseEntity<Void> removeSuccessor(
            @PathVariable String author, @PathVariable String slug, ModelAccessCaller caller) {
        String id = knownModel(author, slug);
        succession.removeSuccessor(id, caller.userId().toString());
        cache.reloadQuietly();
        return ResponseEntity.noContent().build();
    }

    @GetMapping("${modelaccess.web.base-path:/api}/admin/tiers/{tier}/default-model")
    TierDefaultView tierDefault(@PathVariable String tier) {
        Tier parsed = tier(tier);
        return store.loadSuccession()
                .tierDefault(parsed)
                .map(TierDefaultView::of)
                .orElseGet(() -> new TierDefaultView(parsed.dbValue(), null, null, null));
    }

    @PutMapping("${modelaccess.web.base-path:/api}/admin/tiers/{tier}/default-model")
    TierDefaultView setTierDefault(
            @PathVariable String tier, @RequestBody TierDefaultRequest request, ModelAccessCaller caller) {
        Tier parsed = tier(tier);
        String model = request.model();
        if (model == null || model.isBlank()) {
            throw new SuccessionRejectedException("model", "give the id of the tier's default model");
        }
        TierDefault set =
                succession.setTierDefault(parsed, model, caller.userId().toString());
        cache.reloadQuietly();
        return TierDefaultView.of(set);
    }

    @DeleteMapping("${modelaccess.web.base-path:/api}/admin/tiers/{tier}/default-model")
    ResponseEntity<Void> clearTierDefault(@PathVariable String tier, ModelAccessCaller caller) {
        succession.clearTierDefault(tier(tier), caller.userId().toString());
        cache.reloadQuietly();
        return ResponseEntity.noContent().build();
    }

    /** 422 naming the field: {@code {"detail": …, "field": "successor", "errors": ["successor: …"]}}. */
    @ExceptionHandler(SuccessionRejectedException.class)
    ResponseEntity<ProblemDetail> rejected(SuccessionRejectedException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.UNPROCESSABLE_CONTENT, e.getMessage());
        problem.setProperty("field", e.field());
        problem.setProperty("errors", List.of(e.getMessage()));
        return ResponseEntity.status(HttpStatus.UNPROCESSABLE_CONTENT)
                .contentType(org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON)
                .body(problem);
    }

    private String knownModel(String author, String slug) {
        String id = id(author, slug);
        if (catalog.findModel(id).isEmpty()) {
            throw new ModelNotFoundException(id);
        }
        return id;
    }

    /** The id in the path: a safe {@code author/slug}, else 400 (see {@link InvalidModelIdException}). */
    private static String id(String author, String slug) {
        return InvalidModelIdException.requireSafe(author + "/" + slug, "id");
    }

    private static Tier tier(String value) {
        return Tier.parse(value)
                .orElseThrow(() -> new SuccessionRejectedException("tier", "must be free, pro or enterprise"));
    }

    /** {@code PUT …/successor}. */
    record SuccessorRequest(@Nullable String successor) {}

    /** {@code PUT …/default-model}. */
    record TierDefaultRequest(@Nullable String model) {}

    /** A model's successor; every field but {@code model} is null when it has none. */
    record SuccessorView(
            String model,
            @Nullable String successor,
            @Nullable String namedBy,
            @Nullable Instant namedAt,
            @Nullable Instant carriedOverAt) {
        static SuccessorView of(Successor successor) {
            return new SuccessorView(
                    successor.modelId(),
                    successor.successorId(),
                    successor.namedBy(),
                    successor.namedAt(),
                    successor.carriedOverAt());
        }
    }

    /** What a carry-over moved: {@code {"successor": …, "moved": {"users": 3, "resources": 1}}}. */
    record CarryOverView(String successor, Map<String, Long> moved) {
        static CarryOverView of(CarryOver carryOver) {
            return new CarryOverView(carryOver.successorId(), carryOver.moved());
        }
    }

    /** The successor as named now, and the carry-over that ran at once, if the model is retired already. */
    record SuccessorChange(
            SuccessorView successor, @Nullable CarryOverView carriedOver) {}

    /** A tier's default model; null fields when it has none. */
    record TierDefaultView(
            String tier,
            @Nullable String model,
            @Nullable String setBy,
            @Nullable Instant setAt) {
        static TierDefaultView of(TierDefault tierDefault) {
            return new TierDefaultView(
                    tierDefault.tier().dbValue(), tierDefault.modelId(), tierDefault.setBy(), tierDefault.setAt());
        }
    }

    /** Every successor and every tier default. */
    record SuccessionView(List<SuccessorView> successors, List<TierDefaultView> tierDefaults) {}
}
