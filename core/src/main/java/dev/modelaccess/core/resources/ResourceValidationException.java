package dev.modelaccess.core.resources;

import dev.modelaccess.core.ModelAccessException;
import java.util.List;

/**
 * A resource (or a run of one) was asked for with values that cannot work: an invalid configuration, a model the
 * catalog does not have or the owner's tier may not use, a missing name or input (HTTP: 422). {@link #problems()}
 * lists everything that is wrong, each as {@code "<field>: <what is wrong>"}; nothing was stored.
 */
public final class ResourceValidationException extends ModelAccessException {

    private final List<String> problems;

    public ResourceValidationException(List<String> problems) {
        super(message(problems));
        this.problems = List.copyOf(problems);
        if (this.problems.isEmpty()) {
            throw new IllegalArgumentException("A validation failure needs at least one problem");
        }
    }

    /** What is wrong, one entry per problem, like {@code "params.temperature: must be between 0 and 2, was 3.5"}. */
    public List<String> problems() {
        return problems;
    }

    private static String message(List<String> problems) {
        return String.join("; ", problems);
    }
}
