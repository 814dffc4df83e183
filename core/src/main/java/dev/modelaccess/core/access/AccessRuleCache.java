package dev.modelaccess.core.access;

import dev.modelaccess.core.port.CatalogReader;
import java.time.Clock;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the catalog's access rules in memory so that the dropdown and the call-time check never query the database.
 *
 * <p>Freshness is the caller's job: call {@link #reload()} on every change signal of a {@link
 * dev.modelaccess.core.port.CatalogChangeFeed} (which also signals after each (re)connect) and periodically as a
 * safety net. Reloads are always full and coalesce: a burst of signals while a load runs costs one more load,
 * not one per signal, and every reload requested before a load starts is answered by that load.
 */
public final class AccessRuleCache implements AccessRules {

    private static final Logger LOG = LoggerFactory.getLogger(AccessRuleCache.class);

    private final CatalogReader store;
    private final Clock clock;
    /** A lock rather than a monitor: a virtual thread waiting on the store must not pin its carrier (JDK 21). */
    private final ReentrantLock loadLock = new ReentrantLock();

    private final AtomicLong requested = new AtomicLong();
    private long answered;
    private volatile @Nullable RulesSnapshot snapshot;

    public AccessRuleCache(CatalogReader store, Clock clock) {
        this.store = Objects.requireNonNull(store, "store");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** The rules as last loaded; loads them first if they never were. */
    @Override
    public RulesSnapshot current() {
        RulesSnapshot current = snapshot;
        return current != null ? current : reload();
    }

    /** The rules as last loaded, without loading: empty before the first load. */
    public java.util.Optional<RulesSnapshot> loaded() {
        return java.util.Optional.ofNullable(snapshot);
    }

    /**
     * Loads every rule from the store now, unless a load that started after this call was made has already done
     * so.
     *
     * @throws dev.modelaccess.core.ModelAccessException when the store fails; the previous rules stay in use
     */
    public RulesSnapshot reload() {
        long ticket = requested.incrementAndGet();
        loadLock.lock();
        try {
            RulesSnapshot current = snapshot;
            if (current != null && answered >= ticket) {
                return current;
            }
            long covers = requested.get();
            RulesSnapshot loaded = RulesSnapshot.of(store.loadCatalog(), clock.instant());
            snapshot = loaded;
            answered = covers;
            return loaded;
        } finally {
            loadLock.unlock();
        }
    }

    /** {@link #reload()} for change listeners and timers: a failure is logged, the previous rules stay in use. */
    public void reloadQuietly() {
        try {
            reload();
        } catch (RuntimeException e) {
            LOG.warn("Could not reload the model access rules; keeping the previous ones", e);
        }
    }
}
