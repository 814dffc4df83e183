package dev.modelaccess.jooq;

import dev.modelaccess.core.StoreException;
import java.sql.SQLException;
import org.jspecify.annotations.Nullable;

/** Turns database exceptions into {@link StoreException} at the adapter's boundary. */
final class StoreErrors {

    private StoreErrors() {}

    static StoreException translate(String what, Throwable failure) {
        SQLException sql = sqlCause(failure);
        String detail = sql != null ? sql.getMessage() : failure.getMessage();
        return new StoreException(
                what + (detail == null ? "" : ": " + detail), sql == null ? null : sql.getSQLState(), failure);
    }

    static @Nullable SQLException sqlCause(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql) {
                return sql;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return null;
    }
}
