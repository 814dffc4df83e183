package dev.modelaccess.core.succession;

import dev.modelaccess.core.ModelAccessException;
import java.util.Objects;

/** A successor or tier default that may not be set, naming the field that is wrong; nothing was written. */
public final class SuccessionRejectedException extends ModelAccessException {

    private final String field;

    public SuccessionRejectedException(String field, String message) {
        super(field + ": " + message);
        this.field = Objects.requireNonNull(field, "field");
    }

    /** The request field that is wrong: {@code successor}, {@code model} or {@code tier}. */
    public String field() {
        return field;
    }
}
