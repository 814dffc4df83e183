package dev.modelaccess.testsupport.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jspecify.annotations.Nullable;

/**
 * A webhook receiver on loopback that checks every request's Standard Webhooks signature with its own HMAC (written
 * from the specification, independent of the library's signer), and can answer 500, hang, or be down (stopped and
 * started again on the same port, like a receiver restarting).
 */
public final class WebhookReceiver implements AutoCloseable {

    /** How the receiver answers. */
    public enum Mode {
        ACCEPT,
        FAIL,
        HANG
    }

    /** One request as received. */
    public record Received(
            @Nullable String id,
            @Nullable String timestamp,
            @Nullable String signature,
            String body,
            boolean signatureValid,
            int answered) {}

    private final @Nullable String secret;
    private final int port;
    private final List<Received> received = new ArrayList<>();
    private volatile Mode mode = Mode.ACCEPT;
    private volatile CountDownLatch hang = new CountDownLatch(1);
    private @Nullable HttpServer server;

    private WebhookReceiver(@Nullable String secret, int port) {
        this.secret = secret;
        this.port = port;
    }

    /** Started on a free loopback port; {@code secret} ({@code whsec_…}) checks signatures, null checks none. */
    public static WebhookReceiver start(@Nullable String secret) {
        WebhookReceiver receiver = new WebhookReceiver(secret, 0);
        receiver.up();
        return receiver;
    }

    public URI url() {
        return URI.create("http://127.0.0.1:" + port() + "/hook");
    }

    public synchronized int port() {
        if (server == null) {
            throw new IllegalStateException("down");
        }
        return server.getAddress().getPort();
    }

    public void mode(Mode mode) {
        if (this.mode == Mode.HANG && mode != Mode.HANG) {
            hang.countDown();
        }
        hang = new CountDownLatch(1);
        this.mode = mode;
    }

    /** Stops listening: connections are refused until {@link #up()}. */
    public synchronized void down() {
        if (server != null) {
            hang.countDown();
            server.stop(0);
        }
    }

    /** Listens again, on the same port as before. */
    public synchronized void up() {
        int bindTo = server == null ? port : server.getAddress().getPort();
        try {
            HttpServer started =
                    HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), bindTo), 100);
            started.setExecutor(Executors.newFixedThreadPool(8, runnable -> {
                Thread thread = new Thread(runnable, "webhook-receiver");
                thread.setDaemon(true);
                return thread;
            }));
            started.createContext("/", this::handle);
            started.start();
            server = started;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every request received, in order. */
    public synchronized List<Received> received() {
        return List.copyOf(received);
    }

    /** Requests answered 2xx. */
    public synchronized List<Received> accepted() {
        return received.stream().filter(r -> r.answered() / 100 == 2).toList();
    }

    @Override
    public void close() {
        down();
    }

    private void handle(HttpExchange exchange) throws IOException {
        String body;
        try (InputStream in = exchange.getRequestBody()) {
            body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        String id = exchange.getRequestHeaders().getFirst("webhook-id");
        String timestamp = exchange.getRequestHeaders().getFirst("webhook-timestamp");
        String signature = exchange.getRequestHeaders().getFirst("webhook-signature");
        boolean valid = secret != null && verify(secret, id, timestamp, signature, body);
        Mode now = mode;
        if (now == Mode.HANG) {
            try {
                hang.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        int status = now == Mode.ACCEPT ? 204 : 500;
        synchronized (this) {
            received.add(new Received(id, timestamp, signature, body, valid, now == Mode.HANG ? 0 : status));
        }
        try {
            exchange.sendResponseHeaders(status, -1);
        } catch (IOException e) {
            // the sender gave up waiting
        } finally {
            exchange.close();
        }
    }

    /**
     * The specification's check: the signature header holds space-separated {@code v1,<base64>} entries; one must
     * equal base64(HMAC-SHA256(base64-decoded secret after {@code whsec_}, id.timestamp.body)).
     */
    public static boolean verify(
            String secret, @Nullable String id, @Nullable String timestamp, @Nullable String header, String body) {
        if (id == null || timestamp == null || header == null) {
            return false;
        }
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(Base64.getDecoder().decode(secret.substring("whsec_".length())), "HmacSHA256"));
            byte[] expected = mac.doFinal((id + "." + timestamp + "." + body).getBytes(StandardCharsets.UTF_8));
            for (String entry : header.split(" ")) {
                if (entry.startsWith("v1,")
                        && MessageDigest.isEqual(expected, Base64.getDecoder().decode(entry.substring(3)))) {
                    return true;
                }
            }
            return false;
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
    }
}
