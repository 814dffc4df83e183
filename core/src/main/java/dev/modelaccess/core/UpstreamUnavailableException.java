package dev.modelaccess.core;

import org.jspecify.annotations.Nullable;

/**
 * Upstream could not be reached or kept failing after the allowed retries: I/O errors, timeouts, 408, 429,
 * 5xx, or a {@code Retry-After} longer than the library is willing to wait.
 */
public class UpstreamUnavailableException extends UpstreamException {

    public UpstreamUnavailableException(
            String message,
            @Nullable Integer status,
            @Nullable String errorCode,
            @Nullable String upstreamMessage,
            @Nullable Throwable cause) {
        super(message, status, errorCode, upstreamMessage, cause);
    }
}
