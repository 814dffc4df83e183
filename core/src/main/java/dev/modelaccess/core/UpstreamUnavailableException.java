package dev.modelaccess.core;

import org.jspecify.annotations.Nullable;

/**
 * Upstream could not be reached or kept failing after the allowed retries: I/O errors, timeouts, 408, 429,
 * 5xx, or a {@code Retry-After} longer than the library is willing to wait.
 */
public final class UpstreamUnavailableException extends UpstreamException {

    private UpstreamUnavailableException(
            String message,
            @Nullable Integer status,
            @Nullable String errorCode,
            @Nullable String upstreamMessage,
            @Nullable Throwable cause) {
        super(message, status, errorCode, upstreamMessage, cause);
    }

    /** No HTTP answer arrived: the connection failed, was refused or timed out. */
    public static UpstreamUnavailableException unreachable(String message, @Nullable Throwable cause) {
        return new UpstreamUnavailableException(message, null, null, null, cause);
    }

    /** Upstream answered {@code status} (408, 429, 5xx) with no error body the library could read. */
    public static UpstreamUnavailableException status(String message, int status) {
        return status(message, status, null, null);
    }

    /**
     * Upstream answered with OpenRouter's {@code error.code} and {@code error.message}, if any, and the HTTP status
     * ({@code null} for an error reported inside a 200 answer whose code is not a status).
     */
    public static UpstreamUnavailableException status(
            String message, @Nullable Integer status, @Nullable String errorCode, @Nullable String upstreamMessage) {
        return new UpstreamUnavailableException(message, status, errorCode, upstreamMessage, null);
    }

    /** Upstream failed, with an HTTP status only when one arrived ({@code null} otherwise). */
    public static UpstreamUnavailableException of(String message, @Nullable Integer status, @Nullable Throwable cause) {
        return new UpstreamUnavailableException(message, status, null, null, cause);
    }

    /** The client gave up after {@code last}: its status, code and upstream message, with a new message and cause. */
    public static UpstreamUnavailableException gaveUpAfter(
            UpstreamException last, String message, @Nullable Throwable cause) {
        return new UpstreamUnavailableException(
                message, last.status(), last.errorCode(), last.upstreamMessage(), cause);
    }
}
