package dev.modelaccess.example.web;

/** A request that is well-formed but asks for something that cannot be done: answered 422. */
final class InvalidRequestException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    InvalidRequestException(String message) {
        super(message);
    }
}
