package dev.modelaccess.spring;

import dev.modelaccess.core.access.AccessRuleCache;
import dev.modelaccess.core.access.LiveCatalog;
import dev.modelaccess.core.access.ModelAccessService;
import dev.modelaccess.core.access.ModelAdministration;
import dev.modelaccess.core.access.TierPolicy;
import dev.modelaccess.core.decisions.CatalogAsCode;
import dev.modelaccess.core.notify.Notifications;
import dev.modelaccess.core.policy.CatalogPolicy;
import dev.modelaccess.core.policy.CatalogRuleCache;
import dev.modelaccess.core.policy.CatalogRules;
import dev.modelaccess.core.policy.HoldReview;
import dev.modelaccess.core.policy.PendingRules;
import dev.modelaccess.core.policy.PriceHolds;
import dev.modelaccess.core.policy.RulePreview;
import dev.modelaccess.core.policy.RuleSet;
import dev.modelaccess.core.port.CatalogChangeFeed;
import dev.modelaccess.core.port.DecisionStore;
import dev.modelaccess.core.port.ModelAccessStore;
import dev.modelaccess.core.port.ModelCatalogSource;
import dev.modelaccess.core.port.ModelReferences;
import dev.modelaccess.core.port.SuccessionStore;
import dev.modelaccess.core.port.UserProfiles;
import dev.modelaccess.core.succession.Succession;
import dev.modelaccess.core.succession.SuccessionCache;
import dev.modelaccess.core.succession.SuccessionRules;
import dev.modelaccess.core.sync.CatalogSync;
import dev.modelaccess.core.sync.SyncGuards;
import java.time.Clock;
import java.util.UUID;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.scheduling.TaskScheduler;

/**
 * The model dropdown, the call-time check, admin review, the in-memory lists that serve them and the jobs that
 * keep them fresh. Active once there is a {@link ModelAccessStore} and a {@link ModelCatalogSource} (the starter
 * provides both; an application may provide its own).
 *
 * <p>Time comes from the application's {@link Clock} bean when it has exactly one, else the system clock in UTC.
 * Jobs run on the application's {@link TaskScheduler} when it has exactly one, else on a small scheduler of the
 * library's own; {@code @EnableScheduling} is never switched on.
 */
@AutoConfiguration(
        after = {ModelAccessJooqAutoConfiguration.class, ModelAccessOpenRouterAutoConfiguration.class},
        afterName = "org.springframework.boot.autoconfigure.task.TaskSchedulingAutoConfiguration")
