package dev.modelaccess.core.notify;

import dev.modelaccess.core.ModelAccessException;

/** A channel could not deliver a message; the dispatcher records it and retries later. */
public class DeliveryFailedException extends ModelAccessException {

    private static final long serialVersionUID = 1L;

    public DeliveryFailedException(String message) {
        super(message);
    }

    public DeliveryFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}
