package dev.modelaccess.core.succession;

import dev.modelaccess.core.port.SuccessionStore;
import java.time.Clock;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the successors and tier defaults in memory so that the dropdown never queries the database for them.
 *
 * <p>Freshness is the caller's job: call {@link #reload()} on every change signal of a {@link
 * dev.modelaccess.core.port.CatalogChangeFeed} (which also signals after each (re)connect) and periodically as a
 * safety net. Reloads are always full and coalesce: a burst of signals while a load runs costs one more load,
 * not one per signal, and every reload requested before a load starts is answered by that load.
 */
public final class SuccessionCache implements SuccessionRules {

    private static final Logger LOG = LoggerFactory.getLogger(SuccessionCache.class);

    private final SuccessionStore store;
    private final Clock clock;
    /** A lock rather than a monitor: a virtual thread waiting on the store must not pin its carrier (JDK 21). */
    private final ReentrantLock loadLock = new ReentrantLock();

    private final AtomicLong requested = new AtomicLong();
    private long answered;
    private volatile @Nullable SuccessionSnapshot snapshot;

    public SuccessionCache(SuccessionStore store, Clock clock) {
        this.store = Objects.requireNonNull(store, "store");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** The successors and tier defaults as last loaded; loads them first if they never were. */
    @Override
    public SuccessionSnapshot current() {
        SuccessionSnapshot current = snapshot;
        return current != null ? current : reload();
    }

    /** The successors and tier defaults as last loaded, without loading: empty before the first load. */
    public java.util.Optional<SuccessionSnapshot> loaded() {
        return java.util.Optional.ofNullable(snapshot);
    }

    /**
     * Loads every successor and tier default from the store now, unless a load that started after this call was made has already done
     * so.
     *
     * @throws dev.modelaccess.core.ModelAccessException when the store fails; the previous successors and tier defaults stay in use
     */
    public SuccessionSnapshot reload() {
        long ticket = requested.incrementAndGet();
        loadLock.lock();
        try {
            SuccessionSnapshot current = snapshot;
            if (current != null && answered >= ticket) {
                return current;
            }
            long covers = requested.get();
            SuccessionSnapshot stored = store.loadSuccession();
            SuccessionSnapshot loaded =
                    SuccessionSnapshot.of(stored.successors(), stored.tierDefaults(), clock.instant());
            snapshot = loaded;
            answered = covers;
            return loaded;
        } finally {
            loadLock.unlock();
        }
    }

    /** {@link #reload()} for change listeners and timers: a failure is logged, the previous successors and tier defaults stay in use. */
    public void reloadQuietly() {
        try {
            reload();
        } catch (RuntimeException e) {
            LOG.warn("Could not reload the successors and tier defaults; keeping the previous ones", e);
        }
    }
}
