package dev.modelaccess.core.policy;

import dev.modelaccess.core.internal.CoalescingLoader;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Keeps the catalog rules in memory, the way {@link dev.modelaccess.core.access.AccessRuleCache} keeps the access
 * rules: call {@link #reload()} on every signal of the {@link dev.modelaccess.core.port.CatalogChangeFeed} (a rule
 * change notifies it, so a change saved on one instance governs the next sync on every instance) and periodically as
 * a safety net. Reloads are full and coalesce.
 */
public final class CatalogRuleCache implements Supplier<RuleSet> {

    private final CatalogRules store;
    private final CoalescingLoader<RuleSet> rules;

    public CatalogRuleCache(CatalogRules store) {
        this.store = Objects.requireNonNull(store, "store");
        this.rules = new CoalescingLoader<>(store::load, "the catalog rules");
    }

    /** The rules as last loaded; loads them first if they never were. */
    @Override
    public RuleSet get() {
        return rules.current();
    }

    /**
     * Loads the rules now, unless a load that started after this call has already done so.
     *
     * @throws dev.modelaccess.core.ModelAccessException when the store fails; the previous rules stay in use
     */
    public RuleSet reload() {
        return rules.reload();
    }

    /** {@link #reload()} for change listeners and timers: a failure is logged, the previous rules stay in use. */
    public void reloadQuietly() {
        rules.reloadQuietly();
    }

    /** Saves {@code replacement} through the store and uses it at once on this instance. */
    public void replace(RuleSet replacement) {
        store.replace(replacement);
        reload();
    }
}
