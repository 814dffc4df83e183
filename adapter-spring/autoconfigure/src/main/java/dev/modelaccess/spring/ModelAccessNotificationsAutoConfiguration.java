package dev.modelaccess.spring;

import dev.modelaccess.core.notify.Channel;
import dev.modelaccess.core.notify.Delivery;
import dev.modelaccess.core.notify.ExpiryNotices;
import dev.modelaccess.core.notify.ModelUsage;
import dev.modelaccess.core.notify.NoticeChannel;
import dev.modelaccess.core.notify.NoticeKind;
import dev.modelaccess.core.notify.NoticeOutbox;
import dev.modelaccess.core.notify.NoticeRouting;
import dev.modelaccess.core.notify.Notifications;
import dev.modelaccess.core.notify.OutboxDispatcher;
import dev.modelaccess.core.notify.RetryPolicy;
import dev.modelaccess.core.port.ModelAccessStore;
import dev.modelaccess.notify.HttpNoticeChannels;
import java.time.Clock;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.random.RandomGenerator;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.mail.javamail.JavaMailSender;

/**
 * The notification outbox: what is notified ({@link Notifications}, handed to the catalog sync so that its notices
 * are written in its own transaction), the channels switched on by properties (a signed webhook and Slack with
 * model-access-notify-http, email with the application's {@link JavaMailSender}), the dispatcher and its jobs.
 * Nothing is written or sent until a channel is enabled.
 */
@AutoConfiguration(
        after = ModelAccessJooqAutoConfiguration.class,
        before = ModelAccessAutoConfiguration.class,
        afterName = "org.springframework.boot.mail.autoconfigure.MailSenderAutoConfiguration")
