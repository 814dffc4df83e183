package dev.modelaccess.web.console;

import dev.modelaccess.core.ModelAccessException;
import dev.modelaccess.core.ModelNotFoundException;
import dev.modelaccess.core.access.ModelAccessService;
import dev.modelaccess.core.access.TierMenu;
import dev.modelaccess.core.catalog.CatalogModel;
import dev.modelaccess.core.catalog.ModelIds;
import dev.modelaccess.core.catalog.ModelStatus;
import dev.modelaccess.core.catalog.Tier;
import dev.modelaccess.core.port.CatalogFilter;
import dev.modelaccess.core.port.CatalogListing;
import dev.modelaccess.core.port.CatalogPage;
import dev.modelaccess.core.port.CatalogQuery;
import dev.modelaccess.core.port.CatalogSort;
import dev.modelaccess.core.port.ExpiringModel;
import dev.modelaccess.core.port.ModelAccessStore;
import dev.modelaccess.core.port.UserProfiles;
import dev.modelaccess.web.ModelAccessApi;
import dev.modelaccess.web.PageLimit;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

/**
 * The admin endpoints the console needs beyond the API's review routes, under the API's base path:
 *
 * <ul>
 *   <li>{@code GET {base}/admin/console/models} — the list filtered (status, provider, modality, text), sorted and
 *       paged on the server, with the count of every status;
 *   <li>{@code GET {base}/admin/console/expiring?days=14} — models whose upstream {@code expiration_date} is within
 *       the window or past, with how many users have each as their default model;
 *   <li>{@code GET {base}/admin/console/models/{author}/{slug}} — one model with every upstream field the console
 *       shows (all price components, architecture, supported parameters) and its recent events;
 *   <li>{@code GET {base}/admin/tiers/{tier}/models} — exactly the dropdown a user of that tier gets now, from the
 *       server's rule ({@link ModelAccessService#menuFor(Tier)}).
 * </ul>
 *
 * Like every admin route of the module, these need an admin caller ({@link ModelAccessApi}, enforced by the
 * module whatever the host's filter chain permits). Errors are answered as {@code
 * application/problem+json} by this controller's own handlers.
 */
@RestController
@ModelAccessApi(admin = true)
public final class ConsoleAdminController {

    private static final Logger log = LoggerFactory.getLogger(ConsoleAdminController.class);
    static final int MAX_EXPIRING_DAYS = 3650;
    static final int DETAIL_EVENTS = 50;

    private final ModelAccessStore store;
    private final ModelAccessService access;
    private final UserProfiles profiles;
    private final Clock clock;

    ConsoleAdminController(ModelAccessStore store, ModelAccessService access, UserProfiles profiles, Clock clock) {
        this.store = store;
        this.access = access;
        this.profiles = profiles;
        this.clock = clock;
    }

    @GetMapping("${modelaccess.web.base-path:/api}/admin/console/models")
    ConsoleViews.ModelPage list(
            @RequestParam(required = false) @Nullable String status,
            @RequestParam(required = false) @Nullable String provider,
            @RequestParam(required = false) @Nullable String modality,
            @RequestParam(required = false) @Nullable String q,
            @RequestParam(defaultValue = "first_seen_desc") String sort,
            @RequestParam(defaultValue = "50") int limit,
            @RequestParam(defaultValue = "0") long offset) {
        if (limit < 1 || limit > PageLimit.MAX) {
            throw new InvalidConsoleRequest("limit must be between 1 and " + PageLimit.MAX + ", was " + limit);
        }
        if (offset < 0) {
            throw new InvalidConsoleRequest("offset must not be negative");
        }
        requireSearchText(q);
        CatalogSort order = CatalogSort.parse(sort)
                .orElseThrow(() -> new InvalidConsoleRequest("sort must be one of model_id, first_seen_desc, "
                        + "first_seen_asc, price_asc, price_desc, context_desc, context_asc"));
        CatalogListing listing =
                store.listModels(new CatalogFilter(status(status), provider, modality, q, order, limit, offset));
        Map<String, Long> counts = new LinkedHashMap<>();
        listing.countsByStatus().forEach((state, count) -> counts.put(state.dbValue(), count));
        CatalogPage page = listing.page();
        return new ConsoleViews.ModelPage(
                page.models().stream().map(ConsoleViews.ModelRow::of).toList(), page.total(), counts);
    }

