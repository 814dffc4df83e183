package dev.modelaccess.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modelaccess.core.keys.KeyMaterialMissingException;
import dev.modelaccess.core.keys.ReencryptionReport;
import dev.modelaccess.core.keys.SecretCipher;
import dev.modelaccess.core.keys.UserKeyStatus;
import dev.modelaccess.core.keys.UserKeyStore;
import dev.modelaccess.core.keys.UserKeys;
import dev.modelaccess.core.port.ChatCompletions;
import dev.modelaccess.core.port.JobLock;
import dev.modelaccess.core.port.KeyVerification;
import dev.modelaccess.core.port.ModelAccessStore;
import dev.modelaccess.core.port.ModelCatalogSource;
import dev.modelaccess.core.port.OpenRouterKeyVerifier;
import dev.modelaccess.core.sync.UpstreamSnapshot;
import dev.modelaccess.jooq.JooqModelAccess;
import dev.modelaccess.openrouter.OpenRouterClient;
import dev.modelaccess.testsupport.keys.InMemoryUserKeyStore;
import dev.modelaccess.testsupport.memory.InMemoryModelAccessStore;
import dev.modelaccess.tink.KeysetTool;
import dev.modelaccess.tink.TinkSecretCipher;
import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

@ExtendWith(OutputCaptureExtension.class)
class ModelAccessKeysAutoConfigurationTest {

    private static final String KEY = "sk-or-v1-0123456789abcdef0123456789abcdef0123456789abcdef0123456789abc6e7";
    private static final UUID USER = UUID.fromString("00000000-0000-4000-8000-00000000a11c");
    private static final OpenRouterKeyVerifier ACCEPTS_ALL =
            apiKey -> new KeyVerification.Valid(null, null, null, null, BigDecimal.ZERO, false, null);

    private final ApplicationContextRunner runner = AutoConfigurationImports.runner()
            .withBean(ModelAccessStore.class, InMemoryModelAccessStore::new)
            .withBean(DataSource.class, () -> new DriverManagerDataSource("jdbc:postgresql://127.0.0.1:9/unused"))
            .withPropertyValues("modelaccess.catalog.rules-reload-interval=0s", "modelaccess.schema.migrate=false");

