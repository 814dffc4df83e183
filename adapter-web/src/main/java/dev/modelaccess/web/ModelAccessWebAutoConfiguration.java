package dev.modelaccess.web;

import dev.modelaccess.core.access.AccessRuleCache;
import dev.modelaccess.core.access.ModelAccessService;
import dev.modelaccess.core.access.ModelAdministration;
import dev.modelaccess.core.decisions.CatalogAsCode;
import dev.modelaccess.core.keys.UserKeys;
import dev.modelaccess.core.notify.NoticeOutbox;
import dev.modelaccess.core.policy.CatalogRuleCache;
import dev.modelaccess.core.port.ModelAccessStore;
import dev.modelaccess.core.port.SuccessionStore;
import dev.modelaccess.core.succession.Succession;
import dev.modelaccess.core.succession.SuccessionCache;
import dev.modelaccess.spring.ModelAccessAutoConfiguration;
import dev.modelaccess.spring.ModelAccessKeyMaintenance;
import dev.modelaccess.spring.ModelAccessKeysAutoConfiguration;
import dev.modelaccess.spring.ModelAccessSyncJob;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.converter.HttpMessageConverters;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.DispatcherServlet;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import tools.jackson.databind.json.JsonMapper;

/**
 * The HTTP API of model-access, served only in a servlet web application with Spring MVC that switches it on with
 * {@code modelaccess.web.enabled=true}. Every bean backs off to one the host defines; the host's security, JSON
 * settings and error handling are left as they are.
 */
@AutoConfiguration(after = {ModelAccessAutoConfiguration.class, ModelAccessKeysAutoConfiguration.class})
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass(DispatcherServlet.class)
@ConditionalOnProperty(prefix = "modelaccess.web", name = "enabled", havingValue = "true")
@EnableConfigurationProperties(ModelAccessWebProperties.class)
public class ModelAccessWebAutoConfiguration {

    /** The name of the filter registration bounding the API's request bodies. */
    public static final String BODY_LIMIT = "modelAccessRequestBodyLimit";

    @Bean
    @ConditionalOnMissingBean
    CallerResolver modelAccessCallerResolver(ModelAccessWebProperties properties) {
        return new DefaultCallerResolver(properties.security());
    }

    @Bean
    @ConditionalOnMissingBean
    ModelsResponses modelAccessModelsResponses() {
        return new ModelsResponses(ModelAccessJson.mapper());
    }

    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnBean(ModelAccessService.class)
    ModelsController modelAccessModelsController(ModelAccessService access, ModelsResponses responses) {
        return new ModelsController(access, responses);
    }

    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnBean({ModelAccessStore.class, ModelAdministration.class, AccessRuleCache.class})
    AdminModelsController modelAccessAdminModelsController(
            ModelAccessStore store, ModelAdministration administration, AccessRuleCache rules) {
        return new AdminModelsController(store, administration, rules);
    }

    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnBean({Succession.class, SuccessionStore.class, SuccessionCache.class, ModelAccessStore.class})
    AdminSuccessionController modelAccessAdminSuccessionController(
            Succession succession, SuccessionStore store, SuccessionCache cache, ModelAccessStore catalog) {
        return new AdminSuccessionController(succession, store, cache, catalog);
    }

    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnBean({
        ModelAccessStore.class,
        dev.modelaccess.core.policy.CatalogRuleCache.class,
        dev.modelaccess.core.policy.RulePreview.class,
        dev.modelaccess.core.policy.PendingRules.class,
        dev.modelaccess.core.policy.ReviewHolds.class,
        dev.modelaccess.core.policy.HoldReview.class
    })
    AdminPolicyController modelAccessAdminPolicyController(
            ModelAccessStore store,
            dev.modelaccess.core.policy.CatalogRuleCache rules,
            dev.modelaccess.core.policy.RulePreview preview,
            dev.modelaccess.core.policy.PendingRules pending,
            dev.modelaccess.core.policy.ReviewHolds holds,
            dev.modelaccess.core.policy.HoldReview holdReview) {
        return new AdminPolicyController(store, rules, preview, pending, holds, holdReview);
    }

    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnBean({CatalogAsCode.class, AccessRuleCache.class})
    AdminCatalogController modelAccessAdminCatalogController(
            CatalogAsCode catalog,
            AccessRuleCache access,
            ObjectProvider<CatalogRuleCache> rules,
            ObjectProvider<SuccessionCache> succession,
            ModelAccessWebProperties properties) {
        return new AdminCatalogController(
                catalog, access, rules.getIfUnique(), succession.getIfUnique(), properties.maxImportSize());
    }

    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnBean({ModelAccessStore.class, ModelAccessSyncJob.class})
    AdminSyncController modelAccessAdminSyncController(ModelAccessStore store, ModelAccessSyncJob job) {
        return new AdminSyncController(store, job);
    }

    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnBean(NoticeOutbox.class)
    AdminNotificationsController modelAccessAdminNotificationsController(
            NoticeOutbox outbox, org.springframework.beans.factory.ObjectProvider<java.time.Clock> clock) {
        return new AdminNotificationsController(outbox, clock.getIfUnique(java.time.Clock::systemUTC));
    }

    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnBean(ModelAccessKeyMaintenance.class)
    AdminKeysController modelAccessAdminKeysController(ModelAccessKeyMaintenance maintenance) {
        return new AdminKeysController(maintenance);
    }

    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnBean(UserKeys.class)
    OpenRouterKeyController modelAccessOpenRouterKeyController(UserKeys keys) {
        return new OpenRouterKeyController(keys);
    }

