package dev.modelaccess.notify;

import dev.modelaccess.core.notify.Channel;
import dev.modelaccess.core.notify.ClaimedNotice;
import dev.modelaccess.core.notify.NoticeChannel;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * One signed POST per notice. {@code webhook-id} is the notice's id (the same on every retry, so a receiver
 * recognises a repeat), {@code webhook-timestamp} the sending time in seconds.
 */
final class WebhookChannel implements NoticeChannel {

    private final HttpClient client;
    private final Targets targets;
    private final URI url;
    private final WebhookSigner signer;
    private final Duration timeout;
    private final Clock clock;

    WebhookChannel(HttpClient client, Targets targets, URI url, WebhookSigner signer, Duration timeout, Clock clock) {
        this.client = client;
        this.targets = targets;
        this.url = url;
        this.signer = signer;
        this.timeout = timeout;
        this.clock = clock;
    }

    @Override
    public Channel channel() {
        return Channel.WEBHOOK;
    }

    @Override
    public void send(List<ClaimedNotice> notices) {
        for (ClaimedNotice notice : notices) {
            String body = Payloads.webhook(notice);
            String id = notice.noticeId().toString();
            long timestamp = clock.instant().getEpochSecond();
            HttpRequest request = HttpRequest.newBuilder(url)
                    .timeout(timeout)
                    .header("content-type", "application/json")
                    .header("user-agent", "model-access")
                    .header("webhook-id", id)
                    .header("webhook-timestamp", Long.toString(timestamp))
                    .header("webhook-signature", signer.sign(id, timestamp, body))
                    .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                    .build();
            HttpSend.post(client, targets, request, "The webhook receiver");
        }
    }
}
