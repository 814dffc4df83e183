package dev.modelaccess.core.internal;

import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A value loaded in full from a store and kept in memory, reloaded on demand. Reloads coalesce: a burst of requests
 * while a load runs costs one more load, not one per request, and every reload requested before a load starts is
 * answered by that load. Core's caches (access rules, catalog rules, successions) are each one of these.
 *
 * @param <T> the immutable value loaded
 */
public final class CoalescingLoader<T> {

    private static final Logger LOG = LoggerFactory.getLogger(CoalescingLoader.class);

    private final Supplier<T> load;
    private final String what;
    /** A lock rather than a monitor: a virtual thread waiting on the store must not pin its carrier (JDK 21). */
    private final ReentrantLock loadLock = new ReentrantLock();

    private final AtomicLong requested = new AtomicLong();
    private long answered;
    private volatile @Nullable T value;

    /**
     * @param load reads the whole value from the store; may throw, and then the previous value stays in use
     * @param what what is loaded, for the log line of a failed quiet reload (e.g. "the catalog rules")
     */
    public CoalescingLoader(Supplier<T> load, String what) {
        this.load = Objects.requireNonNull(load, "load");
        this.what = Objects.requireNonNull(what, "what");
    }

    /** The value as last loaded; loads it first if it never was. */
    public T current() {
        T current = value;
        return current != null ? current : reload();
    }

    /** The value as last loaded, without loading: empty before the first load. */
    public Optional<T> loaded() {
        return Optional.ofNullable(value);
    }

    /**
     * Loads the value now, unless a load that started after this call was made has already done so.
     *
     * @throws RuntimeException what the load threw; the previous value stays in use
     */
    public T reload() {
        long ticket = requested.incrementAndGet();
        loadLock.lock();
        try {
            T current = value;
            if (current != null && answered >= ticket) {
                return current;
            }
            long covers = requested.get();
            T loaded = Objects.requireNonNull(load.get(), "loaded value");
            value = loaded;
            answered = covers;
            return loaded;
        } finally {
            loadLock.unlock();
        }
    }

    /** {@link #reload()} for change listeners and timers: a failure is logged, the previous value stays in use. */
    public void reloadQuietly() {
        try {
            reload();
        } catch (RuntimeException e) {
            LOG.warn("Could not reload {}; keeping the previous ones", what, e);
        }
    }
}
