package dev.modelaccess.spring;

import java.math.BigDecimal;
import java.net.URI;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The notification outbox, under the prefix modelaccess.notifications. Nothing is written or sent until a channel
 * is enabled. Secrets (the webhook's signing secret, the Slack URL, the mail server's password) live in properties
 * only: never in the database, a log line or a page.
 *
 * @param consoleUrl The admin console's URL, for the links in the notices (e.g. https://admin.example.com/console);
 *     none by default (notices then carry no link)
 * @param priceChangeThreshold The relative price change beyond which a model's new price is notified (0.10 = 10 %)
 * @param expiryLeadDays The lead times, in days, at which a model's coming expiration_date is notified, each once per
 *     model
 * @param expiryCheckInterval How often the expiry check runs
 * @param dispatchInterval How often the dispatcher looks for due notices
 * @param batchSize How many notices a dispatcher claims at once per channel
 * @param lease How long a claim holds its notices; must outlast a batch's sends (batch-size times the timeouts)
 * @param retry Retries of a failed delivery
 * @param http The HTTP channels' timeouts and target policy
 * @param webhook The signed webhook channel
 * @param slack The Slack channel
 * @param email The email channel
 */
@ConfigurationProperties("modelaccess.notifications")
public record ModelAccessNotificationProperties(
        @Nullable URI consoleUrl,
        @DefaultValue("0.10") BigDecimal priceChangeThreshold,
        @DefaultValue({"30", "7", "1"}) List<Integer> expiryLeadDays,
        @DefaultValue("6h") Duration expiryCheckInterval,
        @DefaultValue("10s") Duration dispatchInterval,
        @DefaultValue("50") int batchSize,
        @DefaultValue("10m") Duration lease,
        @DefaultValue Retry retry,
        @DefaultValue Http http,
        @DefaultValue Webhook webhook,
        @DefaultValue Slack slack,
        @DefaultValue Email email) {

    /** Whether any channel is enabled. */
    public boolean anyChannel() {
        return webhook.enabled() || slack.enabled() || email.enabled();
    }

    /**
     * Retries: exponential backoff with jitter.
     *
     * @param initialBackoff The delay before the second attempt (doubling from there)
     * @param maxBackoff The longest delay between two attempts
     * @param giveUpAfter How long a notice is retried before it becomes a dead letter (the admin can send it again)
     */
    public record Retry(
            @DefaultValue("30s") Duration initialBackoff,
            @DefaultValue("1h") Duration maxBackoff,
            @DefaultValue("24h") Duration giveUpAfter) {}

    /**
     * The HTTP channels.
     *
     * @param connectTimeout How long to wait for a connection to a receiver
     * @param requestTimeout How long to wait for a receiver's answer
     * @param allowLocalTargets Allow webhook and Slack URLs on loopback and link-local addresses (refused by
     *     default, so that a URL cannot reach the instance's own services or a cloud metadata endpoint)
     */
    public record Http(
            @DefaultValue("5s") Duration connectTimeout,
            @DefaultValue("10s") Duration requestTimeout,
            @DefaultValue("false") boolean allowLocalTargets) {}

    /**
     * A webhook signed per the Standard Webhooks specification.
     *
     * @param enabled Send every notice to the webhook
     * @param url The receiver's URL
     * @param secret The signing secret: whsec_ followed by 24 to 64 random bytes in base64
     */
    public record Webhook(
            @DefaultValue("false") boolean enabled,
            @Nullable URI url,
            @Nullable String secret) {

        @Override
        public String toString() {
            return "Webhook[enabled=" + enabled + ", url=" + url + ", secret=" + (secret == null ? "none" : "******")
                    + "]";
        }
    }

    /**
     * A Slack incoming webhook.
     *
     * @param enabled Send every notice to Slack
     * @param url The incoming webhook's URL (a secret: never logged)
     */
    public record Slack(
            @DefaultValue("false") boolean enabled,
            @Nullable URI url) {

        @Override
        public String toString() {
            return "Slack[enabled=" + enabled + ", url=" + (url == null ? "none" : "******") + "]";
        }
    }

    /**
     * Email over SMTP with the application's JavaMailSender (spring.mail.*).
     *
     * @param enabled Send notices by mail
     * @param from The sender address
     * @param to The recipients
     * @param subjectPrefix Put before every subject
     * @param digestAt When the daily digest is sent, in digest-zone
     * @param digestZone The digest's time zone
     * @param delivery Per kind of notice (models-awaiting-review, models-vanished, prices-changed, model-expiring,
     *     sync-failed, keys-revoked): immediate or digest; defaults: new models, price changes and revoked keys in
     *     the digest, the rest immediate
     */
    public record Email(
            @DefaultValue("false") boolean enabled,
            @Nullable String from,
            @DefaultValue List<String> to,
            @DefaultValue("[model-access]") String subjectPrefix,
            @DefaultValue("08:00") LocalTime digestAt,
            @DefaultValue("UTC") ZoneId digestZone,
            @DefaultValue Map<String, String> delivery) {}
}
