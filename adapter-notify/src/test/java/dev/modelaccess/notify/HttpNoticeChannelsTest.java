package dev.modelaccess.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.modelaccess.core.notify.Channel;
import dev.modelaccess.core.notify.ClaimedNotice;
import dev.modelaccess.core.notify.Delivery;
import dev.modelaccess.core.notify.DeliveryFailedException;
import dev.modelaccess.core.notify.NoticeChannel;
import dev.modelaccess.core.notify.NoticeKind;
import dev.modelaccess.testsupport.http.WebhookReceiver;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The HTTP channels against real receivers on loopback. */
class HttpNoticeChannelsTest {

    static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");

    private final HttpNoticeChannels local = new HttpNoticeChannels(
            new HttpNoticeChannels.Settings(Duration.ofSeconds(5), Duration.ofSeconds(10), true),
            Clock.fixed(NOW, ZoneOffset.UTC));
    /** A short answer timeout, for the hanging receiver. */
    private final HttpNoticeChannels impatient = new HttpNoticeChannels(
            new HttpNoticeChannels.Settings(Duration.ofSeconds(5), Duration.ofMillis(500), true),
            Clock.fixed(NOW, ZoneOffset.UTC));

    private final WebhookReceiver receiver = WebhookReceiver.start(SECRET);

    @AfterEach
    void stop() {
        receiver.close();
    }

