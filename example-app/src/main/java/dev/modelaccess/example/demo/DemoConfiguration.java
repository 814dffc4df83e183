package dev.modelaccess.example.demo;

import dev.modelaccess.core.access.AccessRuleCache;
import dev.modelaccess.core.access.ModelAdministration;
import dev.modelaccess.core.port.ModelAccessStore;
import dev.modelaccess.example.DemoMode;
import dev.modelaccess.example.security.TokenKeys;
import dev.modelaccess.spring.ModelAccessSyncScheduler;
import java.time.Clock;
import org.jooq.DSLContext;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/** The demo mode (see {@link DemoMode}): on by default on the embedded database. */
@Configuration(proxyBeanMethods = false)
@Conditional(DemoMode.class)
@EnableConfigurationProperties(DemoProperties.class)
class DemoConfiguration {

    @Bean
    DemoRunner demoRunner(
            DSLContext dsl,
            ModelAccessStore store,
            ModelAdministration administration,
            AccessRuleCache rules,
            TokenKeys keys,
            DemoProperties properties,
            ObjectProvider<ModelAccessSyncScheduler> syncScheduler,
            ObjectProvider<Clock> clock,
            Environment environment) {
        DemoSetup setup = keys.hmacSecret()
                .map(secret -> new DemoSetup(
                        dsl,
                        store,
                        administration,
                        rules,
                        secret,
                        properties.tokenValidity(),
                        clock.getIfUnique(Clock::systemUTC)))
                .orElse(null);
        return new DemoRunner(setup, store, syncScheduler.getIfUnique(), properties, environment);
    }
}
