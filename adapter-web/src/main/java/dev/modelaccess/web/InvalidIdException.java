package dev.modelaccess.web;

/**
 * A path id that is not shaped like the ids the route addresses (e.g. not a UUID): answered 400, naming the field,
 * like a malformed model id ({@link InvalidModelIdException}). A host's own routes may throw it too.
 */
public final class InvalidIdException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String field;

    /** A 400 whose detail is {@code message}, naming {@code field}. */
    public InvalidIdException(String field, String message) {
        super(message);
        this.field = field;
    }

    /** The path part that held the id. */
    public String field() {
        return field;
    }
}
