/**
 * Users' own OpenRouter API keys (bring your own key): the {@link dev.modelaccess.core.keys.UserKeys} use case,
 * and the ports it needs — {@link dev.modelaccess.core.keys.SecretCipher} (encryption at rest) and {@link
 * dev.modelaccess.core.keys.UserKeyStore} (the {@code user_openrouter_integrations} table). Verification against
 * OpenRouter goes through {@link dev.modelaccess.core.port.OpenRouterKeyVerifier}.
 */
@NullMarked
package dev.modelaccess.core.keys;

import org.jspecify.annotations.NullMarked;
