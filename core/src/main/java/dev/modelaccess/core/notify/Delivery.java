package dev.modelaccess.core.notify;

import java.util.Locale;

/** Whether a notice is sent at once or bundled into the day's digest (the email channel only). */
public enum Delivery {
    IMMEDIATE,
    DIGEST;

    public String dbValue() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Delivery fromDb(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }
}
