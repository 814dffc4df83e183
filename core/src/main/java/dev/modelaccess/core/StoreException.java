package dev.modelaccess.core;

import org.jspecify.annotations.Nullable;

/**
 * The catalog store (the database) failed: unreachable, a constraint violated, a migration refused, a statement
 * that did not touch the rows it had to. Adapters translate their database library's exceptions (jOOQ's {@code
 * DataAccessException}, {@code SQLException}, Flyway's) into this at their boundary.
 */
public class StoreException extends ModelAccessException {

    private final @Nullable String sqlState;

    public StoreException(String message, @Nullable String sqlState, @Nullable Throwable cause) {
        super(message);
        this.sqlState = sqlState;
        if (cause != null) {
            initCause(cause);
        }
    }

    public StoreException(String message) {
        this(message, null, null);
    }

    /** The SQLSTATE the database answered with (e.g. {@code 23505} for a unique violation), when there was one. */
    public @Nullable String sqlState() {
        return sqlState;
    }
}
