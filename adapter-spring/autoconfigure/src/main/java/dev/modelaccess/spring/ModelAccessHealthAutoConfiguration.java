package dev.modelaccess.spring;

import dev.modelaccess.core.port.ModelAccessStore;
import java.time.Clock;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;

/**
 * The {@code modelAccess} health indicator ({@link ModelAccessHealthIndicator}), when Spring Boot's health support
 * is on the class path; {@code management.health.modelaccess.enabled=false} switches it off.
 */
@AutoConfiguration(after = ModelAccessAutoConfiguration.class)
@ConditionalOnClass(HealthIndicator.class)
@ConditionalOnBean(ModelAccessStore.class)
@ConditionalOnEnabledHealthIndicator("modelaccess")
@EnableConfigurationProperties(ModelAccessProperties.class)
public class ModelAccessHealthAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    public ModelAccessHealthIndicator modelAccessHealthIndicator(
            ModelAccessStore store,
            ModelAccessProperties properties,
            ObjectProvider<Clock> clock,
            ObjectProvider<CatalogCacheRefresher> refresher) {
        return new ModelAccessHealthIndicator(
                store, properties.health(), ModelAccessAutoConfiguration.clock(clock), () -> {
                    CatalogCacheRefresher cache = refresher.getIfUnique();
                    return cache == null ? null : cache.changePath();
                });
    }
}
