package dev.modelaccess.core.port;

import dev.modelaccess.core.catalog.CatalogModel;
import dev.modelaccess.core.catalog.ModelStatus;
import dev.modelaccess.core.sync.ModelEvent;
import dev.modelaccess.core.sync.SyncRun;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reading the catalog, its history and the sync runs: what the access rules, the dropdown and the admin console need.
 * Reads happen outside any write transaction; writes go through {@link CatalogWriter}.
 */
public interface CatalogReader {

    /** Every catalog row, in any status. */
    List<CatalogModel> loadCatalog();

    Optional<CatalogModel> findModel(String modelId);

    CatalogPage searchModels(CatalogQuery query);

    /**
     * A page of the admin console's list: filtered, ordered and paged as {@link CatalogFilter#matches} and {@link
     * CatalogFilter#comparator} say. This default reads the whole catalog; a database store answers it with one
     * query.
     */
    default CatalogPage searchModels(CatalogFilter filter) {
        List<CatalogModel> matches = loadCatalog().stream()
                .filter(filter::matches)
                .sorted(filter.comparator())
                .toList();
        List<CatalogModel> page =
                matches.stream().skip(filter.offset()).limit(filter.limit()).toList();
        return new CatalogPage(page, matches.size());
    }

    /**
     * How many models pass the filter's conditions (its order and paging aside): what a review of "every model
     * matching this filter" would change. This default reads the whole catalog.
     */
    default long countModels(CatalogFilter filter) {
        return loadCatalog().stream().filter(filter::matches).count();
    }

    /**
     * A page of the admin console's list and the catalog's counts by status, as {@link #searchModels(CatalogFilter)}
     * and {@link #countByStatus()} answer them; a database store reads both with fewer statements (the total of a
     * status-only filter is one of the counts).
     */
    default CatalogListing listModels(CatalogFilter filter) {
        return new CatalogListing(searchModels(filter), countByStatus());
    }

    /** How many catalog models are in each status (every status present, 0 when none). */
    default Map<ModelStatus, Long> countByStatus() {
        Map<ModelStatus, Long> counts = new EnumMap<>(ModelStatus.class);
        for (ModelStatus status : ModelStatus.values()) {
            counts.put(status, 0L);
        }
        loadCatalog().forEach(model -> counts.merge(model.status(), 1L, Long::sum));
        return counts;
    }

    /**
     * The models whose upstream {@code expiration_date} (an ISO date, {@code 2026-03-31}) is on or before {@code
     * until}, soonest first; past dates included. Models whose date is missing or not an ISO date are left out.
     * This default reads the whole catalog; a database store reads only the rows that have a date.
     */
    default List<ExpiringModel> expiringModels(LocalDate until) {
        return expiringAmong(loadCatalog(), until);
    }

    /** The {@link #expiringModels} rule over some models, for stores that pre-select the rows with a date. */
    static List<ExpiringModel> expiringAmong(List<CatalogModel> models, LocalDate until) {
        List<ExpiringModel> expiring = new ArrayList<>();
        for (CatalogModel model : models) {
            String date = model.upstream().expirationDate();
            if (date == null || date.isBlank()) {
                continue;
            }
            try {
                LocalDate on = LocalDate.parse(date.strip());
                if (!on.isAfter(until)) {
                    expiring.add(new ExpiringModel(model, on));
                }
            } catch (DateTimeParseException e) {
                // Not an ISO date: nothing to warn about with confidence.
            }
        }
        expiring.sort(Comparator.comparing(ExpiringModel::expiresOn)
                .thenComparing(expiringModel -> expiringModel.model().modelId()));
        return List.copyOf(expiring);
    }

    /** The history of one model, newest first. */
    List<ModelEvent> eventsOf(String modelId, int limit);

    /** The most recent runs, newest first. */
    List<SyncRun> recentRuns(int limit);
}
