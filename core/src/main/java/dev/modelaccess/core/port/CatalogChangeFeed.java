package dev.modelaccess.core.port;

/**
 * Tells an instance that the catalog's access rules may have changed anywhere (the sync, the admin API, plain
 * SQL), so cached rules can be reloaded. PostgreSQL: a trigger on {@code model_access} issues {@code pg_notify},
 * and each instance LISTENs on a dedicated connection; where LISTEN cannot work (a transaction-mode pooler), a
 * catalog version bumped in every changing transaction is read every couple of seconds instead.
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

    /** How changes reach this instance. */
    enum Path {
        /** Not decided yet (connecting, or testing whether notifications arrive). */
        STARTING,
        /** Notifications (LISTEN/NOTIFY), within a second of the commit; polling may run beside it as a safety net. */
        LISTEN,
        /** Notifications cannot arrive here (or are switched off): a cheap version check every couple of seconds. */
        POLL,
        /** Neither: only whatever periodic reload the application runs. */
        NONE
    }

    /** An active subscription. Closing it twice is harmless. */
    interface Subscription extends AutoCloseable {
        @Override
        void close();

        /** The path changes currently take to this instance. */
        default Path path() {
            return Path.LISTEN;
        }
    }
}
