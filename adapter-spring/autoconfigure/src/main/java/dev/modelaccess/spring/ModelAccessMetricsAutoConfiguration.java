package dev.modelaccess.spring;

import dev.modelaccess.core.access.AccessRuleCache;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * Micrometer meters of model-access ({@link ModelAccessMetrics}), when Micrometer is on the class path. They are
 * bound to every registry Spring Boot manages.
 */
@AutoConfiguration(after = ModelAccessAutoConfiguration.class)
@ConditionalOnClass(MeterRegistry.class)
@ConditionalOnBean(AccessRuleCache.class)
public class ModelAccessMetricsAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    public ModelAccessMetrics modelAccessMetrics(
            AccessRuleCache rules, ObjectProvider<CaffeineLiveCatalog> liveCatalog, ObjectProvider<Clock> clock) {
        CaffeineLiveCatalog live = liveCatalog.getIfUnique();
        return new ModelAccessMetrics(
                rules,
                live == null ? Optional::<Instant>empty : live::fetchedAt,
                ModelAccessAutoConfiguration.clock(clock));
    }
}
