package dev.modelaccess.jooq;

import java.util.Optional;
import java.util.function.Supplier;
import org.jooq.DSLContext;
import org.jspecify.annotations.Nullable;

/**
 * The {@code DSLContext} of the succession transaction running on this thread, if any: the adapter's own {@link
 * dev.modelaccess.core.port.ModelReferences} write through it, so that a carry-over is one transaction even on a
 * plain data source (with Spring-managed transactions every {@code DSLContext} of the application joins anyway).
 */
final class TransactionScope {

    private static final ThreadLocal<@Nullable DSLContext> CURRENT = new ThreadLocal<>();

    private TransactionScope() {}

    static <T> T within(DSLContext tx, Supplier<T> work) {
        DSLContext outer = CURRENT.get();
        CURRENT.set(tx);
        try {
            return work.get();
        } finally {
            if (outer == null) {
                CURRENT.remove();
            } else {
                CURRENT.set(outer);
            }
        }
    }

    /** The transaction's {@code DSLContext} on this thread, else {@code fallback}. */
    static DSLContext or(DSLContext fallback) {
        return Optional.ofNullable(CURRENT.get()).orElse(fallback);
    }
}
