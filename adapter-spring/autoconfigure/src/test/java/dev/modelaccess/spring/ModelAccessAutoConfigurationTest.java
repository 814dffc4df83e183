package dev.modelaccess.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modelaccess.core.access.AccessRuleCache;
import dev.modelaccess.core.access.LiveCatalog;
import dev.modelaccess.core.access.ModelAccessService;
import dev.modelaccess.core.access.ModelAdministration;
import dev.modelaccess.core.access.TierPolicy;
import dev.modelaccess.core.keys.UserKeyStore;
import dev.modelaccess.core.port.CatalogChangeFeed;
import dev.modelaccess.core.port.ModelAccessStore;
import dev.modelaccess.core.port.ModelCatalogSource;
import dev.modelaccess.core.port.UserProfiles;
import dev.modelaccess.core.sync.CatalogSync;
import dev.modelaccess.core.sync.SyncGuards;
import dev.modelaccess.core.sync.UpstreamSnapshot;
import dev.modelaccess.jooq.JooqModelAccess;
import dev.modelaccess.openrouter.OpenRouterClient;
import dev.modelaccess.testsupport.memory.InMemoryModelAccessStore;
import dev.modelaccess.testsupport.time.MutableClock;
import dev.modelaccess.tink.KeysetTool;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;
import org.springframework.scheduling.config.TaskManagementConfigUtils;

class ModelAccessAutoConfigurationTest {

    private static final MutableClock CLOCK = new MutableClock(Catalogs.T0);
    private static final String KEYSET = KeysetTool.generate();

    private final ApplicationContextRunner runner = AutoConfigurationImports.runner()
            .withBean(ModelAccessStore.class, InMemoryModelAccessStore::new)
            .withBean(ModelCatalogSource.class, () -> () -> UpstreamSnapshot.of(List.of(Catalogs.upstream("a/b"))))
            .withBean(DataSource.class, () -> new DriverManagerDataSource("jdbc:postgresql://127.0.0.1:9/unused"))
            .withPropertyValues(
                    "modelaccess.catalog.rules-reload-interval=0s",
                    "modelaccess.schema.migrate=false",
                    "modelaccess.catalog.listen.enabled=false");

