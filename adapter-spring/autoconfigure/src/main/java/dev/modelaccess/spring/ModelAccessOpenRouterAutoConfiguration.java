package dev.modelaccess.spring;

import dev.modelaccess.core.port.ModelCatalogSource;
import dev.modelaccess.openrouter.OpenRouterClient;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * The OpenRouter client the catalog comes from, configured by {@code modelaccess.openrouter.*} and then by every
 * {@link OpenRouterClientCustomizer}.
 */
@AutoConfiguration
@ConditionalOnClass(OpenRouterClient.class)
@EnableConfigurationProperties(ModelAccessProperties.class)
public class ModelAccessOpenRouterAutoConfiguration {

    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean(ModelCatalogSource.class)
    public OpenRouterClient modelAccessOpenRouterClient(
            ModelAccessProperties properties, ObjectProvider<OpenRouterClientCustomizer> customizers) {
        ModelAccessProperties.OpenRouter settings = properties.openrouter();
        OpenRouterClient.Builder builder = OpenRouterClient.builder()
                .baseUrl(settings.baseUrl().toString())
                .apiKey(blankToNull(settings.apiKey()))
                .outputModalities(settings.outputModalities())
                .connectTimeout(settings.connectTimeout())
                .readTimeout(settings.readTimeout());
        return customized(builder, customizers).build();
    }

    /** {@code builder} after every {@link OpenRouterClientCustomizer}, in order. */
    static OpenRouterClient.Builder customized(
            OpenRouterClient.Builder builder, ObjectProvider<OpenRouterClientCustomizer> customizers) {
        customizers.orderedStream().forEach(customizer -> customizer.customize(builder));
        return builder;
    }

    private static @org.jspecify.annotations.Nullable String blankToNull(
            @org.jspecify.annotations.Nullable String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
