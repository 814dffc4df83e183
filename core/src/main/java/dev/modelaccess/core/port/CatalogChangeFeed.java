package dev.modelaccess.core.port;

/**
 * Tells an instance that the catalog's access rules may have changed anywhere (the sync, the admin API, plain
 * SQL), so cached rules can be reloaded. PostgreSQL: a trigger on {@code model_access} issues {@code pg_notify},
 * and each instance LISTENs on a dedicated connection.
 */
public interface CatalogChangeFeed {

    /**
     * Starts delivering change signals to {@code onChange}: once per batch of notifications that arrive together
     * (a signal means "reload", so several changes may share one), and once after every (re)connect, since
     * notifications sent while disconnected are lost and the listener must reload fully. Signals arrive on the
     * feed's own thread, one at a time.
     * Delivery is best effort; a periodic reload remains the safety net.
     *
     * @return a handle that stops delivery and releases the connection
     */
    Subscription subscribe(Runnable onChange);

    /** An active subscription. Closing it twice is harmless. */
    interface Subscription extends AutoCloseable {
        @Override
        void close();
    }
}
