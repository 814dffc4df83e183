package dev.modelaccess.core.access;

import dev.modelaccess.core.LifecycleViolationException;
import dev.modelaccess.core.catalog.CatalogModel;
import dev.modelaccess.core.catalog.ModelStatus;
import dev.modelaccess.core.catalog.TierFlags;
import dev.modelaccess.core.sync.EventKind;
import dev.modelaccess.core.sync.ModelEvent;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The admin's side of the model lifecycle.
 *
 * <ul>
 *   <li>{@code new → active | disabled} and {@code active ↔ disabled} are allowed; asking for the status a model
 *       already has is a no-op.
 *   <li>To {@code new} or {@code inactive}: refused (those belong to the sync).
 *   <li>Any status change of an {@code inactive} model: refused (it returns by itself when it is back upstream).
 *   <li>Tier flags may be edited in every status, {@code inactive} included.
 * </ul>
 */
public final class AdminLifecycle {

    private final Clock clock;

    public AdminLifecycle(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Decides what {@code change} does to {@code current}.
     *
     * @throws LifecycleViolationException for a status change the lifecycle forbids
     */
    public AdminUpdate decide(CatalogModel current, AdminChange change, String actor) {
        Instant now = clock.instant();
        ModelStatus status = current.status();
        List<ModelEvent> events = new ArrayList<>(2);
        ModelStatus wanted = change.status();
        if (wanted != null && wanted != status) {
            if (status == ModelStatus.INACTIVE || wanted == ModelStatus.NEW || wanted == ModelStatus.INACTIVE) {
                throw new LifecycleViolationException(current.modelId(), status, wanted);
            }
            events.add(ModelEvent.of(
                    current.modelId(),
                    EventKind.STATUS_CHANGED,
                    Map.of("status", status.dbValue()),
                    Map.of("status", wanted.dbValue()),
                    actor,
                    now));
            status = wanted;
        }
        TierFlags tiers = change.applyTo(current.tiers());
        if (!tiers.equals(current.tiers())) {
            events.add(ModelEvent.of(
                    current.modelId(), EventKind.TIERS_CHANGED, flags(current.tiers()), flags(tiers), actor, now));
        }
        return new AdminUpdate(current.modelId(), status, status != current.status(), tiers, actor, events);
    }

    private static Map<String, String> flags(TierFlags flags) {
        return Map.of(
                "is_free", Boolean.toString(flags.free()),
                "is_pro", Boolean.toString(flags.pro()),
                "is_enterprise", Boolean.toString(flags.enterprise()));
    }
}