    @GetMapping("${modelaccess.web.base-path:/api}/admin/console/expiring")
    ConsoleViews.ExpiringList expiring(@RequestParam(defaultValue = "14") int days) {
        if (days < 0 || days > MAX_EXPIRING_DAYS) {
            throw new InvalidConsoleRequest("days must be between 0 and " + MAX_EXPIRING_DAYS);
        }
        LocalDate today = LocalDate.now(clock.withZone(ZoneOffset.UTC));
        List<ExpiringModel> expiring = store.expiringModels(today.plusDays(days));
        Map<String, Long> users = expiring.isEmpty()
                ? Map.of()
                : profiles.countDefaultUsers(
                        expiring.stream().map(model -> model.model().modelId()).toList());
        return new ConsoleViews.ExpiringList(
                today,
                days,
                expiring.stream()
                        .map(model -> ConsoleViews.ExpiringView.of(
                                model, today, users.get(model.model().modelId())))
                        .toList());
    }

    @GetMapping("${modelaccess.web.base-path:/api}/admin/console/models/{author}/{slug}")
    ConsoleViews.ModelDetail detail(@PathVariable String author, @PathVariable String slug) {
        String id = author + "/" + slug;
        ModelIds.problem(id).ifPresent(problem -> {
            throw new InvalidConsoleRequest("id is not a valid model id (author/slug): it " + problem);
        });
        CatalogModel model = store.findModel(id).orElseThrow(() -> new ModelNotFoundException(id));
        Long defaultUsers = profiles.countDefaultUsers(List.of(id)).get(id);
        return ConsoleViews.ModelDetail.of(model, store.eventsOf(id, DETAIL_EVENTS), defaultUsers);
    }

    @GetMapping("${modelaccess.web.base-path:/api}/admin/tiers/{tier}/models")
    ConsoleViews.TierPreview tierPreview(@PathVariable String tier) {
        Tier parsed =
                Tier.parse(tier).orElseThrow(() -> new InvalidConsoleRequest("tier must be free, pro or enterprise"));
        TierMenu menu = access.menuFor(parsed);
        return ConsoleViews.TierPreview.of(menu);
    }

    static void requireSearchText(@Nullable String q) {
        if (q != null && q.length() > CatalogQuery.MAX_TEXT_LENGTH) {
            throw new InvalidConsoleRequest("q must be at most " + CatalogQuery.MAX_TEXT_LENGTH + " characters");
        }
    }

    private static @Nullable ModelStatus status(@Nullable String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return ModelStatus.fromDbValue(value);
        } catch (IllegalArgumentException e) {
            throw new InvalidConsoleRequest("status must be new, active, inactive or disabled");
        }
    }

    @ExceptionHandler(InvalidConsoleRequest.class)
    ResponseEntity<ProblemDetail> invalid(InvalidConsoleRequest e) {
        return problem(HttpStatus.BAD_REQUEST, e.getMessage());
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<ProblemDetail> mismatch(MethodArgumentTypeMismatchException e) {
        return problem(HttpStatus.BAD_REQUEST, e.getName() + " is not a valid value");
    }

    @ExceptionHandler(ModelNotFoundException.class)
    ResponseEntity<ProblemDetail> notFound(ModelNotFoundException e) {
        return problem(HttpStatus.NOT_FOUND, "No model with this id in the catalog");
    }

    @ExceptionHandler(ModelAccessException.class)
    ResponseEntity<ProblemDetail> unavailable(ModelAccessException e) {
        log.warn("Admin console request failed: {}", e.getMessage());
        return problem(HttpStatus.SERVICE_UNAVAILABLE, "The catalog store is not available right now; try again");
    }

    private static ResponseEntity<ProblemDetail> problem(HttpStatus status, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        return ResponseEntity.status(status)
                .contentType(org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON)
                .body(problem);
    }

    /** A request the console's endpoints refuse with 400. */
    static final class InvalidConsoleRequest extends RuntimeException {
        InvalidConsoleRequest(String message) {
            super(message);
        }
    }
}
