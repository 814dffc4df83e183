package dev.modelaccess.openrouter;

import dev.modelaccess.core.UpstreamRejectedException;
import dev.modelaccess.core.UpstreamUnavailableException;
import feign.Response;
import feign.codec.ErrorDecoder;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Turns a non-2xx answer into the library's exceptions, with OpenRouter's {@code error.code} and {@code
 * error.message}. 408, 429, 502, 503 and 504 become a retryable failure (honouring {@code Retry-After} up to the
 * limit; a longer one fails at once); other 4xx are {@link UpstreamRejectedException}, the rest {@link
 * UpstreamUnavailableException}.
 */
record OpenRouterErrorDecoder(Clock clock, Duration maxRetryAfter) implements ErrorDecoder {

    static final Set<Integer> RETRYABLE_STATUSES = Set.of(408, 429, 502, 503, 504);

    @Override
    public Exception decode(String methodKey, Response response) {
        int status = response.status();
        UpstreamError error = UpstreamError.parse(bodyOf(response));
        String summary =
                "OpenRouter answered HTTP " + status + " to " + Requests.describe(response.request()) + error.suffix();
        if (RETRYABLE_STATUSES.contains(status)) {
            Duration retryAfter = RetryAfter.parse(header(response, "Retry-After"), clock);
            if (retryAfter != null && retryAfter.compareTo(maxRetryAfter) > 0) {
                return UpstreamUnavailableException.status(
                        summary + "; it asked to retry after " + retryAfter.toSeconds() + " s, longer than the "
                                + maxRetryAfter.toSeconds() + " s this client waits, so it gave up at once",
                        status,
                        error.code(),
                        error.message());
            }
            return new RetryableUpstreamResponse(
                    UpstreamUnavailableException.status(summary, status, error.code(), error.message()),
                    retryAfter,
                    response.request());
        }
        if (status >= 400 && status < 500) {
            return new UpstreamRejectedException(summary, status, error.code(), error.message());
        }
        return UpstreamUnavailableException.status(summary, status, error.code(), error.message());
    }

    private static byte[] bodyOf(Response response) {
        Response.Body body = response.body();
        if (body == null) {
            return new byte[0];
        }
        try (InputStream in = body.asInputStream()) {
            return in.readAllBytes();
        } catch (IOException e) {
            return new byte[0];
        }
    }

    /** The first value of a header; Feign's {@link Response#headers()} is a case-insensitive map. */
    static @Nullable String header(Response response, String name) {
        return response.headers().getOrDefault(name, List.of()).stream()
                .findFirst()
                .orElse(null);
    }
}
