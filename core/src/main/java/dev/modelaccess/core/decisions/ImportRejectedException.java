package dev.modelaccess.core.decisions;

import dev.modelaccess.core.ModelAccessException;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A catalog import that cannot be applied, naming the entry of the file that is wrong ({@code models[3].status},
 * {@code tier_defaults.pro}) in {@link #field()}; the message says why. Nothing was written.
 */
public final class ImportRejectedException extends ModelAccessException {

    /** Why the entry is refused. */
    public enum Reason {
        /** The file itself is wrong: a model listed twice, an id that is no model id. */
        INVALID,
        /** A status change the model lifecycle forbids (to {@code new} or {@code inactive}, or of an inactive model). */
        LIFECYCLE,
        /** A successor or tier default that may not be set (unknown, retired, not usable by the tier, a cycle). */
        SUCCESSION
    }

    private final Reason reason;
    private final String field;
    private final @Nullable String modelId;

    public ImportRejectedException(Reason reason, String field, @Nullable String modelId, String message) {
        super(message);
        this.reason = Objects.requireNonNull(reason, "reason");
        this.field = Objects.requireNonNull(field, "field");
        this.modelId = modelId;
    }

    public Reason reason() {
        return reason;
    }

    /** The entry of the file that is wrong, e.g. {@code models[3].status}. */
    public String field() {
        return field;
    }

    /** The model the entry is about, when it is about one. */
    public @Nullable String modelId() {
        return modelId;
    }
}
