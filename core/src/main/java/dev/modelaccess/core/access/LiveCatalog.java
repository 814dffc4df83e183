package dev.modelaccess.core.access;

import java.util.Optional;

/**
 * The live upstream model list, as an instance currently knows it. Implementations cache it (the starter keeps it
 * in Caffeine with a TTL, one refresh at a time, and keeps the last good list when upstream fails) and must
 * answer from memory: a caller on a request path must never wait for upstream.
 */
@FunctionalInterface
public interface LiveCatalog {

    /** The last good list, or empty before the first successful fetch (callers then use the stored catalog). */
    Optional<LiveModels> current();

    /** A live catalog that never has a list: the dropdown is served from the stored catalog only. */
    static LiveCatalog none() {
        return Optional::empty;
    }
}
