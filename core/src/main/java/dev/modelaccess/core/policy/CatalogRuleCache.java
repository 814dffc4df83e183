package dev.modelaccess.core.policy;

import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the catalog rules in memory, the way {@link dev.modelaccess.core.access.AccessRuleCache} keeps the access
 * rules: call {@link #reload()} on every signal of the {@link dev.modelaccess.core.port.CatalogChangeFeed} (a rule
 * change notifies it, so a change saved on one instance governs the next sync on every instance) and periodically as
 * a safety net. Reloads are full and coalesce.
 */
public final class CatalogRuleCache implements Supplier<RuleSet> {

    private static final Logger LOG = LoggerFactory.getLogger(CatalogRuleCache.class);

    private final CatalogRules store;
    private final ReentrantLock loadLock = new ReentrantLock();
    private final AtomicLong requested = new AtomicLong();
    private long answered;
    private volatile @Nullable RuleSet rules;

    public CatalogRuleCache(CatalogRules store) {
        this.store = Objects.requireNonNull(store, "store");
    }

    /** The rules as last loaded; loads them first if they never were. */
    @Override
    public RuleSet get() {
        RuleSet current = rules;
        return current != null ? current : reload();
    }

    /**
     * Loads the rules now, unless a load that started after this call has already done so.
     *
     * @throws dev.modelaccess.core.ModelAccessException when the store fails; the previous rules stay in use
     */
    public RuleSet reload() {
        long ticket = requested.incrementAndGet();
        loadLock.lock();
        try {
            RuleSet current = rules;
            if (current != null && answered >= ticket) {
                return current;
            }
            long covers = requested.get();
            RuleSet loaded = store.load();
            rules = loaded;
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
            LOG.warn("Could not reload the catalog rules; keeping the previous ones", e);
        }
    }

    /** Saves {@code replacement} through the store and uses it at once on this instance. */
    public void replace(RuleSet replacement) {
        store.replace(replacement);
        reload();
    }
}
