package dev.modelaccess.notify;

import dev.modelaccess.core.notify.Channel;
import dev.modelaccess.core.notify.ClaimedNotice;
import dev.modelaccess.core.notify.NoticeChannel;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

/** One Block Kit message per send, to a Slack incoming webhook (whose URL is a secret and is never shown). */
final class SlackChannel implements NoticeChannel {

    private final HttpClient client;
    private final Targets targets;
    private final URI url;
    private final Duration timeout;

    SlackChannel(HttpClient client, Targets targets, URI url, Duration timeout) {
        this.client = client;
        this.targets = targets;
        this.url = url;
        this.timeout = timeout;
    }

    @Override
    public Channel channel() {
        return Channel.SLACK;
    }

    @Override
    public void send(List<ClaimedNotice> notices) {
        HttpRequest request = HttpRequest.newBuilder(url)
                .timeout(timeout)
                .header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(Payloads.slack(notices), StandardCharsets.UTF_8))
                .build();
        HttpSend.post(client, targets, request, "Slack");
    }
}
