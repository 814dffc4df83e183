package dev.modelaccess.web;

/** A request that is well-formed but asks for something that cannot be done: answered 422. */
public final class InvalidRequestException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** A 422 whose detail is {@code message}. */
    public InvalidRequestException(String message) {
        super(message);
    }
}
