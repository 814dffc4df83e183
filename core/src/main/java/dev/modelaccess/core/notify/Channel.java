package dev.modelaccess.core.notify;

import java.util.Locale;

/** Where notices go. Each channel gets its own outbox row per notice, delivered and retried on its own. */
public enum Channel {
    WEBHOOK,
    SLACK,
    EMAIL;

    public String dbValue() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Channel fromDb(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }
}
