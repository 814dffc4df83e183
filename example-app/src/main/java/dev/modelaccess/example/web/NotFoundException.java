package dev.modelaccess.example.web;

/** Nothing to show for this request: answered 404 with the message as detail. */
final class NotFoundException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    NotFoundException(String message) {
        super(message);
    }
}
