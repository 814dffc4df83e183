package dev.modelaccess.spring;

import dev.modelaccess.core.keys.SecretCipher;
import dev.modelaccess.core.keys.UserKeyStore;
import dev.modelaccess.core.keys.UserKeys;
import dev.modelaccess.core.port.ChatCompletions;
import dev.modelaccess.core.port.JobLock;
import dev.modelaccess.core.port.OpenRouterKeyVerifier;
import dev.modelaccess.openrouter.OpenRouterClient;
import dev.modelaccess.tink.TinkSecretCipher;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Users' own OpenRouter keys: the {@link SecretCipher} that encrypts them at rest, the {@link UserKeys} use case,
 * and the OpenRouter client that verifies keys and runs chat completions with them.
 *
 * <ul>
 *   <li>The cipher is Google Tink's AES-256-GCM over the keyset in {@code modelaccess.keys.keyset} (base64 of a
 *       Tink JSON keyset). Without one, the cipher refuses every operation with {@link
 *       dev.modelaccess.core.keys.KeyMaterialMissingException}, so storing a key fails clearly (HTTP 503) instead
 *       of storing it unprotected. An application with a KMS defines its own {@link SecretCipher} bean (for example
 *       {@code TinkSecretCipher.fromSource(…)}).
 *   <li>{@link UserKeys} is created once there is a {@link UserKeyStore} and an {@link OpenRouterKeyVerifier}.
 *   <li>The {@link OpenRouterClient} of {@link ModelAccessOpenRouterAutoConfiguration} verifies keys and runs
 *       completions; only when an application replaced it (by its own catalog source) and provides neither port
 *       itself is a second client created for users' calls ({@link OpenRouterUserCalls}, without the catalog
 *       key).
 * </ul>
 */
@AutoConfiguration(
        after = {
            ModelAccessAutoConfiguration.class,
            ModelAccessJooqAutoConfiguration.class,
            ModelAccessOpenRouterAutoConfiguration.class
        })
@EnableConfigurationProperties(ModelAccessProperties.class)
public class ModelAccessKeysAutoConfiguration {

    private static final Logger LOG = LoggerFactory.getLogger(ModelAccessKeysAutoConfiguration.class);

    static final String NO_KEYSET_HINT = "set modelaccess.keys.keyset to the base64 of a Tink JSON keyset"
            + " (AES-256-GCM); dev.modelaccess.tink.KeysetTool generate prints one";

    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnBean({UserKeyStore.class, OpenRouterKeyVerifier.class, SecretCipher.class})
    public UserKeys modelAccessUserKeys(
            UserKeyStore store, SecretCipher cipher, OpenRouterKeyVerifier verifier, ObjectProvider<Clock> clock) {
        return new UserKeys(store, cipher, verifier, ModelAccessAutoConfiguration.clock(clock));
    }

    /**
     * Re-encrypting and re-verifying all stored keys, once across instances: on the database's job leases when
     * there is a {@link JobLock} bean (the starter's jOOQ persistence provides one), else within this process.
     */
    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnBean(UserKeys.class)
    public ModelAccessKeyMaintenance modelAccessKeyMaintenance(
            UserKeys userKeys,
            ObjectProvider<JobLock> lock,
            ObjectProvider<dev.modelaccess.core.notify.Notifications> notifications,
            ObjectProvider<dev.modelaccess.core.port.ModelAccessStore> store) {
        return new ModelAccessKeyMaintenance(userKeys, lock.getIfUnique(JobLock::inProcess), report -> {
            var notices = notifications.getIfUnique(dev.modelaccess.core.notify.Notifications::off);
            var outbox = store.getIfUnique();
            var entries = notices.forRevokedKeys(report.invalid(), report.checked());
            if (outbox != null && !entries.isEmpty()) {
                outbox.inTransaction(tx -> tx.enqueueNotices(entries));
            }
        });
    }

    /** Re-verifies stored keys on a schedule, when {@code modelaccess.keys.reverify.enabled=true}. */
    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnBean({ModelAccessKeyMaintenance.class, ModelAccessTaskScheduler.class})
    @ConditionalOnBooleanProperty("modelaccess.keys.reverify.enabled")
    public ModelAccessKeyReverifier modelAccessKeyReverifier(
            ModelAccessKeyMaintenance maintenance,
            ModelAccessTaskScheduler scheduler,
            ModelAccessProperties properties) {
        return new ModelAccessKeyReverifier(
                maintenance, scheduler, properties.keys().reverify());
    }

    /** The cipher when Tink is on the class path (without it, the application defines its own {@link SecretCipher}). */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(TinkSecretCipher.class)
    static class TinkCipher {

        /**
         * Tink over {@code modelaccess.keys.keyset}, or a cipher that refuses everything when none is configured.
         *
         * @throws dev.modelaccess.core.keys.SecretCipherException at start-up when the keyset is set but unusable
         */
        @Bean
        @ConditionalOnMissingBean
        public SecretCipher modelAccessSecretCipher(ModelAccessProperties properties) {
            String keyset = properties.keys().keyset();
            if (keyset == null || keyset.isBlank()) {
                // Not a warning: most hosts never store a user key. Storing one then fails with a clear
                // KeyMaterialMissingException that carries the hint.
                LOG.info("No key material for users' OpenRouter keys (modelaccess.keys.keyset is not set)");
                return SecretCipher.unconfigured(NO_KEYSET_HINT);
            }
            TinkSecretCipher cipher = TinkSecretCipher.fromBase64Keyset(keyset);
            LOG.info("Users' OpenRouter keys are encrypted under Tink key {}", cipher.primaryKeyId());
            return cipher;
        }
    }

    /** OpenRouter for users' calls when the OpenRouter adapter is on the class path. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(OpenRouterClient.class)
    static class OpenRouterUsersCalls {

        /** Users' calls when the catalog client was replaced: no catalog key, the rest as {@code modelaccess.openrouter.*}. */
        @Bean(destroyMethod = "close")
        @ConditionalOnMissingBean({OpenRouterKeyVerifier.class, ChatCompletions.class})
        public OpenRouterUserCalls modelAccessOpenRouterUserCalls(
                ModelAccessProperties properties, ObjectProvider<OpenRouterClientCustomizer> customizers) {
            ModelAccessProperties.OpenRouter settings = properties.openrouter();
            OpenRouterClient.Builder builder = OpenRouterClient.builder()
                    .baseUrl(settings.baseUrl().toString())
                    .connectTimeout(settings.connectTimeout())
                    .readTimeout(settings.readTimeout());
            return new OpenRouterUserCalls(ModelAccessOpenRouterAutoConfiguration.customized(builder, customizers)
                    .build());
        }
    }
}
