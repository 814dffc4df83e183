package dev.modelaccess.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modelaccess.core.notify.Channel;
import dev.modelaccess.core.notify.Delivery;
import dev.modelaccess.core.notify.NoticeChannel;
import dev.modelaccess.core.notify.NoticeKind;
import dev.modelaccess.core.notify.Notifications;
import dev.modelaccess.core.notify.OutboxEntry;
import dev.modelaccess.core.policy.CatalogRules;
import dev.modelaccess.core.port.ModelAccessStore;
import dev.modelaccess.core.port.ModelCatalogSource;
import dev.modelaccess.core.sync.CatalogSync;
import dev.modelaccess.core.sync.SyncTrigger;
import dev.modelaccess.core.sync.UpstreamSnapshot;
import dev.modelaccess.testsupport.contract.SampleModels;
import dev.modelaccess.testsupport.memory.InMemoryModelAccessStore;
import dev.modelaccess.testsupport.policy.InMemoryCatalogRules;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.JavaMailSenderImpl;

/** The outbox's wiring: channels switched on by properties, refused targets, missing settings named. */
class ModelAccessNotificationsAutoConfigurationTest {

    static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

    private final InMemoryModelAccessStore store = new InMemoryModelAccessStore();
    private final ApplicationContextRunner runner = AutoConfigurationImports.runner()
            .withBean(ModelAccessStore.class, () -> store)
            .withBean(CatalogRules.class, InMemoryCatalogRules::new)
            .withBean(
                    ModelCatalogSource.class,
                    () -> () -> UpstreamSnapshot.of(
                            List.of(SampleModels.model("a/new").build())))
            .withBean(DataSource.class, () -> new DriverManagerDataSource("jdbc:postgresql://127.0.0.1:9/unused"))
            .withPropertyValues(
                    "modelaccess.catalog.rules-reload-interval=0s",
                    "modelaccess.schema.migrate=false",
                    "modelaccess.sync.schedule.enabled=false",
                    "modelaccess.sync.run-on-startup=never");

    @Test
    void withoutAChannelNothingIsWritten() {
        runner.run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context.getBean(Notifications.class).isOff()).isTrue();
            context.getBean(CatalogSync.class).run(SyncTrigger.MANUAL, false);
            assertThat(store.outbox()).isEmpty();
        });
    }

    @Test
    void aWebhookOnLoopbackIsRefusedAtStartUnlessAllowed() {
        ApplicationContextRunner webhook = runner.withPropertyValues(
                "modelaccess.notifications.webhook.enabled=true",
                "modelaccess.notifications.webhook.url=http://127.0.0.1:9/hook",
                "modelaccess.notifications.webhook.secret=" + SECRET);

        webhook.run(context -> assertThat(context)
                .hasFailed()
                .getFailure()
                .rootCause()
                .hasMessageContaining("loopback")
                .hasMessageContaining("modelaccess.notifications.http.allow-local-targets"));
        webhook.withPropertyValues("modelaccess.notifications.http.allow-local-targets=true")
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(context.getBeansOfType(NoticeChannel.class).values())
                            .extracting(NoticeChannel::channel)
                            .containsExactly(Channel.WEBHOOK);
                    context.getBean(CatalogSync.class).run(SyncTrigger.MANUAL, false);
                    assertThat(store.outbox())
                            .as("the sync's notice, written with it")
                            .singleElement()
                            .satisfies(entry -> {
                                assertThat(entry.notice().kind()).isEqualTo(NoticeKind.MODELS_AWAITING_REVIEW);
                                assertThat(entry.channel()).isEqualTo(Channel.WEBHOOK);
                            });
                });
    }

    @Test
    void anEnabledChannelWithoutItsSettingsFailsTheStartNamingTheProperty() {
        runner.withPropertyValues(
                        "modelaccess.notifications.webhook.enabled=true",
                        "modelaccess.notifications.webhook.url=https://hooks.example.com/x")
                .run(context -> assertThat(context)
                        .hasFailed()
                        .getFailure()
                        .rootCause()
                        .hasMessageContaining("modelaccess.notifications.webhook.secret"));
        runner.withPropertyValues("modelaccess.notifications.slack.enabled=true")
                .run(context -> assertThat(context)
                        .hasFailed()
                        .getFailure()
                        .rootCause()
                        .hasMessageContaining("modelaccess.notifications.slack.url"));
        runner.withPropertyValues(
                        "modelaccess.notifications.email.enabled=true",
                        "modelaccess.notifications.email.from=ma@example.com",
                        "modelaccess.notifications.email.to=admin@example.com")
                .run(context -> assertThat(context)
                        .hasFailed()
                        .getFailure()
                        .rootCause()
                        .hasMessageContaining("spring.mail.host"));
    }

    @Test
    void emailWithTheApplicationsMailSenderSendsNewModelsInTheDigestAndAnUnknownKindFailsTheStart() {
        ApplicationContextRunner email = runner.withBean(JavaMailSender.class, JavaMailSenderImpl::new)
                .withPropertyValues(
                        "modelaccess.notifications.email.enabled=true",
                        "modelaccess.notifications.email.from=ma@example.com",
                        "modelaccess.notifications.email.to=admin@example.com");

        email.run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context).hasSingleBean(MailNoticeChannel.class);
            context.getBean(CatalogSync.class).run(SyncTrigger.MANUAL, false);
            OutboxEntry entry = store.outbox().getFirst();
            assertThat(entry.delivery()).isEqualTo(Delivery.DIGEST);
        });
        email.withPropertyValues("modelaccess.notifications.email.delivery.models-awaiting-review=immediate")
                .run(context -> assertThat(context.getBean(Notifications.class)
                                .settings()
                                .routing()
                                .deliveryOf(NoticeKind.MODELS_AWAITING_REVIEW))
                        .isEqualTo(Delivery.IMMEDIATE));
        email.withPropertyValues("modelaccess.notifications.email.delivery.models-held=digest")
                .run(context -> assertThat(context)
                        .hasFailed()
                        .getFailure()
                        .rootCause()
                        .hasMessageContaining("modelaccess.notifications.email.delivery.models-held"));
        email.withPropertyValues("modelaccess.notifications.email.delivery.sync-failed=later")
                .run(
                        context -> assertThat(context)
                                .hasFailed()
                                .getFailure()
                                .hasStackTraceContaining(
                                        "modelaccess.notifications.email.delivery.sync-failed='later': expected immediate or digest"));
    }
}
