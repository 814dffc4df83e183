package dev.modelaccess.core;

import org.jspecify.annotations.Nullable;

/**
 * OpenRouter (or whichever catalog source) failed. Carries the HTTP status and OpenRouter's {@code error.code}
 * and {@code error.message} when there were any. Never carries an API key.
 */
public abstract sealed class UpstreamException extends ModelAccessException
        permits UpstreamUnavailableException, UpstreamRejectedException, MalformedUpstreamResponseException {

    private final @Nullable Integer status;
    private final @Nullable String errorCode;
    private final @Nullable String upstreamMessage;

    protected UpstreamException(
            String message,
            @Nullable Integer status,
            @Nullable String errorCode,
            @Nullable String upstreamMessage,
            @Nullable Throwable cause) {
        super(message, cause);
        this.status = status;
        this.errorCode = errorCode;
        this.upstreamMessage = upstreamMessage;
    }

    /** HTTP status, when an HTTP answer arrived at all. */
    public @Nullable Integer status() {
        return status;
    }

    /** OpenRouter's {@code error.code}, when the body had one. */
    public @Nullable String errorCode() {
        return errorCode;
    }

    /** OpenRouter's {@code error.message}, when the body had one. */
    public @Nullable String upstreamMessage() {
        return upstreamMessage;
    }
}
