package dev.modelaccess.notify;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Standard Webhooks signatures: {@code v1,} + base64(HMAC-SHA256(key, id + "." + timestamp + "." + body)), the key
 * being the base64 part of a {@code whsec_} secret.
 */
final class WebhookSigner {

    static final String PREFIX = "whsec_";

    private final byte[] key;

    private WebhookSigner(byte[] key) {
        this.key = key;
    }

    static WebhookSigner of(String secret) {
        if (secret == null || !secret.startsWith(PREFIX)) {
            throw new IllegalArgumentException("The webhook secret must start with " + PREFIX);
        }
        byte[] key;
        try {
            key = Base64.getDecoder().decode(secret.substring(PREFIX.length()));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("The webhook secret after " + PREFIX + " must be base64", e);
        }
        if (key.length < 24 || key.length > 64) {
            throw new IllegalArgumentException("The webhook secret must hold 24 to 64 bytes, not " + key.length);
        }
        return new WebhookSigner(key);
    }

    String sign(String id, long timestamp, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            byte[] digest = mac.doFinal((id + "." + timestamp + "." + body).getBytes(StandardCharsets.UTF_8));
            return "v1," + Base64.getEncoder().encodeToString(digest);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }
}
