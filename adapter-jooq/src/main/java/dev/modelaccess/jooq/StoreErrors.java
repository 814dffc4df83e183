package dev.modelaccess.jooq;

import dev.modelaccess.core.ModelAccessException;
import dev.modelaccess.core.StoreException;
import java.sql.SQLException;
import java.util.function.Function;
import java.util.function.Supplier;
import org.jooq.DSLContext;
import org.jspecify.annotations.Nullable;

/**
 * Turns database exceptions into {@link StoreException} at the adapter's boundary.
 *
 * <p>A database failure does not always arrive as jOOQ's {@code DataAccessException}: with a host's {@code
 * DSLContext} (Spring Boot's jOOQ auto-configuration), an execute listener translates it into Spring's {@code
 * org.springframework.dao.DataAccessException}, and a Spring-managed transaction that cannot start throws Spring's
 * {@code TransactionException}. Both are recognised by name, so this adapter needs no Spring on its class path; any
 * other exception with an {@link SQLException} in its cause chain counts as well.
 */
public final class StoreErrors {

    private static final String[] FOREIGN_DATABASE_EXCEPTIONS = {
        "org.springframework.dao.DataAccessException", "org.springframework.transaction.TransactionException"
    };

    private StoreErrors() {}

    /** {@code failure} as a {@link StoreException} whose message starts with {@code what}. */
    public static StoreException translate(String what, Throwable failure) {
        SQLException sql = sqlCause(failure);
        String detail = sql != null ? sql.getMessage() : failure.getMessage();
        return StoreException.of(
                what + (detail == null ? "" : ": " + detail), sql == null ? null : sql.getSQLState(), failure);
    }

    /**
     * Whether {@code failure} came from the database or the way to it: jOOQ's {@code DataAccessException}, Spring's
     * {@code DataAccessException} or {@code TransactionException}, or anything caused by an {@link SQLException}.
     */
    public static boolean isDatabaseFailure(Throwable failure) {
        if (failure instanceof org.jooq.exception.DataAccessException || sqlCause(failure) != null) {
            return true;
        }
        for (Class<?> type = failure.getClass(); type != null; type = type.getSuperclass()) {
            for (String name : FOREIGN_DATABASE_EXCEPTIONS) {
                if (type.getName().equals(name)) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * {@code work}'s result; a database failure comes out as a {@link StoreException} whose message starts with {@code
     * what}, anything else as it is.
     */
    static <T> T guard(String what, Supplier<T> work) {
        try {
            return work.get();
        } catch (ModelAccessException e) {
            throw e;
        } catch (RuntimeException e) {
            throw isDatabaseFailure(e) ? translate(what, e) : e;
        }
    }

    /**
     * {@code work} in one jOOQ transaction ({@code transactionResult}) on the transaction's own {@code DSLContext}: an
     * exception thrown by {@code work} rolls it back; a {@link ModelAccessException} comes out as it is, a database
     * failure as a {@link StoreException} ("The {@code what} transaction failed"), anything else wrapped in a {@link
     * ModelAccessException} saying the transaction was rolled back.
     */
    static <T> T inTransaction(DSLContext dsl, String what, Function<DSLContext, T> work) {
        try {
            return dsl.transactionResult(configuration -> work.apply(configuration.dsl()));
        } catch (ModelAccessException e) {
            throw e;
        } catch (RuntimeException e) {
            if (isDatabaseFailure(e)) {
                throw translate("The " + what + " transaction failed", e);
            }
            throw new ModelAccessException("The " + what + " transaction was rolled back: " + e.getMessage(), e);
        }
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
