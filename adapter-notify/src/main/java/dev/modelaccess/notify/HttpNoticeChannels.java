package dev.modelaccess.notify;

import dev.modelaccess.core.notify.NoticeChannel;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * The HTTP channels of the notification outbox, on one {@link HttpClient} (no redirects followed, bounded connect
 * and request timeouts). A target on a loopback, link-local or wildcard address is refused (when built and again
 * before every send, after resolving the host) unless {@link Settings#allowLocalTargets()}: so a webhook URL cannot
 * be used to reach the instance's own services or a cloud metadata endpoint.
 *
 * <pre>{@code
 * HttpNoticeChannels http = new HttpNoticeChannels(HttpNoticeChannels.Settings.defaults(), clock);
 * NoticeChannel webhook = http.webhook(URI.create("https://hooks.example.com/model-access"), "whsec_…");
 * NoticeChannel slack = http.slack(URI.create("https://hooks.slack.com/services/…"));
 * }</pre>
 */
public final class HttpNoticeChannels {

    /**
     * @param connectTimeout the longest a connection may take
     * @param requestTimeout the longest a receiver may take to answer once connected
     * @param allowLocalTargets whether targets on loopback and link-local addresses are allowed (tests, a receiver
     *     on the same host)
     */
    public record Settings(Duration connectTimeout, Duration requestTimeout, boolean allowLocalTargets) {

        public Settings {
            requirePositive(connectTimeout, "connectTimeout");
            requirePositive(requestTimeout, "requestTimeout");
        }

        /** 5 s to connect, 10 s to answer, local targets refused. */
        public static Settings defaults() {
            return new Settings(Duration.ofSeconds(5), Duration.ofSeconds(10), false);
        }

        private static void requirePositive(Duration duration, String name) {
            if (duration.isNegative() || duration.isZero()) {
                throw new IllegalArgumentException(name + " must be positive");
            }
        }
    }

    private final Settings settings;
    private final Clock clock;
    private final HttpClient client;
    private final Targets targets;

    public HttpNoticeChannels(Settings settings, Clock clock) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.client = HttpClient.newBuilder()
                .connectTimeout(settings.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .version(HttpClient.Version.HTTP_1_1)
                .build();
        this.targets = new Targets(settings.allowLocalTargets());
    }

    /**
     * A webhook signed per the Standard Webhooks specification ({@code webhook-id}, {@code webhook-timestamp},
     * {@code webhook-signature: v1,<base64 HMAC-SHA256>}).
     *
     * @param secret the signing secret, {@code whsec_} followed by 24 to 64 bytes in base64
     * @throws IllegalArgumentException for a malformed secret, or a URL that is not http(s) or points at a refused
     *     address
     */
    public NoticeChannel webhook(URI url, String secret) {
        targets.check(url);
        return new WebhookChannel(client, targets, url, WebhookSigner.of(secret), settings.requestTimeout(), clock);
    }

    /**
     * A Slack incoming webhook: a short Block Kit message with a button to the console. The URL is itself the
     * secret: it never appears in a log line or an error.
     */
    public NoticeChannel slack(URI url) {
        targets.check(url);
        return new SlackChannel(client, targets, url, settings.requestTimeout());
    }
}
