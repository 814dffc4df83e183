package dev.modelaccess.core.notify;

import dev.modelaccess.core.port.ExpiringModel;
import dev.modelaccess.core.port.ModelAccessStore;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The expiry check: a model whose upstream {@code expiration_date} falls within a lead time (30, 7 and 1 days by
 * default) is notified once per lead time. A model is notified for the tightest lead time it falls within (one that
 * expires in 5 days when the check first runs gets the 7-day notice, never the 30-day one afterwards); the outbox's
 * dedupe key ({@code model.expiring:<id>:<lead>d}) makes a repeated check write nothing. Dates are UTC days, as
 * OpenRouter's {@code expiration_date} is.
 */
public final class ExpiryNotices {

    private static final Logger log = LoggerFactory.getLogger(ExpiryNotices.class);

    private final ModelAccessStore store;
    private final Notifications notifications;
    private final List<Integer> leadDays;
    private final Clock clock;

    public ExpiryNotices(ModelAccessStore store, Notifications notifications, List<Integer> leadDays, Clock clock) {
        this.store = Objects.requireNonNull(store, "store");
        this.notifications = Objects.requireNonNull(notifications, "notifications");
        TreeSet<Integer> sorted = new TreeSet<>(leadDays);
        if (sorted.isEmpty() || sorted.first() < 0) {
            throw new IllegalArgumentException("Lead times must be at least one number of days, none negative");
        }
        this.leadDays = List.copyOf(sorted);
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Writes the notices due today; returns how many outbox entries were written. */
    public int check() {
        if (notifications.isOff()) {
            return 0;
        }
        LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        List<OutboxEntry> entries = new ArrayList<>();
        for (ExpiringModel expiring : store.expiringModels(today.plusDays(leadDays.getLast()))) {
            long daysLeft = ChronoUnit.DAYS.between(today, expiring.expiresOn());
            if (daysLeft < 0) {
                continue;
            }
            leadDays.stream()
                    .filter(lead -> daysLeft <= lead)
                    .findFirst()
                    .ifPresent(lead -> entries.addAll(
                            notifications.forExpiring(expiring.model(), expiring.expiresOn(), today, lead)));
        }
        if (entries.isEmpty()) {
            return 0;
        }
        int written = store.inTransaction(tx -> tx.enqueueNotices(entries));
        if (written > 0) {
            log.info("Expiry check wrote {} notice(s) for models expiring within {} days", written, leadDays);
        }
        return written;
    }
}