    @Bean
    @ConditionalOnMissingBean
    ModelAccessWebProblems modelAccessWebProblems() {
        return new ModelAccessWebProblems();
    }

    @Bean
    @ConditionalOnMissingBean
    ModelAccessWebMvc modelAccessWebMvc(CallerResolver callers) {
        return new ModelAccessWebMvc(callers, ModelAccessJson.mapper());
    }

    @Bean(BODY_LIMIT)
    @ConditionalOnMissingBean(name = BODY_LIMIT)
    FilterRegistrationBean<RequestBodyLimitFilter> modelAccessRequestBodyLimit(ModelAccessWebProperties properties) {
        String base = basePath(properties.basePath());
        FilterRegistrationBean<RequestBodyLimitFilter> registration =
                new FilterRegistrationBean<>(new RequestBodyLimitFilter(
                        properties.maxBodySize(), Map.of(base + "/admin/catalog/import", properties.maxImportSize())));
        registration.setName(BODY_LIMIT);
        registration.setUrlPatterns(List.of(base + "/models", base + "/me/*", base + "/admin/*"));
        return registration;
    }

    /** The module's part of the host's OpenAPI description, when the host uses springdoc. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "org.springdoc.core.customizers.OperationCustomizer")
    static class OpenApi {

        @Bean
        @ConditionalOnMissingBean
        ModelAccessOpenApi modelAccessOpenApi() {
            return new ModelAccessOpenApi();
        }

        /** The notification webhook's payloads as components (a receiver's types, a verifier's documentation). */
        @Bean
        @ConditionalOnMissingBean
        WebhookPayloadsOpenApi modelAccessWebhookPayloadsOpenApi() {
            return new WebhookPayloadsOpenApi();
        }
    }

    /** {@code /api/} and {@code api} both mean {@code /api}. */
    static String basePath(String path) {
        String trimmed = path.strip();
        while (trimmed.endsWith("/")) {
            trimmed = trimmed.substring(0, trimmed.length() - 1);
        }
        return trimmed.isEmpty() || trimmed.startsWith("/") ? trimmed : "/" + trimmed;
    }

    /** The module's interceptor, caller parameter and JSON converter in Spring MVC. */
    record ModelAccessWebMvc(CallerResolver callers, JsonMapper json) implements WebMvcConfigurer {

        @Override
        public void addInterceptors(InterceptorRegistry registry) {
            registry.addInterceptor(new CallerInterceptor(callers, new ProblemWriter(json)));
        }

        @Override
        public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
            resolvers.add(new CallerArgumentResolver(callers));
        }

        @Override
        public void configureMessageConverters(HttpMessageConverters.ServerBuilder builder) {
            builder.addCustomConverter(new ModelAccessJsonConverter(json));
        }
    }
}