    @Test
    void theSignerMatchesTheStandardWebhooksSpecificationsTestVector() {
        assertThat(WebhookSigner.of(SECRET).sign("msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330, "{\"test\": 2432232314}"))
                .isEqualTo("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");
    }

    @Test
    void aWebhookArrivesSignedAndTheReceiverVerifiesItWithItsOwnHmac() {
        ClaimedNotice notice = notice("{\"count\":2,\"models\":[{\"id\":\"a/b\"}]}");

        local.webhook(receiver.url(), SECRET).send(List.of(notice));

        WebhookReceiver.Received got = receiver.received().getFirst();
        assertThat(got.signatureValid()).isTrue();
        assertThat(got.id()).isEqualTo(notice.noticeId().toString());
        assertThat(got.timestamp()).isEqualTo(Long.toString(NOW.getEpochSecond()));
        assertThat(got.body())
                .contains("\"type\":\"models.vanished\"")
                .contains("\"data\":{\"count\":2,\"models\":[{\"id\":\"a/b\"}]}")
                .contains("\"link\":\"https://admin.example/console/models\"");
    }

    @Test
    void aSignatureUnderAnotherSecretDoesNotVerify() {
        String other = "whsec_" + java.util.Base64.getEncoder().encodeToString(new byte[32]);

        local.webhook(receiver.url(), other).send(List.of(notice("{}")));

        assertThat(receiver.received().getFirst().signatureValid()).isFalse();
    }

    @Test
    void aReceiverAnswering500FailsTheDeliveryWithItsStatus() {
        receiver.mode(WebhookReceiver.Mode.FAIL);

        assertThatThrownBy(() -> local.webhook(receiver.url(), SECRET).send(List.of(notice("{}"))))
                .isInstanceOf(DeliveryFailedException.class)
                .hasMessage("The webhook receiver answered HTTP 500");
    }

    @Test
    void aHangingReceiverFailsTheDeliveryWithinTheRequestTimeout() {
        receiver.mode(WebhookReceiver.Mode.HANG);
        long start = System.nanoTime();

        assertThatThrownBy(() -> impatient.webhook(receiver.url(), SECRET).send(List.of(notice("{}"))))
                .isInstanceOf(DeliveryFailedException.class)
                .hasMessageContaining("did not answer within 500 ms");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void aReceiverThatIsDownFailsTheDelivery() {
        receiver.down();

        assertThatThrownBy(() -> local.webhook(receiver.url(), SECRET).send(List.of(notice("{}"))))
                .isInstanceOf(DeliveryFailedException.class)
                .hasMessageStartingWith("The webhook receiver could not be reached");
    }

    @Test
    void loopbackAndLinkLocalTargetsAreRefusedUnlessAllowed() {
        HttpNoticeChannels strict = new HttpNoticeChannels(HttpNoticeChannels.Settings.defaults(), Clock.systemUTC());

        assertThatThrownBy(() -> strict.webhook(receiver.url(), SECRET))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("127.0.0.1")
                .hasMessageContaining("allow-local-targets");
        assertThatThrownBy(() -> strict.slack(URI.create("http://169.254.169.254/latest/meta-data")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("169.254.169.254");
        assertThatThrownBy(() -> strict.webhook(URI.create("http://[::1]:8080/"), SECRET))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> strict.webhook(URI.create("http://localhost:8080/hook"), SECRET))
                .as("a name is judged by the addresses it resolves to")
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("loopback");
        assertThatThrownBy(() -> strict.webhook(URI.create("http://0.0.0.0:8080/"), SECRET))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> strict.slack(URI.create("http://[fe80::1]/hook")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("link-local");
        assertThatThrownBy(() -> strict.webhook(URI.create("file:///etc/passwd"), SECRET))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("http(s)");
    }

    @Test
    void aRedirectIsNeverFollowedSoItCannotLeadWhereTheCheckWouldRefuse() throws Exception {
        HttpServer redirecting = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        redirecting.createContext("/", exchange -> {
            exchange.getResponseHeaders().add("Location", receiver.url().toString());
            exchange.sendResponseHeaders(307, -1);
            exchange.close();
        });
        redirecting.start();
        try {
            URI target =
                    URI.create("http://127.0.0.1:" + redirecting.getAddress().getPort() + "/hook");

            assertThatThrownBy(() -> local.webhook(target, SECRET).send(List.of(notice("{}"))))
                    .isInstanceOf(DeliveryFailedException.class)
                    .hasMessage("The webhook receiver answered HTTP 307");
            assertThat(receiver.received())
                    .as("the redirect's target got nothing")
                    .isEmpty();
        } finally {
            redirecting.stop(0);
        }
    }

    @Test
    void aMalformedSecretIsRefused() {
        assertThatThrownBy(() -> local.webhook(receiver.url(), "MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"))
                .hasMessageContaining("whsec_");
        assertThatThrownBy(() -> local.webhook(receiver.url(), "whsec_c2hvcnQ="))
                .hasMessageContaining("24 to 64 bytes");
        assertThatThrownBy(() -> local.webhook(receiver.url(), "whsec_***")).hasMessageContaining("base64");
    }

    @Test
    void slackGetsABlockKitMessageWithAButtonToTheConsoleAndEscapedText() {
        WebhookReceiver slack = WebhookReceiver.start(null);
        try {
            NoticeChannel channel = local.slack(slack.url());

            channel.send(List.of(notice("{}")));

            String body = slack.received().getFirst().body();
            assertThat(body)
                    .contains("\"blocks\":[{\"type\":\"section\"")
                    .contains("*2 models vanished &lt;upstream&gt;*\\n• a/b: 3 users")
                    .contains("\"url\":\"https://admin.example/console/models\"");
            slack.mode(WebhookReceiver.Mode.FAIL);
            assertThatThrownBy(() -> channel.send(List.of(notice("{}"))))
                    .hasMessage("Slack answered HTTP 500")
                    .hasMessageNotContaining(slack.url().toString());
        } finally {
            slack.close();
        }
    }

    private static ClaimedNotice notice(String payload) {
        return new ClaimedNotice(
                UUID.randomUUID(),
                UUID.randomUUID(),
                NoticeKind.MODELS_VANISHED,
                Channel.WEBHOOK,
                Delivery.IMMEDIATE,
                NOW,
                "2 models vanished <upstream>",
                List.of("a/b: 3 users", "c/d: 0 users"),
                "https://admin.example/console/models",
                payload,
                NOW,
                NOW,
                0);
    }
}
