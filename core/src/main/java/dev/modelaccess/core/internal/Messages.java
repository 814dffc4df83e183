package dev.modelaccess.core.internal;

/** How core's exception and validation messages quote values a caller sent. */
public final class Messages {

    /** The most characters of a caller's value a message repeats. */
    public static final int MAX_QUOTED_LENGTH = 200;

    private Messages() {}

    /** {@code value} as a message may repeat it: its first {@value #MAX_QUOTED_LENGTH} characters, then {@code …}. */
    public static String abbreviate(String value) {
        return value.length() <= MAX_QUOTED_LENGTH ? value : value.substring(0, MAX_QUOTED_LENGTH) + "…";
    }
}
