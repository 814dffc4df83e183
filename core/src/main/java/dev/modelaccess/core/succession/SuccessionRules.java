package dev.modelaccess.core.succession;

import java.time.Instant;

/** Where the dropdown gets successors and tier defaults from; {@link SuccessionCache} keeps them in memory. */
@FunctionalInterface
public interface SuccessionRules {

    /** The current successors and tier defaults; must answer from memory on the request path. */
    SuccessionSnapshot current();

    /** No successors and no tier defaults, for hosts that do not keep them. */
    static SuccessionRules none() {
        SuccessionSnapshot empty = SuccessionSnapshot.empty(Instant.EPOCH);
        return () -> empty;
    }
}
