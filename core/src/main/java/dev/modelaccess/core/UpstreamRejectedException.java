package dev.modelaccess.core;

import org.jspecify.annotations.Nullable;

/** Upstream answered with a client error that retrying will not fix (400, 401, 402, 403, 404, …). */
public final class UpstreamRejectedException extends UpstreamException {

    public UpstreamRejectedException(
            String message, int status, @Nullable String errorCode, @Nullable String upstreamMessage) {
        super(message, status, errorCode, upstreamMessage, null);
    }
}
