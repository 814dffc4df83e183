package dev.modelaccess.core.access;

import dev.modelaccess.core.internal.CoalescingLoader;
import dev.modelaccess.core.port.CatalogReader;
import java.time.Clock;
import java.util.Objects;
import java.util.Optional;

/**
 * Keeps the catalog's access rules in memory so that the dropdown and the call-time check never query the database.
 *
 * <p>Freshness is the caller's job: call {@link #reload()} on every change signal of a {@link
 * dev.modelaccess.core.port.CatalogChangeFeed} (which also signals after each (re)connect) and periodically as a
 * safety net. Reloads are always full and coalesce: a burst of signals while a load runs costs one more load,
 * not one per signal, and every reload requested before a load starts is answered by that load.
 */
public final class AccessRuleCache implements AccessRules {

    private final CoalescingLoader<RulesSnapshot> rules;

    public AccessRuleCache(CatalogReader store, Clock clock) {
        Objects.requireNonNull(store, "store");
        Objects.requireNonNull(clock, "clock");
        this.rules = new CoalescingLoader<>(
                () -> RulesSnapshot.of(store.loadCatalog(), clock.instant()), "the model access rules");
    }

    /** The rules as last loaded; loads them first if they never were. */
    @Override
    public RulesSnapshot current() {
        return rules.current();
    }

    /** The rules as last loaded, without loading: empty before the first load. */
    public Optional<RulesSnapshot> loaded() {
        return rules.loaded();
    }

    /**
     * Loads every rule from the store now, unless a load that started after this call was made has already done
     * so.
     *
     * @throws dev.modelaccess.core.ModelAccessException when the store fails; the previous rules stay in use
     */
    public RulesSnapshot reload() {
        return rules.reload();
    }

    /** {@link #reload()} for change listeners and timers: a failure is logged, the previous rules stay in use. */
    public void reloadQuietly() {
        rules.reloadQuietly();
    }
}
