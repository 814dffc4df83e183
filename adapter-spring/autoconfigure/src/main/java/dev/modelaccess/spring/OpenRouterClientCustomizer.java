package dev.modelaccess.spring;

import dev.modelaccess.openrouter.OpenRouterClient;

/**
 * Customizes the {@link OpenRouterClient.Builder} of every client the starter builds (the catalog client and, when
 * that one was replaced, the client for users' calls) after {@code modelaccess.openrouter.*} has been applied: retries
 * ({@link OpenRouterClient.Builder#maxAttempts}, {@link OpenRouterClient.Builder#initialBackoff}, {@link
 * OpenRouterClient.Builder#maxRetryAfter}), timeouts, a clock. Every bean of this type is applied, in {@link
 * org.springframework.core.annotation.Order @Order}/{@link org.springframework.core.Ordered} order.
 *
 * <pre>{@code
 * @Bean
 * OpenRouterClientCustomizer patientOpenRouter() {
 *     return builder -> builder.maxAttempts(5).readTimeout(Duration.ofSeconds(60));
 * }
 * }</pre>
 */
@FunctionalInterface
public interface OpenRouterClientCustomizer {

    void customize(OpenRouterClient.Builder builder);
}
