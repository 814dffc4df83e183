package dev.modelaccess.example.resources;

import dev.modelaccess.example.DemoMode;
import dev.modelaccess.tink.KeysetTool;
import dev.modelaccess.tink.TinkSecretCipher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * In demo mode without {@code modelaccess.keys.keyset}, users' OpenRouter keys are encrypted under a keyset
 * generated for this run, so the demo can store keys with no set-up. Keys stored that way do not survive a restart
 * (the embedded database does not either); the start-up says so loudly. Outside demo mode nothing is generated:
 * without a keyset, storing a key answers 503.
 */
@Configuration(proxyBeanMethods = false)
@Conditional(EphemeralKeysetConfiguration.DemoWithoutKeyset.class)
class EphemeralKeysetConfiguration {

    private static final Logger LOG = LoggerFactory.getLogger(EphemeralKeysetConfiguration.class);

    static final String KEYSET_PROPERTY = "modelaccess.keys.keyset";

    @Bean
    TinkSecretCipher demoSecretCipher() {
        TinkSecretCipher cipher = TinkSecretCipher.fromBase64Keyset(KeysetTool.generate());
        LOG.warn("""

                ************************************************************************
                *  DEMO MODE: users' OpenRouter keys are encrypted under a keyset made *
                *  for this run only ({} is not set).             *
                *  Keys stored now will NOT decrypt after a restart. Set the property  *
                *  to a keyset of your own to keep them (KeysetTool generate).         *
                ************************************************************************""", KEYSET_PROPERTY);
        return cipher;
    }

    /** Demo mode is on and no keyset is configured. */
    static final class DemoWithoutKeyset implements Condition {

        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            String keyset = context.getEnvironment().getProperty(KEYSET_PROPERTY);
            return DemoMode.isOn(context.getEnvironment()) && (keyset == null || keyset.isBlank());
        }
    }
}