    @Test
    void aConfiguredKeysetEncryptsWithTink() {
        runner.withPropertyValues("modelaccess.keys.keyset=" + KeysetTool.generate())
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    SecretCipher cipher = context.getBean(SecretCipher.class);
                    assertThat(cipher).isInstanceOf(TinkSecretCipher.class);
                    assertThat(cipher.decrypt(cipher.encrypt("secret", USER), USER))
                            .isEqualTo("secret");
                });
    }

    @Test
    void withoutAKeysetTheStartSaysNoKeyMaterialOnceAtInfoAndWarnsNothing(CapturedOutput output) {
        runner.withPropertyValues("modelaccess.catalog.listen.enabled=false")
                .run(context -> assertThat(context).hasNotFailed());

        assertThat(output.getAll().lines().filter(line -> line.contains("No key material")))
                .singleElement()
                .satisfies(line -> assertThat(line).contains("INFO").doesNotContain("WARN"));
        assertThat(output.getAll().lines().filter(line -> line.contains(" WARN ")))
                .noneMatch(line -> line.contains("key material") || line.contains("keyset"));
    }

    @Test
    void withoutAKeysetTheCipherRefusesEverythingAndSaysWhatToSet() {
        runner.run(context -> {
            assertThat(context).hasNotFailed();
            SecretCipher cipher = context.getBean(SecretCipher.class);
            assertThatThrownBy(() -> cipher.encrypt("secret", USER))
                    .isInstanceOf(KeyMaterialMissingException.class)
                    .hasMessageContaining("modelaccess.keys.keyset");
        });
        runner.withPropertyValues("modelaccess.keys.keyset=  ")
                .run(context -> assertThatThrownBy(
                                () -> context.getBean(SecretCipher.class).primaryKeyId())
                        .isInstanceOf(KeyMaterialMissingException.class));
    }

    @Test
    void aKeysetThatIsNotOneStopsTheStartWithoutShowingTheValue() {
        runner.withPropertyValues("modelaccess.keys.keyset=bm90IGEga2V5c2V0IGF0IGFsbA==")
                .run(context -> {
                    assertThat(context).hasFailed();
                    assertThat(context.getStartupFailure())
                            .rootCause()
                            .hasMessageNotContaining("bm90IGEga2V5c2V0IGF0IGFsbA==");
                    assertThat(context.getStartupFailure()).hasStackTraceContaining("keyset");
                });
    }

    @Test
    void userKeysAreWiredOnceThereIsAUserKeyStore() {
        runner.withBean(UserKeyStore.class, InMemoryUserKeyStore::new)
                .withBean(ModelCatalogSource.class, () -> () -> UpstreamSnapshot.of(List.of()))
                .withBean(OpenRouterKeyVerifier.class, () -> ACCEPTS_ALL)
                .withBean(ChatCompletions.class, () -> (apiKey, request) -> {
                    throw new UnsupportedOperationException();
                })
                .withPropertyValues("modelaccess.keys.keyset=" + KeysetTool.generate())
                .run(context -> {
                    assertThat(context).hasSingleBean(UserKeys.class);
                    UserKeys keys = context.getBean(UserKeys.class);
                    UserKeyStatus status = keys.save(USER, KEY);
                    assertThat(status.keyHint()).isEqualTo("sk-or-v1-…6e7");
                    assertThat(keys.decryptFor(USER).value()).isEqualTo(KEY);
                    assertThat(context.getBean(UserKeyStore.class)
                                    .find(USER)
                                    .orElseThrow()
                                    .encryptedApiKey())
                            .startsWith("v1:")
                            .doesNotContain(KEY);
                });
    }

    @Test
    void withoutTinkTheApplicationsOwnCipherProtectsTheKeysAndUserKeysAreStillWired() {
        SecretCipher hostCipher = new SecretCipher() {
            @Override
            public String encrypt(String plaintext, UUID userId) {
                return "host:" + new StringBuilder(plaintext).reverse();
            }

            @Override
            public String decrypt(String stored, UUID userId) {
                return new StringBuilder(stored.substring("host:".length()))
                        .reverse()
                        .toString();
            }

            @Override
            public String primaryKeyId() {
                return "host";
            }

            @Override
            public String keyIdOf(String stored) {
                return "host";
            }
        };
        runner.withClassLoader(new FilteredClassLoader(TinkSecretCipher.class))
                .withBean(UserKeyStore.class, InMemoryUserKeyStore::new)
                .withBean(ModelCatalogSource.class, () -> () -> UpstreamSnapshot.of(List.of()))
                .withBean(OpenRouterKeyVerifier.class, () -> ACCEPTS_ALL)
                .withBean(ChatCompletions.class, () -> (apiKey, request) -> {
                    throw new UnsupportedOperationException();
                })
                .withBean(SecretCipher.class, () -> hostCipher)
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(context.getBean(SecretCipher.class)).isSameAs(hostCipher);
                    UserKeys keys = context.getBean(UserKeys.class);
                    keys.save(USER, KEY);
                    assertThat(keys.decryptFor(USER).value()).isEqualTo(KEY);
                    assertThat(context.getBean(UserKeyStore.class)
                                    .find(USER)
                                    .orElseThrow()
                                    .encryptedApiKey())
                            .startsWith("host:")
                            .doesNotContain(KEY);
                });
        runner.withClassLoader(new FilteredClassLoader(TinkSecretCipher.class))
                .withBean(UserKeyStore.class, InMemoryUserKeyStore::new)
                .withBean(OpenRouterKeyVerifier.class, () -> ACCEPTS_ALL)
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(context).doesNotHaveBean(SecretCipher.class);
                    assertThat(context).doesNotHaveBean(UserKeys.class);
                });
    }

    @Test
    void withoutAKeysetSavingAKeyFailsBeforeOpenRouterIsAsked() {
        runner.withBean(UserKeyStore.class, InMemoryUserKeyStore::new)
                .withBean(ModelCatalogSource.class, () -> () -> UpstreamSnapshot.of(List.of()))
                .withBean(OpenRouterKeyVerifier.class, () -> apiKey -> {
                    throw new AssertionError("OpenRouter must not be asked");
                })
                .run(context -> assertThatThrownBy(
                                () -> context.getBean(UserKeys.class).save(USER, KEY))
                        .isInstanceOf(KeyMaterialMissingException.class));
    }

    @Test
    void byDefaultUserKeysAreStoredInPostgres() {
        runner.run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context).hasSingleBean(UserKeyStore.class);
            assertThat(context.getBean(UserKeyStore.class).getClass().getPackage())
                    .isEqualTo(JooqModelAccess.class.getPackage());
            assertThat(context).hasSingleBean(UserKeys.class);
        });
    }

    @Test
    void withoutADataSourceOrAUserKeyStoreThereAreNoUserKeys() {
        AutoConfigurationImports.runner()
                .withBean(ModelAccessStore.class, InMemoryModelAccessStore::new)
                .withPropertyValues("modelaccess.catalog.rules-reload-interval=0s")
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(context).doesNotHaveBean(UserKeyStore.class);
                    assertThat(context).doesNotHaveBean(UserKeys.class);
                    assertThat(context).hasSingleBean(SecretCipher.class);
                });
    }

    @Test
    void theCatalogClientAlsoVerifiesKeysAndRunsCompletions() {
        runner.run(context -> {
            assertThat(context).hasSingleBean(OpenRouterClient.class);
            assertThat(context.getBean(OpenRouterKeyVerifier.class))
                    .isSameAs(context.getBean(ChatCompletions.class))
                    .isSameAs(context.getBean(ModelCatalogSource.class));
        });
    }

    @Test
    void whenTheCatalogSourceIsReplacedAClientForUsersCallsIsStillThere() {
        runner.withBean(ModelCatalogSource.class, () -> () -> UpstreamSnapshot.of(List.of()))
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(context).doesNotHaveBean(OpenRouterClient.class);
                    assertThat(context.getBean(ChatCompletions.class)).isInstanceOf(OpenRouterUserCalls.class);
                    assertThat(context.getBean(OpenRouterKeyVerifier.class)).isInstanceOf(OpenRouterUserCalls.class);
                    assertThat(context.getBean(ModelCatalogSource.class)).isNotInstanceOf(OpenRouterUserCalls.class);
                });
    }

    @Test
    void theApplicationsOwnBeansWin() {
        SecretCipher own = SecretCipher.unconfigured("own");
        runner.withBean(SecretCipher.class, () -> own)
                .withBean(UserKeyStore.class, InMemoryUserKeyStore::new)
                .withBean(OpenRouterKeyVerifier.class, () -> ACCEPTS_ALL)
                .withBean(ChatCompletions.class, () -> (apiKey, request) -> {
                    throw new UnsupportedOperationException();
                })
                .withBean(ModelCatalogSource.class, () -> () -> UpstreamSnapshot.of(List.of()))
                .withPropertyValues("modelaccess.keys.keyset=" + KeysetTool.generate())
                .run(context -> {
                    assertThat(context.getBean(SecretCipher.class)).isSameAs(own);
                    assertThat(context.getBean(UserKeyStore.class).getClass().getPackage())
                            .isNotEqualTo(JooqModelAccess.class.getPackage());
                    assertThat(context).doesNotHaveBean(OpenRouterClient.class);
                    assertThat(context).doesNotHaveBean(OpenRouterUserCalls.class);
                    assertThat(context).hasSingleBean(UserKeys.class);
                });
    }

    @Test
    void storedKeysAreNotReverifiedOnAScheduleUnlessAsked() {
        runner.withBean(UserKeyStore.class, InMemoryUserKeyStore::new)
                .withBean(ModelCatalogSource.class, () -> () -> UpstreamSnapshot.of(List.of()))
                .withBean(OpenRouterKeyVerifier.class, () -> ACCEPTS_ALL)
                .run(context -> {
                    assertThat(context).hasSingleBean(UserKeys.class);
                    assertThat(context).doesNotHaveBean(ModelAccessKeyReverifier.class);
                });
    }

    @Test
    void aScheduledReverificationMarksAKeyRevokedAtOpenRouterInvalid() {
        AtomicBoolean revoked = new AtomicBoolean();
        OpenRouterKeyVerifier verifier = apiKey -> revoked.get()
                ? new KeyVerification.Invalid("User not found.")
                : new KeyVerification.Valid(null, null, null, null, BigDecimal.ZERO, false, null);
        runner.withBean(UserKeyStore.class, InMemoryUserKeyStore::new)
                .withBean(ModelCatalogSource.class, () -> () -> UpstreamSnapshot.of(List.of()))
                .withBean(OpenRouterKeyVerifier.class, () -> verifier)
                .withPropertyValues(
                        "modelaccess.keys.keyset=" + KeysetTool.generate(),
                        "modelaccess.keys.reverify.enabled=true",
                        "modelaccess.keys.reverify.cron=0 15 2 * * *")
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    UserKeys userKeys = context.getBean(UserKeys.class);
                    userKeys.save(USER, KEY);
                    revoked.set(true);

                    context.getBean(ModelAccessKeyReverifier.class).runScheduled();

                    assertThat(userKeys.status(USER))
                            .hasValueSatisfying(
                                    status -> assertThat(status.valid()).isFalse());
                    assertThat(context.getBean(ModelAccessProperties.class)
                                    .keys()
                                    .reverify()
                                    .cron())
                            .isEqualTo("0 15 2 * * *");
                });
    }

    @Test
    void reencryptAllIsABeanThatRunsOnceWhileTheSameJobRunsElsewhereItAnswersEmpty() {
        runner.withBean(UserKeyStore.class, InMemoryUserKeyStore::new)
                .withBean(ModelCatalogSource.class, () -> () -> UpstreamSnapshot.of(List.of()))
                .withBean(OpenRouterKeyVerifier.class, () -> ACCEPTS_ALL)
                .withBean(JobLock.class, JobLock::inProcess)
                .withPropertyValues("modelaccess.keys.keyset=" + KeysetTool.generate())
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    context.getBean(UserKeys.class).save(USER, KEY);
                    ModelAccessKeyMaintenance maintenance = context.getBean(ModelAccessKeyMaintenance.class);
                    JobLock lock = context.getBean(JobLock.class);

                    Optional<Optional<ReencryptionReport>> whileRunningElsewhere = lock.runExclusively(
                            ModelAccessKeyMaintenance.REENCRYPT,
                            () -> CompletableFuture.supplyAsync(maintenance::reencryptAll)
                                    .join());

                    assertThat(whileRunningElsewhere).contains(Optional.empty());
                    assertThat(maintenance.reencryptAll())
                            .as("run here once nothing else runs it")
                            .isPresent();
                    assertThat(lock.runExclusively(
                                    ModelAccessKeyMaintenance.REVERIFY,
                                    () -> CompletableFuture.supplyAsync(maintenance::reverifyAll)
                                            .join()))
                            .contains(Optional.empty());
                });
    }
}
