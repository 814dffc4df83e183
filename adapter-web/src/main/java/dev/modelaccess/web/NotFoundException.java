package dev.modelaccess.web;

/** Nothing to show for this request: answered 404 with the message as detail. */
public final class NotFoundException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** A 404 whose detail is {@code message}. */
    public NotFoundException(String message) {
        super(message);
    }
}
