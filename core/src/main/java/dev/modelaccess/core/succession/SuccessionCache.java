package dev.modelaccess.core.succession;

import dev.modelaccess.core.internal.CoalescingLoader;
import dev.modelaccess.core.port.SuccessionStore;
import java.time.Clock;
import java.util.Objects;
import java.util.Optional;

/**
 * Keeps the successors and tier defaults in memory so that the dropdown never queries the database for them.
 *
 * <p>Freshness is the caller's job: call {@link #reload()} on every change signal of a {@link
 * dev.modelaccess.core.port.CatalogChangeFeed} (which also signals after each (re)connect) and periodically as a
 * safety net. Reloads are always full and coalesce, like {@link dev.modelaccess.core.access.AccessRuleCache}'s.
 */
public final class SuccessionCache implements SuccessionRules {

    private final CoalescingLoader<SuccessionSnapshot> succession;

    public SuccessionCache(SuccessionStore store, Clock clock) {
        Objects.requireNonNull(store, "store");
        Objects.requireNonNull(clock, "clock");
        this.succession = new CoalescingLoader<>(
                () -> {
                    SuccessionSnapshot stored = store.loadSuccession();
                    return SuccessionSnapshot.of(stored.successors(), stored.tierDefaults(), clock.instant());
                },
                "the successors and tier defaults");
    }

    /** The successors and tier defaults as last loaded; loads them first if they never were. */
    @Override
    public SuccessionSnapshot current() {
        return succession.current();
    }

    /** The successors and tier defaults as last loaded, without loading: empty before the first load. */
    public Optional<SuccessionSnapshot> loaded() {
        return succession.loaded();
    }

    /**
     * Loads every successor and tier default from the store now, unless a load that started after this call was
     * made has already done so.
     *
     * @throws dev.modelaccess.core.ModelAccessException when the store fails; the previous ones stay in use
     */
    public SuccessionSnapshot reload() {
        return succession.reload();
    }

    /** {@link #reload()} for change listeners and timers: a failure is logged, the previous ones stay in use. */
    public void reloadQuietly() {
        succession.reloadQuietly();
    }
}