@ConditionalOnBean({ModelAccessStore.class, ModelCatalogSource.class})
@EnableConfigurationProperties(ModelAccessProperties.class)
public class ModelAccessAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    public TierPolicy modelAccessTierPolicy() {
        return TierPolicy.flags();
    }

    @Bean
    @ConditionalOnMissingBean
    public AccessRuleCache modelAccessRules(ModelAccessStore store, ObjectProvider<Clock> clock) {
        return new AccessRuleCache(store, clock(clock));
    }

    @Bean
    @ConditionalOnMissingBean(LiveCatalog.class)
    public CaffeineLiveCatalog modelAccessLiveCatalog(
            ModelCatalogSource source, ModelAccessProperties properties, ObjectProvider<Clock> clock) {
        ModelAccessProperties.Catalog settings = properties.catalog();
        return new CaffeineLiveCatalog(
                source,
                settings.cacheTtl(),
                settings.failureBackoff(),
                properties.sync().guard().minUpstreamRatio(),
                clock(clock));
    }

    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnBean(UserProfiles.class)
    public ModelAccessService modelAccessService(
            LiveCatalog liveCatalog,
            AccessRuleCache rules,
            TierPolicy policy,
            UserProfiles profiles,
            ModelAccessProperties properties,
            ObjectProvider<SuccessionRules> succession) {
        return new ModelAccessService(
                liveCatalog,
                rules,
                policy,
                profiles,
                properties.defaultModel(),
                succession.getIfUnique(SuccessionRules::none));
    }

    /** Successors and tier defaults in memory, when there is a store for them. */
    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnBean(SuccessionStore.class)
    public SuccessionCache modelAccessSuccessionCache(SuccessionStore store, ObjectProvider<Clock> clock) {
        return new SuccessionCache(store, clock(clock));
    }

    /** Successors and tier defaults; a carry-over moves every {@link ModelReferences} bean, in their order. */
    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnBean(SuccessionStore.class)
    public Succession modelAccessSuccession(
            SuccessionStore store,
            ObjectProvider<ModelReferences> references,
            TierPolicy policy,
            ObjectProvider<Clock> clock) {
        return new Succession(store, references.orderedStream().toList(), policy, clock(clock));
    }

    /** The catalog as code: every admin decision exported, and imported with a dry run first. */
    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnBean({DecisionStore.class, Succession.class})
    public CatalogAsCode modelAccessCatalogAsCode(
            DecisionStore store, Succession succession, ObjectProvider<Clock> clock) {
        return new CatalogAsCode(store, succession, clock(clock));
    }

    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnBean({SuccessionCache.class, Succession.class})
    public SuccessionRefresher modelAccessSuccessionRefresher(
            SuccessionCache cache,
            Succession succession,
            ObjectProvider<CatalogChangeFeed> feed,
            ModelAccessTaskScheduler scheduler,
            ModelAccessProperties properties,
            ObjectProvider<Clock> clock) {
        return new SuccessionRefresher(
                cache,
                succession,
                feed.getIfUnique(),
                scheduler,
                properties.catalog().rulesReloadInterval(),
                clock(clock));
    }

    @Bean
    @ConditionalOnMissingBean
    public ModelAdministration modelAdministration(ModelAccessStore store, ObjectProvider<Clock> clock) {
        return new ModelAdministration(store, clock(clock));
    }

    @Bean
    @ConditionalOnMissingBean
    public ModelAccessTaskScheduler modelAccessTaskScheduler(ObjectProvider<TaskScheduler> hostScheduler) {
        return new ModelAccessTaskScheduler(hostScheduler.getIfUnique());
    }

    @Bean
    @ConditionalOnMissingBean
    public CatalogCacheRefresher modelAccessCacheRefresher(
            AccessRuleCache rules,
            ObjectProvider<CatalogChangeFeed> feed,
            ObjectProvider<CaffeineLiveCatalog> liveCatalog,
            ModelAccessTaskScheduler scheduler,
            ModelAccessProperties properties,
            ObjectProvider<Clock> clock,
            ObjectProvider<CatalogRuleCache> catalogRules) {
        CatalogRuleCache catalogRuleCache = catalogRules.getIfUnique();
        return new CatalogCacheRefresher(
                rules,
                feed.getIfUnique(),
                liveCatalog.getIfUnique(),
                scheduler,
                properties.catalog().rulesReloadInterval(),
                clock(clock),
                catalogRuleCache == null ? () -> {} : catalogRuleCache::reloadQuietly);
    }

    /** The admin's catalog rules in memory, when a store of them is there (the jOOQ adapter brings one). */
    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnBean(CatalogRules.class)
    public CatalogRuleCache modelAccessCatalogRuleCache(CatalogRules rules) {
        return new CatalogRuleCache(rules);
    }

    /** "Apply the rules to the models still pending", with a dry run. */
    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnBean(CatalogRules.class)
    public PendingRules modelAccessPendingRules(
            ModelAccessStore store, CatalogRuleCache rules, ObjectProvider<Clock> clock) {
        return new PendingRules(store, rules, clock(clock));
    }

    @Bean
    @ConditionalOnMissingBean
    public RulePreview modelAccessRulePreview(ModelAccessStore store) {
        return new RulePreview(store);
    }

    @Bean
    @ConditionalOnMissingBean
    public HoldReview modelAccessHoldReview(ModelAccessStore store, ObjectProvider<Clock> clock) {
        return new HoldReview(store, clock(clock));
    }

    @Bean
    @ConditionalOnMissingBean
    public CatalogSync modelAccessCatalogSync(
            ModelCatalogSource source,
            ModelAccessStore store,
            ModelAccessProperties properties,
            ObjectProvider<Clock> clock,
            ObjectProvider<CatalogRuleCache> catalogRules,
            ObjectProvider<Notifications> notifications) {
        ModelAccessProperties.Guard guard = properties.sync().guard();
        CatalogRuleCache rules = catalogRules.getIfUnique();
        return new CatalogSync(
                source,
                store,
                new SyncGuards(guard.minUpstreamRatio(), guard.maxDeactivationRatio()),
                clock(clock),
                UUID::randomUUID,
                new CatalogPolicy(
                        rules == null ? () -> RuleSet.EMPTY : rules,
                        new PriceHolds(properties.sync().priceHold().factor())),
                notifications.getIfUnique(Notifications::off));
    }

    @Bean
    @ConditionalOnMissingBean
    public ModelAccessSyncJob modelAccessSyncJob(
            CatalogSync sync, AccessRuleCache rules, ApplicationEventPublisher events) {
        return new ModelAccessSyncJob(sync, rules, events);
    }

    @Bean
    @ConditionalOnMissingBean
    public ModelAccessSyncScheduler modelAccessSyncScheduler(
            ModelAccessSyncJob job,
            ModelAccessStore store,
            ModelAccessTaskScheduler scheduler,
            ModelAccessProperties properties) {
        return new ModelAccessSyncScheduler(job, store, scheduler, properties.sync());
    }

    static Clock clock(ObjectProvider<Clock> clock) {
        return clock.getIfUnique(Clock::systemUTC);
    }
}
