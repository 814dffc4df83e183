package dev.modelaccess.spring;

import dev.modelaccess.core.port.ModelCatalogSource;
import dev.modelaccess.openrouter.OpenRouterClient;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/** The OpenRouter client the catalog comes from, configured by {@code modelaccess.openrouter.*}. */
@AutoConfiguration
@ConditionalOnClass(OpenRouterClient.class)
@EnableConfigurationProperties(ModelAccessProperties.class)
public class ModelAccessOpenRouterAutoConfiguration {

    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean(ModelCatalogSource.class)
    public OpenRouterClient modelAccessOpenRouterClient(ModelAccessProperties properties) {
        ModelAccessProperties.OpenRouter settings = properties.openrouter();
        return OpenRouterClient.builder()
                .baseUrl(settings.baseUrl().toString())
                .apiKey(blankToNull(settings.apiKey()))
                .outputModalities(settings.outputModalities())
                .connectTimeout(settings.connectTimeout())
                .readTimeout(settings.readTimeout())
                .build();
    }

    private static @org.jspecify.annotations.Nullable String blankToNull(
            @org.jspecify.annotations.Nullable String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
