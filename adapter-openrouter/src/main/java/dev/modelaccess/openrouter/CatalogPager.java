package dev.modelaccess.openrouter;

import dev.modelaccess.core.IncompletePaginationException;
import dev.modelaccess.core.MalformedUpstreamResponseException;
import dev.modelaccess.core.catalog.UpstreamModel;
import dev.modelaccess.core.sync.InvalidEntry;
import dev.modelaccess.core.sync.UpstreamSnapshot;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the whole model list: the first page, then every page {@code links.next} leads to on the same host, and
 * checks that the pages add up ({@code total_count} the same on every page and equal to the entries received).
 */
final class CatalogPager {

    /** Pages followed at most through {@code links.next} (OpenRouter allows up to 1000 models per page). */
    static final int MAX_PAGES = 1000;

    private static final int MAX_LOGGED_INVALID_ENTRIES = 20;

    private static final Logger log = LoggerFactory.getLogger(OpenRouterClient.class);

    private final OpenRouterApi api;
    private final URI baseUri;
    private final String outputModalities;

    private final List<UpstreamModel> models = new ArrayList<>();
    private final List<InvalidEntry> invalid = new ArrayList<>();

    private CatalogPager(OpenRouterApi api, URI baseUri, String outputModalities) {
        this.api = api;
        this.baseUri = baseUri;
        this.outputModalities = outputModalities;
    }

    /** Fetches every page; see {@link OpenRouterClient#fetchCatalog()}. */
    static UpstreamSnapshot fetch(OpenRouterApi api, URI baseUri, String outputModalities) {
        return new CatalogPager(api, baseUri, outputModalities).fetchAll();
    }

    private UpstreamSnapshot fetchAll() {
        long started = System.nanoTime();
        URI current = URI.create(
                baseUri + "/models?output_modalities=" + URLEncoder.encode(outputModalities, StandardCharsets.UTF_8));
        Set<URI> visited = new HashSet<>();
        visited.add(current);
        ModelsPage page = UpstreamCalls.call(() -> api.firstModelsPage(outputModalities));
        Long expectedTotal = page.totalCount();
        int pages = 1;
        while (true) {
            models.addAll(page.models());
            invalid.addAll(page.invalidEntries());
            if (page.next() == null) {
                break;
            }
            if (pages >= MAX_PAGES) {
                throw incomplete("links.next still pointed further after " + MAX_PAGES + " pages");
            }
            URI next = resolveNext(current, page.next());
            if (!visited.add(next)) {
                throw incomplete("links.next leads back to a page already read (" + next + ")");
            }
            page = nextPage(next, ++pages);
            if (page.totalCount() != null) {
                if (expectedTotal == null) {
                    expectedTotal = page.totalCount();
                } else if (!expectedTotal.equals(page.totalCount())) {
                    throw incomplete("total_count changed between pages (" + expectedTotal + ", then "
                            + page.totalCount() + ")");
                }
            }
            current = next;
        }
        int received = models.size() + invalid.size();
        if (expectedTotal != null && expectedTotal != received) {
            throw incomplete("total_count says " + expectedTotal + " models but " + received + " entries arrived");
        }
        log.info(
                "Fetched OpenRouter's model list: {} models, {} unreadable entries, {} page(s), {} ms",
                models.size(),
                invalid.size(),
                pages,
                Duration.ofNanos(System.nanoTime() - started).toMillis());
        invalid.stream()
                .limit(MAX_LOGGED_INVALID_ENTRIES)
                .forEach(entry -> log.warn("Skipped an unreadable model entry: {}", entry.reason()));
        return new UpstreamSnapshot(models, invalid);
    }

    /** A page after the first: one that cannot be read makes the whole list incomplete. */
    private ModelsPage nextPage(URI next, int pageNumber) {
        try {
            return UpstreamCalls.call(() -> api.modelsPage(next));
        } catch (IncompletePaginationException e) {
            throw e;
        } catch (MalformedUpstreamResponseException e) {
            throw IncompletePaginationException.pageUnusable(
                    "Page " + pageNumber + " of OpenRouter's model list is unusable: " + e.getMessage(), e);
        }
    }

    private URI resolveNext(URI current, String link) {
        URI next;
        try {
            next = current.resolve(new URI(link));
        } catch (URISyntaxException | IllegalArgumentException e) {
            throw incomplete("links.next is not a URL: " + JsonFields.abbreviate(link, 200));
        }
        if (!Objects.equals(next.getScheme(), baseUri.getScheme())
                || !Objects.equals(next.getHost(), baseUri.getHost())
                || next.getPort() != baseUri.getPort()
                || next.getRawUserInfo() != null) {
            throw incomplete("links.next leads away from " + baseUri.getScheme() + "://" + baseUri.getAuthority()
                    + "; refusing to follow it");
        }
        return next;
    }

    private IncompletePaginationException incomplete(String why) {
        return IncompletePaginationException.because("OpenRouter's model list is incomplete: " + why + " ("
                + (models.size() + invalid.size()) + " entries read so far)");
    }
}
