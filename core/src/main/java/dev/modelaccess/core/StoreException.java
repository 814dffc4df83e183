package dev.modelaccess.core;

import org.jspecify.annotations.Nullable;

/**
 * The catalog store (the database) failed: unreachable, a constraint violated, a migration refused, a statement
 * that did not touch the rows it had to. Adapters translate their database library's exceptions (jOOQ's {@code
 * DataAccessException}, {@code SQLException}, Flyway's) into this at their boundary.
 */
public final class StoreException extends ModelAccessException {

    private final @Nullable String sqlState;

    private StoreException(String message, @Nullable String sqlState, @Nullable Throwable cause) {
        super(message);
        this.sqlState = sqlState;
        if (cause != null) {
            initCause(cause);
        }
    }

    /** The store failed doing {@code what}, with the database's SQLSTATE when it answered with one. */
    public static StoreException of(String what, @Nullable String sqlState, @Nullable Throwable cause) {
        return new StoreException(what, sqlState, cause);
    }

    /** The store found something wrong on its own (no database error to carry). */
    public static StoreException of(String message) {
        return new StoreException(message, null, null);
    }

    /** The SQLSTATE the database answered with (e.g. {@code 23505} for a unique violation), when there was one. */
    public @Nullable String sqlState() {
        return sqlState;
    }
}
