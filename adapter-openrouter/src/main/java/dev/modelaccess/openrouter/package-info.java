/**
 * The OpenRouter adapter: {@link dev.modelaccess.openrouter.OpenRouterClient} fetches the model catalog and checks
 * users' API keys over Feign on {@code java.net.http}, with Jackson 3. Everything else here is package-private.
 */
@NullMarked
package dev.modelaccess.openrouter;

import org.jspecify.annotations.NullMarked;
