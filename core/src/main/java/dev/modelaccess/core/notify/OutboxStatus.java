package dev.modelaccess.core.notify;

import java.util.Locale;

/** Where an outbox entry stands: waiting (perhaps after failures), delivered, or given up on. */
public enum OutboxStatus {
    PENDING,
    DELIVERED,
    DEAD;

    public String dbValue() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static OutboxStatus fromDb(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }
}
