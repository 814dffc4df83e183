package dev.modelaccess.openrouter;

import dev.modelaccess.core.MalformedUpstreamResponseException;
import feign.Client;
import feign.Request;
import feign.Response;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpTimeoutException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Reads the whole body before anyone decodes it, within limits {@code java.net.http} does not enforce by itself:
 * its request timeout stops once the headers are in, so a body that stalls would block forever. Here the body
 * must arrive within the read timeout (counted from the headers), else the stream is closed and the attempt fails
 * as a timeout (an I/O error, so it is retried). A body larger than {@link #MAX_BODY_BYTES} is refused.
 */
record BoundedBodyClient(Client delegate, int maxBodyBytes) implements Client {

    /** The real catalog is about 1.3 MB; this leaves room for years of growth and none for a runaway body. */
    static final int MAX_BODY_BYTES = 64 * 1024 * 1024;

    @Override
    public Response execute(Request request, Request.Options options) throws IOException {
        Response response = delegate.execute(request, options);
        Response.Body body = response.body();
        if (body == null) {
            return response.toBuilder().body(new byte[0]).build();
        }
        byte[] bytes = readWithin(body.asInputStream(), options.readTimeoutMillis(), request, response.status());
        return response.toBuilder().body(bytes).build();
    }

    private byte[] readWithin(InputStream in, int timeoutMillis, Request request, int status) throws IOException {
        AtomicBoolean finished = new AtomicBoolean();
        AtomicBoolean timedOut = new AtomicBoolean();
        CompletableFuture.delayedExecutor(timeoutMillis, TimeUnit.MILLISECONDS).execute(() -> {
            if (!finished.get()) {
                timedOut.set(true);
                closeQuietly(in);
            }
        });
        try (in) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buffer = new byte[64 * 1024];
            int read;
            while ((read = in.read(buffer)) != -1) {
                if (out.size() + (long) read > maxBodyBytes) {
                    throw MalformedUpstreamResponseException.of(
                            "OpenRouter's answer to " + Requests.describe(request) + " is larger than " + maxBodyBytes
                                    + " bytes; refusing to read it",
                            status);
                }
                out.write(buffer, 0, read);
            }
            if (timedOut.get()) {
                throw new IOException("closed");
            }
            return out.toByteArray();
        } catch (IOException e) {
            if (timedOut.get()) {
                throw new HttpTimeoutException(
                        "the body of the answer did not arrive within the read timeout of " + timeoutMillis + " ms");
            }
            throw e;
        } finally {
            finished.set(true);
        }
    }

    private static void closeQuietly(InputStream in) {
        try {
            in.close();
        } catch (IOException ignored) {
            // the reader sees the stream closed and reports the timeout
        }
    }
}
