package dev.modelaccess.testsupport.keys;

import dev.modelaccess.core.keys.OpenRouterApiKey;
import dev.modelaccess.core.port.KeyVerification;
import dev.modelaccess.core.port.OpenRouterKeyVerifier;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Plays OpenRouter's {@code GET /key}: accepts every key unless told otherwise, and records what it was asked. */
final class FakeVerifier implements OpenRouterKeyVerifier {

    static final KeyVerification.Valid ACCEPTED =
            new KeyVerification.Valid("sk-or-v1-abc...xyz", null, null, null, BigDecimal.ZERO, true, null);

    private final Map<String, KeyVerification> answers = new HashMap<>();
    private final List<String> asked = new ArrayList<>();
    private Runnable onVerify = () -> {};

    void answer(String apiKey, KeyVerification verification) {
        answers.put(apiKey, verification);
    }

    /** Runs {@code action} during every verification, e.g. to change a row while a batch job waits on OpenRouter. */
    void duringVerification(Runnable action) {
        onVerify = action;
    }

    List<String> asked() {
        return asked;
    }

    @Override
    public KeyVerification verifyKey(OpenRouterApiKey apiKey) {
        asked.add(apiKey.value());
        onVerify.run();
        return answers.getOrDefault(apiKey.value(), ACCEPTED);
    }
}