    @Test
    void theDefaultsMakeEveryPartAvailable() {
        runner.run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context).hasSingleBean(ModelAccessService.class);
            assertThat(context).hasSingleBean(ModelAdministration.class);
            assertThat(context).hasSingleBean(AccessRuleCache.class);
            assertThat(context).hasSingleBean(CaffeineLiveCatalog.class);
            assertThat(context).hasSingleBean(CachingUserProfiles.class);
            assertThat(context).hasSingleBean(TierPolicy.class);
            assertThat(context).hasSingleBean(ModelAccessTaskScheduler.class);
            assertThat(context).hasSingleBean(CatalogCacheRefresher.class);
            assertThat(context).hasSingleBean(ModelAccessMetrics.class);
            assertThat(context).hasSingleBean(ModelAccessHealthIndicator.class);
            assertThat(context).hasSingleBean(CatalogSync.class);
            assertThat(context).hasSingleBean(ModelAccessSyncJob.class);
            assertThat(context).hasSingleBean(ModelAccessSyncScheduler.class);
        });
    }

    @Test
    void onTheApplicationsDataSourceTheJooqStoreIsTheStore() {
        AutoConfigurationImports.runner()
                .withBean(ModelCatalogSource.class, () -> () -> UpstreamSnapshot.of(List.of()))
                .withBean(DataSource.class, () -> new DriverManagerDataSource("jdbc:postgresql://127.0.0.1:9/unused"))
                .withPropertyValues("modelaccess.schema.migrate=false", "modelaccess.catalog.rules-reload-interval=0s")
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(context).hasSingleBean(ModelAccessStore.class);
                    assertThat(context.getBean(ModelAccessStore.class)
                                    .getClass()
                                    .getPackage())
                            .isEqualTo(JooqModelAccess.class.getPackage());
                    assertThat(context).hasSingleBean(ModelAccessService.class);
                });
    }

    @Test
    void theDefaultPropertiesAreThoseOfTheSpec() {
        new ApplicationContextRunner()
                .withUserConfiguration(PropertiesOnly.class)
                .run(context -> {
                    ModelAccessProperties properties = context.getBean(ModelAccessProperties.class);
                    assertThat(properties.openrouter().baseUrl()).isEqualTo(URI.create("https://openrouter.ai/api/v1"));
                    assertThat(properties.openrouter().apiKey()).isNull();
                    assertThat(properties.openrouter().outputModalities()).isEqualTo("all");
                    assertThat(properties.openrouter().connectTimeout()).isEqualTo(Duration.ofSeconds(5));
                    assertThat(properties.openrouter().readTimeout()).isEqualTo(Duration.ofSeconds(30));
                    assertThat(properties.sync().schedule().enabled()).isTrue();
                    assertThat(properties.sync().cron()).isEqualTo("0 0 3 * * *");
                    assertThat(properties.sync().zone()).isEqualTo(ZoneId.of("UTC"));
                    assertThat(properties.sync().runOnStartup())
                            .isEqualTo(ModelAccessProperties.RunOnStartup.WHEN_EMPTY);
                    assertThat(properties.sync().guard().minUpstreamRatio()).isEqualTo(0.5);
                    assertThat(properties.sync().guard().maxDeactivationRatio()).isEqualTo(0.10);
                    assertThat(properties.catalog().cacheTtl()).isEqualTo(Duration.ofMinutes(10));
                    assertThat(properties.catalog().listen().enabled()).isTrue();
                    assertThat(properties.catalog().rulesReloadInterval()).isEqualTo(Duration.ofMinutes(1));
                    assertThat(properties.defaultModel()).isNull();
                    assertThat(properties.schema().migrate()).isTrue();
                    assertThat(properties.keys().keyset()).isNull();
                    assertThat(properties.profiles().table()).isEqualTo("profiles");
                    assertThat(properties.health().maxSyncAge()).isEqualTo(Duration.ofHours(36));
                });
    }

    @Test
    void everyPropertyBinds() {
        runner.withPropertyValues(
                        "modelaccess.openrouter.base-url=http://127.0.0.1:1234/api/v1",
                        "modelaccess.openrouter.api-key=sk-or-v1-test",
                        "modelaccess.openrouter.output-modalities=text",
                        "modelaccess.openrouter.connect-timeout=2s",
                        "modelaccess.openrouter.read-timeout=1m",
                        "modelaccess.sync.schedule.enabled=false",
                        "modelaccess.sync.cron=0 30 4 * * MON",
                        "modelaccess.sync.zone=Europe/Paris",
                        "modelaccess.sync.run-on-startup=always",
                        "modelaccess.sync.guard.min-upstream-ratio=0.8",
                        "modelaccess.sync.guard.max-deactivation-ratio=0.2",
                        "modelaccess.catalog.cache-ttl=2m",
                        "modelaccess.catalog.failure-backoff=5s",
                        "modelaccess.catalog.listen.jdbc-url=jdbc:postgresql://127.0.0.1:9/direct",
                        "modelaccess.default-model=openai/gpt-4o-mini",
                        "modelaccess.schema.migrate=false",
                        "modelaccess.profiles.table=app.user_profiles",
                        "modelaccess.profiles.id-column=user_id",
                        "modelaccess.profiles.tier-column=plan",
                        "modelaccess.profiles.default-model-column=model",
                        "modelaccess.profiles.cache-ttl=1s",
                        "modelaccess.keys.keyset=" + KEYSET,
                        "modelaccess.health.max-sync-age=2d",
                        "modelaccess.health.stale-status=out-of-service")
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    ModelAccessProperties p = context.getBean(ModelAccessProperties.class);
                    assertThat(p.openrouter().baseUrl()).isEqualTo(URI.create("http://127.0.0.1:1234/api/v1"));
                    assertThat(p.openrouter().apiKey()).isEqualTo("sk-or-v1-test");
                    assertThat(p.openrouter().toString()).doesNotContain("sk-or-v1-test");
                    assertThat(p.openrouter().outputModalities()).isEqualTo("text");
                    assertThat(p.openrouter().connectTimeout()).isEqualTo(Duration.ofSeconds(2));
                    assertThat(p.openrouter().readTimeout()).isEqualTo(Duration.ofMinutes(1));
                    assertThat(p.sync().schedule().enabled()).isFalse();
                    assertThat(p.sync().cron()).isEqualTo("0 30 4 * * MON");
                    assertThat(p.sync().zone()).isEqualTo(ZoneId.of("Europe/Paris"));
                    assertThat(p.sync().runOnStartup()).isEqualTo(ModelAccessProperties.RunOnStartup.ALWAYS);
                    assertThat(p.sync().guard().minUpstreamRatio()).isEqualTo(0.8);
                    assertThat(p.sync().guard().maxDeactivationRatio()).isEqualTo(0.2);
                    assertThat(p.catalog().cacheTtl()).isEqualTo(Duration.ofMinutes(2));
                    assertThat(p.catalog().failureBackoff()).isEqualTo(Duration.ofSeconds(5));
                    assertThat(p.catalog().listen().enabled()).isFalse();
                    assertThat(p.catalog().listen().jdbcUrl()).isEqualTo("jdbc:postgresql://127.0.0.1:9/direct");
                    assertThat(p.catalog().rulesReloadInterval()).isEqualTo(Duration.ZERO);
                    assertThat(p.defaultModel()).isEqualTo("openai/gpt-4o-mini");
                    assertThat(p.schema().migrate()).isFalse();
                    assertThat(p.profiles().table()).isEqualTo("app.user_profiles");
                    assertThat(p.profiles().idColumn()).isEqualTo("user_id");
                    assertThat(p.profiles().tierColumn()).isEqualTo("plan");
                    assertThat(p.profiles().defaultModelColumn()).isEqualTo("model");
                    assertThat(p.profiles().cacheTtl()).isEqualTo(Duration.ofSeconds(1));
                    assertThat(p.keys().keyset()).isEqualTo(KEYSET);
                    assertThat(p.keys().toString()).doesNotContain(KEYSET);
                    assertThat(p.health().maxSyncAge()).isEqualTo(Duration.ofDays(2));
                    assertThat(p.health().staleStatus()).isEqualTo("out-of-service");
                });
    }

    @Test
    void anUnknownStaleStatusStopsTheStartWithAClearMessage() {
        runner.withPropertyValues("modelaccess.health.stale-status=YELLOW")
                .run(context -> assertThat(context)
                        .getFailure()
                        .rootCause()
                        .hasMessageContaining("modelaccess.health.stale-status must be DOWN or OUT_OF_SERVICE"));
    }

    @Test
    void anUnknownRunOnStartupValueStopsTheStart() {
        runner.withPropertyValues("modelaccess.sync.run-on-startup=sometimes")
                .run(context -> assertThat(context).hasFailed());
    }

    @Test
    void theOpenRouterClientIsTheCatalogSourceUnlessTheApplicationHasOne() {
        AutoConfigurationImports.runner()
                .withBean(ModelAccessStore.class, InMemoryModelAccessStore::new)
                .withBean(UserProfiles.class, MapUserProfiles::new)
                .withPropertyValues(
                        "modelaccess.openrouter.base-url=http://127.0.0.1:9/api/v1",
                        "modelaccess.catalog.rules-reload-interval=0s")
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(context).hasSingleBean(ModelCatalogSource.class);
                    assertThat(context.getBean(ModelCatalogSource.class)).isInstanceOf(OpenRouterClient.class);
                    assertThat(context).hasSingleBean(ModelAccessService.class);
                });
        runner.run(context -> assertThat(context).doesNotHaveBean(OpenRouterClient.class));
    }

    @Test
    void aMalformedOpenRouterSettingStopsTheStartWithoutShowingTheKey() {
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(ModelAccessOpenRouterAutoConfiguration.class))
                .withPropertyValues("modelaccess.openrouter.api-key=sk-or-v1 secret with spaces")
                .run(context -> {
                    assertThat(context).hasFailed();
                    assertThat(context.getStartupFailure()).rootCause().hasMessageNotContaining("secret");
                });
    }

    @Test
    void withoutTheOpenRouterAdapterTheApplicationProvidesTheCatalogSource() {
        AutoConfigurationImports.runner()
                .withClassLoader(new FilteredClassLoader(OpenRouterClient.class))
                .withBean(ModelAccessStore.class, InMemoryModelAccessStore::new)
                .withBean(UserProfiles.class, MapUserProfiles::new)
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(context).doesNotHaveBean(ModelCatalogSource.class);
                    assertThat(context).doesNotHaveBean(ModelAccessService.class);
                });
    }

    @Test
    void thePostgresChangeFeedListensOrWithListenOffOnlyReadsTheCatalogVersionAndCanBeReplaced() {
        runner.withPropertyValues("modelaccess.catalog.listen.enabled=true")
                .withBean(UserProfiles.class, MapUserProfiles::new)
                .run(context -> {
                    assertThat(context).hasSingleBean(CatalogChangeFeed.class);
                    assertThat(context.getBean(CatalogChangeFeed.class)
                                    .getClass()
                                    .getPackage())
                            .isEqualTo(JooqModelAccess.class.getPackage());
                });
        runner.run(context -> {
            try (CatalogChangeFeed.Subscription subscription =
                    context.getBean(CatalogChangeFeed.class).subscribe(() -> {})) {
                assertThat(subscription.path()).isEqualTo(CatalogChangeFeed.Path.POLL);
            }
        });
        CatalogChangeFeed own = onChange -> () -> {};
        runner.withPropertyValues("modelaccess.catalog.listen.enabled=true")
                .withBean(CatalogChangeFeed.class, () -> own)
                .run(context ->
                        assertThat(context.getBean(CatalogChangeFeed.class)).isSameAs(own));
    }

    @Test
    void nothingIsConfiguredWithoutAStore() {
        AutoConfigurationImports.runner()
                .withBean(ModelCatalogSource.class, () -> () -> UpstreamSnapshot.of(List.of()))
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(context).doesNotHaveBean(ModelAccessService.class);
                    assertThat(context).doesNotHaveBean(AccessRuleCache.class);
                    assertThat(context).doesNotHaveBean(ModelAccessHealthIndicator.class);
                    assertThat(context).doesNotHaveBean(ModelAccessMetrics.class);
                });
    }

    static Stream<Arguments> replaceableBeans() {
        Supplier<AccessRuleCache> rules = () -> new AccessRuleCache(new InMemoryModelAccessStore(), CLOCK);
        return Stream.of(
                Arguments.of(TierPolicy.class, (Supplier<Object>) () -> (TierPolicy) (rule, tier) -> false),
                Arguments.of(AccessRuleCache.class, (Supplier<Object>) rules::get),
                Arguments.of(LiveCatalog.class, (Supplier<Object>) LiveCatalog::none),
                Arguments.of(UserProfiles.class, (Supplier<Object>) MapUserProfiles::new),
                Arguments.of(ModelAccessService.class, (Supplier<Object>) () -> new ModelAccessService(
                        LiveCatalog.none(), rules.get(), TierPolicy.flags(), new MapUserProfiles(), null)),
                Arguments.of(ModelAdministration.class, (Supplier<Object>)
                        () -> new ModelAdministration(new InMemoryModelAccessStore(), CLOCK)),
                Arguments.of(
                        ModelAccessTaskScheduler.class, (Supplier<Object>) () -> new ModelAccessTaskScheduler(null)),
                Arguments.of(CatalogCacheRefresher.class, (Supplier<Object>) () -> new CatalogCacheRefresher(
                        rules.get(), null, null, new ModelAccessTaskScheduler(null), Duration.ZERO, CLOCK)),
                Arguments.of(ModelAccessMetrics.class, (Supplier<Object>)
                        () -> new ModelAccessMetrics(rules.get(), java.util.Optional::empty, CLOCK)),
                Arguments.of(CatalogSync.class, (Supplier<Object>) () -> new CatalogSync(
                        () -> UpstreamSnapshot.of(List.of()),
                        new InMemoryModelAccessStore(),
                        SyncGuards.DEFAULTS,
                        CLOCK)),
                Arguments.of(ModelAccessSyncJob.class, (Supplier<Object>) () -> new ModelAccessSyncJob(
                        new CatalogSync(
                                () -> UpstreamSnapshot.of(List.of()),
                                new InMemoryModelAccessStore(),
                                SyncGuards.DEFAULTS,
                                CLOCK),
                        rules.get(),
                        event -> {})),
                Arguments.of(ModelAccessSyncScheduler.class, (Supplier<Object>) () -> new ModelAccessSyncScheduler(
                        new ModelAccessSyncJob(
                                new CatalogSync(
                                        () -> UpstreamSnapshot.of(List.of()),
                                        new InMemoryModelAccessStore(),
                                        SyncGuards.DEFAULTS,
                                        CLOCK),
                                rules.get(),
                                event -> {}),
                        new InMemoryModelAccessStore(),
                        new ModelAccessTaskScheduler(null),
                        new ModelAccessProperties.Sync(
                                new ModelAccessProperties.Schedule(false),
                                "0 0 3 * * *",
                                java.time.ZoneOffset.UTC,
                                ModelAccessProperties.RunOnStartup.NEVER,
                                new ModelAccessProperties.Guard(0.5, 0.1),
                                new ModelAccessProperties.PriceHold(java.math.BigDecimal.valueOf(2)),
                                Duration.ofMinutes(2)))),
                Arguments.of(ModelAccessHealthIndicator.class, (Supplier<Object>) () -> new ModelAccessHealthIndicator(
                        new InMemoryModelAccessStore(),
                        new ModelAccessProperties.Health(Duration.ofHours(1), "DOWN"),
                        CLOCK)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("replaceableBeans")
    @SuppressWarnings({"unchecked", "rawtypes"})
    void everyBeanBacksOffToTheApplicationsOwn(Class<?> type, Supplier<Object> own) {
        Object mine = own.get();
        runner.withBean("applicationsOwn", (Class) type, () -> mine).run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context).hasSingleBean(type);
            assertThat(context.getBean(type)).isSameAs(mine);
        });
    }

    /** Micrometer and Spring Boot's health are optional: without one, only its bean is missing. */
    static Stream<Arguments> optionalLibraries() {
        return Stream.of(
                Arguments.of(MeterRegistry.class, ModelAccessMetrics.class),
                Arguments.of(HealthIndicator.class, ModelAccessHealthIndicator.class));
    }

    @ParameterizedTest(name = "without {0} there is no {1}")
    @MethodSource("optionalLibraries")
    void withoutAnOptionalLibraryItsBeanIsMissingAndEverythingElseWorks(Class<?> library, Class<?> itsBean) {
        runner.withClassLoader(new FilteredClassLoader(library)).run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context).doesNotHaveBean(itsBean);
            assertThat(context).hasSingleBean(ModelAccessService.class);
        });
    }

    @Test
    void theHealthIndicatorCanBeSwitchedOff() {
        runner.withPropertyValues("management.health.modelaccess.enabled=false")
                .run(context -> assertThat(context).doesNotHaveBean(ModelAccessHealthIndicator.class));
    }

    @Test
    void withoutTheJooqAdapterTheApplicationsOwnStoreIsUsedAndNothingTouchesTheDatabase() {
        runner.withClassLoader(new FilteredClassLoader(JooqModelAccess.class)).run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context.getBean(ModelAccessStore.class)).isInstanceOf(InMemoryModelAccessStore.class);
            assertThat(context).doesNotHaveBean(UserKeyStore.class);
            assertThat(context).doesNotHaveBean(CachingUserProfiles.class);
            assertThat(context).hasSingleBean(AccessRuleCache.class);
        });
    }

    @Test
    void withoutJooqTheApplicationProvidesTheProfiles() {
        runner.withClassLoader(new FilteredClassLoader(DSLContext.class)).run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context).doesNotHaveBean(CachingUserProfiles.class);
            assertThat(context).doesNotHaveBean(ModelAccessService.class);
            assertThat(context).hasSingleBean(AccessRuleCache.class);
        });
        runner.withClassLoader(new FilteredClassLoader(DSLContext.class))
                .withBean(UserProfiles.class, MapUserProfiles::new)
                .run(context -> assertThat(context).hasSingleBean(ModelAccessService.class));
    }

    @Test
    void theApplicationsOnlyTaskSchedulerIsUsed() {
        ThreadPoolTaskScheduler host = new ThreadPoolTaskScheduler();
        host.initialize();
        try {
            runner.withBean(TaskScheduler.class, () -> host).run(context -> {
                ModelAccessTaskScheduler scheduler = context.getBean(ModelAccessTaskScheduler.class);
                assertThat(scheduler.usesHostScheduler()).isTrue();
                assertThat(scheduler.scheduler()).isSameAs(host);
            });
        } finally {
            host.shutdown();
        }
    }

    @Test
    void withoutATaskSchedulerTheLibrarysOwnIsUsedAndShutDownWithTheContext() {
        AtomicInteger checked = new AtomicInteger();
        ThreadPoolTaskScheduler[] own = new ThreadPoolTaskScheduler[1];
        runner.run(context -> {
            ModelAccessTaskScheduler scheduler = context.getBean(ModelAccessTaskScheduler.class);
            assertThat(scheduler.usesHostScheduler()).isFalse();
            own[0] = (ThreadPoolTaskScheduler) scheduler.scheduler();
            assertThat(own[0].getScheduledExecutor().isShutdown()).isFalse();
            assertThat(context).doesNotHaveBean(TaskScheduler.class);
            checked.incrementAndGet();
        });
        assertThat(checked).hasValue(1);
        assertThat(own[0].getScheduledExecutor().isShutdown()).isTrue();
    }

    @Test
    void schedulingIsNeverSwitchedOnBehindTheApplicationsBack() {
        runner.run(context -> assertThat(
                        context.containsBean(TaskManagementConfigUtils.SCHEDULED_ANNOTATION_PROCESSOR_BEAN_NAME))
                .isFalse());
    }

    @Test
    void theApplicationsClockIsUsed() {
        runner.withBean(Clock.class, () -> CLOCK)
                .run(context -> assertThat(
                                context.getBean(AccessRuleCache.class).current().loadedAt())
                        .isEqualTo(CLOCK.instant()));
    }

    @Test
    void theChangeFeedIsSubscribedWhileTheContextRunsAndReleasedOnClose() {
        AtomicInteger subscriptions = new AtomicInteger();
        AtomicInteger closed = new AtomicInteger();
        CatalogChangeFeed feed = onChange -> {
            subscriptions.incrementAndGet();
            onChange.run();
            return closed::incrementAndGet;
        };
        runner.withBean(CatalogChangeFeed.class, () -> feed).run(context -> {
            assertThat(subscriptions)
                    .as("one for the access rules, one for the successors and tier defaults")
                    .hasValue(context.containsBean("modelAccessSuccessionRefresher") ? 2 : 1);
            assertThat(closed).hasValue(0);
        });
        assertThat(closed).hasValue(subscriptions.get());
    }

    @org.springframework.context.annotation.Configuration(proxyBeanMethods = false)
    @org.springframework.boot.context.properties.EnableConfigurationProperties(ModelAccessProperties.class)
    static class PropertiesOnly {}
}
