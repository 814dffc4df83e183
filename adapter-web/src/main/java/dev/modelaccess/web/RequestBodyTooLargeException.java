package dev.modelaccess.web;

import java.io.IOException;

/** A request body larger than the configured limit ({@code modelaccess.web.max-body-size}): answered 413. */
public final class RequestBodyTooLargeException extends IOException {

    private static final long serialVersionUID = 1L;

    private final long limit;

    /** A body past {@code limit} bytes. */
    public RequestBodyTooLargeException(long limit) {
        super("The request body is larger than the limit of " + limit + " bytes");
        this.limit = limit;
    }

    /** The limit in bytes. */
    public long limit() {
        return limit;
    }
}
