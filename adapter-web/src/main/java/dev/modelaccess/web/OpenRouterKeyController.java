package dev.modelaccess.web;

import dev.modelaccess.core.keys.KeyDetails;
import dev.modelaccess.core.keys.UserKeyStatus;
import dev.modelaccess.core.keys.UserKeys;
import java.math.BigDecimal;
import java.time.Instant;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The signed-in user's own OpenRouter key. Storing verifies it with OpenRouter and encrypts it; every answer holds
 * its hint and status, never the key.
 */
@RestController
@ModelAccessApi
@RequestMapping("${modelaccess.web.base-path:/api}/me/openrouter-key")
class OpenRouterKeyController {

    private final UserKeys keys;

    OpenRouterKeyController(UserKeys keys) {
        this.keys = keys;
    }

    /** The stored key's hint and status; 404 when there is none. */
    @GetMapping
    KeyView status(ModelAccessCaller caller) {
        return keys.status(caller.userId())
                .map(KeyView::of)
                .orElseThrow(() -> new NotFoundException("You have no OpenRouter key stored"));
    }

    /**
     * Verifies the key with OpenRouter, encrypts and stores it, replacing any earlier one. 422 when it is not shaped
     * like a key or OpenRouter refuses it, 503 when OpenRouter cannot say or no key material is configured; nothing
     * is stored in those cases.
     */
    @PutMapping
    KeyView store(ModelAccessCaller caller, @RequestBody ApiKeyRequest request) {
        String apiKey = request.apiKey();
        if (apiKey == null) {
            throw new InvalidRequestException("Give the key: {\"api_key\":\"sk-or-…\"}");
        }
        return KeyView.of(keys.save(caller.userId(), apiKey));
    }

    /** Deletes the stored key; 204 whether or not there was one. */
    @DeleteMapping
    ResponseEntity<Void> delete(ModelAccessCaller caller) {
        keys.delete(caller.userId());
        return ResponseEntity.status(HttpStatus.NO_CONTENT).build();
    }

    /** {@code PUT} body. {@link #toString()} leaves the key out. */
    record ApiKeyRequest(@Nullable String apiKey) {
        @Override
        public String toString() {
            return "ApiKeyRequest[apiKey=" + (apiKey == null ? "none" : "******") + "]";
        }
    }

    /** What the user sees of their key, with what OpenRouter last said about it (null when not known). */
    record KeyView(
            String keyHint,
            boolean isValid,
            boolean isEnabled,
            @Nullable Instant lastVerifiedAt,
            Instant createdAt,
            Instant updatedAt,
            @Nullable String label,
            @Nullable BigDecimal limit,
            @Nullable BigDecimal limitRemaining,
            @Nullable String limitReset,
            @Nullable BigDecimal usage,
            @Nullable Boolean isFreeTier,
            @Nullable Instant expiresAt) {

        static KeyView of(UserKeyStatus status) {
            KeyDetails details = status.details();
            return new KeyView(
                    status.keyHint(),
                    status.valid(),
                    status.enabled(),
                    status.lastVerifiedAt(),
                    status.createdAt(),
                    status.updatedAt(),
                    details == null ? null : details.label(),
                    details == null ? null : details.limit(),
                    details == null ? null : details.limitRemaining(),
                    details == null ? null : details.limitReset(),
                    details == null ? null : details.usage(),
                    details == null ? null : details.freeTier(),
                    details == null ? null : details.expiresAt());
        }
    }
}
