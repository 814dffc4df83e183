package dev.modelaccess.core.port;

import dev.modelaccess.core.sync.UpstreamSnapshot;

/** Where the upstream catalog comes from (OpenRouter's {@code GET /models}). */
public interface ModelCatalogSource {

    /**
     * Fetches the whole upstream catalog, every page of it.
     *
     * @throws dev.modelaccess.core.MalformedUpstreamResponseException when the answer as a whole cannot be trusted
     * @throws dev.modelaccess.core.UpstreamException when upstream failed
     */
    UpstreamSnapshot fetchCatalog();
}