@ConditionalOnBean(ModelAccessStore.class)
@EnableConfigurationProperties(ModelAccessNotificationProperties.class)
public class ModelAccessNotificationsAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    public Notifications modelAccessNotifications(
            ModelAccessNotificationProperties properties,
            ObjectProvider<ModelUsage> usage,
            ObjectProvider<Clock> clock) {
        return new Notifications(
                new Notifications.Settings(
                        routing(properties),
                        properties.priceChangeThreshold(),
                        properties.consoleUrl() == null
                                ? null
                                : properties.consoleUrl().toString()),
                usage.getIfUnique(() -> ModelUsage.UNKNOWN),
                ModelAccessAutoConfiguration.clock(clock));
    }

    @Bean
    @ConditionalOnMissingBean
    public ExpiryNotices modelAccessExpiryNotices(
            ModelAccessStore store,
            Notifications notifications,
            ModelAccessNotificationProperties properties,
            ObjectProvider<Clock> clock) {
        return new ExpiryNotices(
                store, notifications, properties.expiryLeadDays(), ModelAccessAutoConfiguration.clock(clock));
    }

    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnBean(NoticeOutbox.class)
    public OutboxDispatcher modelAccessOutboxDispatcher(
            NoticeOutbox outbox,
            List<NoticeChannel> channels,
            ModelAccessNotificationProperties properties,
            ObjectProvider<Clock> clock) {
        Set<Channel> present = EnumSet.noneOf(Channel.class);
        channels.forEach(channel -> present.add(channel.channel()));
        for (Channel enabled : routing(properties).channels()) {
            if (!present.contains(enabled)) {
                throw new IllegalStateException("modelaccess.notifications." + enabled.dbValue()
                        + ".enabled=true, but there is no " + enabled.dbValue() + " channel: "
                        + (enabled == Channel.EMAIL
                                ? "configure spring.mail.host (spring-boot-starter-mail)"
                                : "add model-access-notify-http"));
            }
        }
        ModelAccessNotificationProperties.Retry retry = properties.retry();
        return new OutboxDispatcher(
                outbox,
                channels,
                new RetryPolicy(
                        retry.initialBackoff(), retry.maxBackoff(), retry.giveUpAfter(), RandomGenerator.getDefault()),
                ModelAccessAutoConfiguration.clock(clock),
                properties.lease(),
                properties.batchSize());
    }

    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnBean(OutboxDispatcher.class)
    public ModelAccessNotificationJobs modelAccessNotificationJobs(
            OutboxDispatcher dispatcher,
            ExpiryNotices expiry,
            ObjectProvider<ModelAccessTaskScheduler> scheduler,
            ModelAccessNotificationProperties properties) {
        return new ModelAccessNotificationJobs(dispatcher, expiry, scheduler, properties);
    }

    /** The HTTP channels, with model-access-notify-http on the class path. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(HttpNoticeChannels.class)
    static class HttpChannels {

        @Bean
        @ConditionalOnMissingBean
        public HttpNoticeChannels modelAccessHttpNoticeChannels(
                ModelAccessNotificationProperties properties, ObjectProvider<Clock> clock) {
            ModelAccessNotificationProperties.Http http = properties.http();
            return new HttpNoticeChannels(
                    new HttpNoticeChannels.Settings(
                            http.connectTimeout(), http.requestTimeout(), http.allowLocalTargets()),
                    ModelAccessAutoConfiguration.clock(clock));
        }

        @Bean
        @ConditionalOnMissingBean(name = "modelAccessWebhookChannel")
        @ConditionalOnBooleanProperty("modelaccess.notifications.webhook.enabled")
        public NoticeChannel modelAccessWebhookChannel(
                HttpNoticeChannels http, ModelAccessNotificationProperties properties) {
            ModelAccessNotificationProperties.Webhook webhook = properties.webhook();
            if (webhook.url() == null
                    || webhook.secret() == null
                    || webhook.secret().isBlank()) {
                throw new IllegalStateException("modelaccess.notifications.webhook.enabled=true needs"
                        + " modelaccess.notifications.webhook.url and modelaccess.notifications.webhook.secret");
            }
            return http.webhook(webhook.url(), webhook.secret());
        }

        @Bean
        @ConditionalOnMissingBean(name = "modelAccessSlackChannel")
        @ConditionalOnBooleanProperty("modelaccess.notifications.slack.enabled")
        public NoticeChannel modelAccessSlackChannel(
                HttpNoticeChannels http, ModelAccessNotificationProperties properties) {
            if (properties.slack().url() == null) {
                throw new IllegalStateException(
                        "modelaccess.notifications.slack.enabled=true needs modelaccess.notifications.slack.url");
            }
            return http.slack(properties.slack().url());
        }
    }

    /** The email channel, with the application's {@link JavaMailSender} (spring-boot-starter-mail). */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(JavaMailSender.class)
    static class MailChannel {

        @Bean
        @ConditionalOnMissingBean
        @ConditionalOnBean(JavaMailSender.class)
        @ConditionalOnBooleanProperty("modelaccess.notifications.email.enabled")
        public MailNoticeChannel modelAccessEmailChannel(
                JavaMailSender sender, ModelAccessNotificationProperties properties) {
            ModelAccessNotificationProperties.Email email = properties.email();
            if (email.from() == null || email.from().isBlank()) {
                throw new IllegalStateException(
                        "modelaccess.notifications.email.enabled=true needs modelaccess.notifications.email.from");
            }
            return new MailNoticeChannel(sender, email.from(), email.to(), email.subjectPrefix(), email.digestZone());
        }
    }

    /** The channels the properties switch on, and the email channel's delivery per kind. */
    static NoticeRouting routing(ModelAccessNotificationProperties properties) {
        Set<Channel> channels = EnumSet.noneOf(Channel.class);
        if (properties.webhook().enabled()) {
            channels.add(Channel.WEBHOOK);
        }
        if (properties.slack().enabled()) {
            channels.add(Channel.SLACK);
        }
        if (properties.email().enabled()) {
            channels.add(Channel.EMAIL);
        }
        Map<NoticeKind, Delivery> delivery = new EnumMap<>(NoticeKind.class);
        properties
                .email()
                .delivery()
                .forEach((kind, mode) -> delivery.put(
                        NoticeKind.of(kind)
                                .orElseThrow(
                                        () -> new IllegalArgumentException("modelaccess.notifications.email.delivery."
                                                + kind + ": unknown kind of notice")),
                        deliveryOf(kind, mode)));
        ModelAccessNotificationProperties.Email email = properties.email();
        return new NoticeRouting(channels, delivery, email.digestAt(), email.digestZone());
    }

    private static Delivery deliveryOf(String kind, String mode) {
        try {
            return Delivery.valueOf(mode.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "modelaccess.notifications.email.delivery." + kind + "='" + mode
                            + "': expected immediate or digest",
                    e);
        }
    }
}
