package dev.modelaccess.web.console;

import dev.modelaccess.core.access.ModelAccessService;
import dev.modelaccess.core.port.ModelAccessStore;
import dev.modelaccess.core.port.UserProfiles;
import dev.modelaccess.web.ModelAccessWebAutoConfiguration;
import dev.modelaccess.web.ModelAccessWebProperties;
import java.time.Clock;
import java.util.Map;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.handler.SimpleUrlHandlerMapping;

/**
 * The admin console of the web module: its extra admin endpoints whenever the API is on, and its static pages when
 * {@code modelaccess.web.console.enabled=true} too.
 */
@AutoConfiguration(after = ModelAccessWebAutoConfiguration.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnProperty(prefix = "modelaccess.web", name = "enabled", havingValue = "true")
@EnableConfigurationProperties(ModelAccessWebProperties.class)
public class ModelAccessConsoleAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnBean({ModelAccessStore.class, ModelAccessService.class, UserProfiles.class})
    ConsoleAdminController modelAccessConsoleAdminController(
            ModelAccessStore store, ModelAccessService access, UserProfiles profiles, ObjectProvider<Clock> clock) {
        return new ConsoleAdminController(store, access, profiles, clock.getIfAvailable(Clock::systemUTC));
    }

    /** The console's pages, served from the jar. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnProperty(prefix = "modelaccess.web.console", name = "enabled", havingValue = "true")
    static class ConsolePageConfiguration {

        @Bean
        @ConditionalOnMissingBean(name = "modelAccessConsoleHandlerMapping")
        SimpleUrlHandlerMapping modelAccessConsoleHandlerMapping(ModelAccessWebProperties properties) {
            ConsolePaths paths = ConsolePaths.of(properties);
            ConsolePages pages = new ConsolePages(paths);
            SimpleUrlHandlerMapping mapping = new SimpleUrlHandlerMapping(
                    Map.of(paths.consoleNoSlash(), pages, paths.console(), pages, paths.console() + "**", pages));
            // After the annotated controllers (order 0), so a host may add routes under the console path (a demo hook).
            mapping.setOrder(1);
            return mapping;
        }

        @Bean
        @ConditionalOnMissingBean(name = "modelAccessConsoleHeaders")
        FilterRegistrationBean<ConsoleHeadersFilter> modelAccessConsoleHeaders(ModelAccessWebProperties properties) {
            ConsolePaths paths = ConsolePaths.of(properties);
            FilterRegistrationBean<ConsoleHeadersFilter> registration =
                    new FilterRegistrationBean<>(new ConsoleHeadersFilter(paths));
            registration.addUrlPatterns(paths.consoleNoSlash(), paths.console() + "*");
            registration.setName("modelAccessConsoleHeaders");
            return registration;
        }
    }
}
