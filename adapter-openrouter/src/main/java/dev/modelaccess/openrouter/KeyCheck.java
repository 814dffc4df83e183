package dev.modelaccess.openrouter;

import dev.modelaccess.core.MalformedUpstreamResponseException;
import dev.modelaccess.core.UpstreamException;
import dev.modelaccess.core.UpstreamRejectedException;
import dev.modelaccess.core.keys.OpenRouterApiKey;
import dev.modelaccess.core.port.KeyVerification;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@code GET /key}: whether OpenRouter accepts a user's key, and what it says about it. */
final class KeyCheck {

    private static final Logger log = LoggerFactory.getLogger(OpenRouterClient.class);

    private KeyCheck() {}

    /** See {@link OpenRouterClient#verifyKey(OpenRouterApiKey)}. */
    static KeyVerification verify(OpenRouterApi api, OpenRouterApiKey apiKey) {
        String key = apiKey.value();
        try {
            UpstreamCalls.bearerKey(key);
        } catch (IllegalArgumentException e) {
            return logged(
                    new KeyVerification.Invalid(
                            "The key is not well-formed (empty, too long, or with characters a key never has); it was not sent"));
        }
        try {
            return logged(valid(UpstreamCalls.call(() -> api.currentKey(key)), key));
        } catch (UpstreamRejectedException e) {
            Integer status = e.status();
            String reason = UpstreamCalls.redact(e.getMessage(), key);
            boolean refused = status != null && (status == 401 || status == 403);
            return logged(refused ? new KeyVerification.Invalid(reason) : new KeyVerification.Unavailable(reason));
        } catch (UpstreamException e) {
            return logged(new KeyVerification.Unavailable(UpstreamCalls.redact(e.getMessage(), key)));
        }
    }

    /** The key record; a label that echoed the key (OpenRouter masks it) would be redacted. */
    static KeyVerification.Valid valid(KeyResponse response, String key) {
        KeyResponse.Data data = response.data();
        if (data == null || data.usage() == null) {
            throw unusable("HTTP 200 without a key record");
        }
        Instant expiresAt = null;
        if (data.expiresAt() != null) {
            try {
                expiresAt = OffsetDateTime.parse(data.expiresAt()).toInstant();
            } catch (DateTimeException e) {
                throw unusable("expires_at is not an ISO 8601 date-time");
            }
        }
        return new KeyVerification.Valid(
                data.label() == null ? null : UpstreamCalls.redact(data.label(), key),
                data.limit(),
                data.limitRemaining(),
                data.limitReset(),
                data.usage(),
                Boolean.TRUE.equals(data.isFreeTier()),
                expiresAt);
    }

    private static MalformedUpstreamResponseException unusable(String why) {
        return MalformedUpstreamResponseException.of("OpenRouter's answer to GET /key is unusable: " + why, 200);
    }

    private static KeyVerification logged(KeyVerification verification) {
        switch (verification) {
            case KeyVerification.Valid valid -> log.debug("OpenRouter accepted a user key");
            case KeyVerification.Invalid invalid -> log.info("A user key is invalid: {}", invalid.reason());
            case KeyVerification.Unavailable unavailable ->
                log.warn("Could not check a user key with OpenRouter: {}", unavailable.reason());
        }
        return verification;
    }
}
