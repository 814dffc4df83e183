package dev.modelaccess.core.resources;

import java.util.Locale;
import java.util.Objects;

/** What kind of resource a row is ({@code resource_type}). */
public enum ResourceType {

    /** One chat completion on one catalog model, with a stored system prompt and parameters. */
    OPENROUTER_INSTANT("openrouter_instant");

    private final String dbValue;

    ResourceType(String dbValue) {
        this.dbValue = dbValue;
    }

    /** The value stored in {@code resource_type} and shown in the API. */
    public String dbValue() {
        return dbValue;
    }

    /**
     * The type stored as {@code value}.
     *
     * @throws IllegalArgumentException for a value that names no type
     */
    public static ResourceType fromDbValue(String value) {
        Objects.requireNonNull(value, "value");
        for (ResourceType type : values()) {
            if (type.dbValue.equals(value.toLowerCase(Locale.ROOT))) {
                return type;
            }
        }
        throw new IllegalArgumentException("Unknown resource type '" + value + "'");
    }
}
