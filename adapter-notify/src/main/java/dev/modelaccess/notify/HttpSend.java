package dev.modelaccess.notify;

import dev.modelaccess.core.notify.DeliveryFailedException;
import java.io.IOException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** One POST, its answer judged: 2xx is delivered; anything else is a {@link DeliveryFailedException}. */
final class HttpSend {

    private static final int SNIPPET = 200;

    private HttpSend() {}

    /** @param what names the receiver in errors (never its URL: a Slack URL is a secret) */
    static void post(HttpClient client, Targets targets, HttpRequest request, String what) {
        URI url = request.uri();
        try {
            targets.checkBeforeSend(url);
        } catch (UnknownHostException e) {
            throw new DeliveryFailedException(what + ": its host does not resolve");
        } catch (IllegalArgumentException e) {
            throw new DeliveryFailedException(what + ": " + e.getMessage());
        }
        HttpResponse<String> response;
        try {
            response = client.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (HttpTimeoutException e) {
            throw new DeliveryFailedException(what + " did not answer within "
                    + request.timeout().map(HttpSend::readable).orElse("the timeout"));
        } catch (IOException e) {
            throw new DeliveryFailedException(what + " could not be reached: "
                    + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : " " + e.getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DeliveryFailedException(what + ": interrupted");
        }
        int status = response.statusCode();
        if (status < 200 || status > 299) {
            String body = response.body() == null ? "" : response.body().strip();
            throw new DeliveryFailedException(what + " answered HTTP " + status
                    + (body.isEmpty() ? "" : ": " + (body.length() > SNIPPET ? body.substring(0, SNIPPET) : body)));
        }
    }

    /** A timeout as an admin reads it: {@code 10 s}, {@code 500 ms}. */
    private static String readable(Duration timeout) {
        long millis = timeout.toMillis();
        return millis % 1000 == 0 ? millis / 1000 + " s" : millis + " ms";
    }
}
