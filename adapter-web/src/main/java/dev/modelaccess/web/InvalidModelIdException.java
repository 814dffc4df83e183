package dev.modelaccess.web;

import dev.modelaccess.core.catalog.ModelIds;

/**
 * A model id that is not a safe {@code author/slug} ({@link ModelIds}): answered 400, naming the field. The sync never
 * stores such an id, and the API never addresses one, so that no path can be resolved to another model's.
 */
public final class InvalidModelIdException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String field;

    private InvalidModelIdException(String field, String message) {
        super(message);
        this.field = field;
    }

    /** {@code id} when it is a safe {@code author/slug}; else throws, naming {@code field}. */
    public static String requireSafe(String id, String field) {
        ModelIds.problem(id).ifPresent(problem -> {
            throw new InvalidModelIdException(field, field + " is not a valid model id (author/slug): it " + problem);
        });
        return id;
    }

    /** The request's field (or path part) that held the id. */
    public String field() {
        return field;
    }
}
