package dev.modelaccess.spring;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

class ModelAccessEnvironmentDefaultsTest {

    private final String noLogo = System.getProperty("org.jooq.no-logo");
    private final String noTips = System.getProperty("org.jooq.no-tips");

    @AfterEach
    void restore() {
        restore("org.jooq.no-logo", noLogo);
        restore("org.jooq.no-tips", noTips);
    }

    @Test
    void isRegisteredSoThatItRunsBeforeTheContextAndJooqExist() {
        assertThat(StarterFactories.names(EnvironmentPostProcessor.class))
                .contains(ModelAccessEnvironmentDefaults.class.getName());
    }

    @Test
    void jooqsLogoAndTipsAreOffAndItsVersionWarningIsBelowTheDefaultLevel() {
        System.clearProperty("org.jooq.no-logo");
        System.clearProperty("org.jooq.no-tips");
        StandardEnvironment environment = new StandardEnvironment();

        new ModelAccessEnvironmentDefaults().postProcessEnvironment(environment, new SpringApplication());

        assertThat(System.getProperty("org.jooq.no-logo")).isEqualTo("true");
        assertThat(System.getProperty("org.jooq.no-tips")).isEqualTo("true");
        assertThat(environment.getProperty("logging.level.org.jooq.impl.DefaultExecuteContext.logVersionSupport"))
                .isEqualTo("ERROR");
    }

    @Test
    void aHostsOwnChoicesWin() {
        System.setProperty("org.jooq.no-logo", "false");
        System.clearProperty("org.jooq.no-tips");
        StandardEnvironment environment = new StandardEnvironment();
        environment
                .getPropertySources()
                .addFirst(new MapPropertySource(
                        "host", Map.of("logging.level.org.jooq.impl.DefaultExecuteContext.logVersionSupport", "WARN")));

        new ModelAccessEnvironmentDefaults().postProcessEnvironment(environment, new SpringApplication());

        assertThat(System.getProperty("org.jooq.no-logo")).isEqualTo("false");
        assertThat(System.getProperty("org.jooq.no-tips")).isEqualTo("true");
        assertThat(environment.getProperty("logging.level.org.jooq.impl.DefaultExecuteContext.logVersionSupport"))
                .isEqualTo("WARN");
    }

    private static void restore(String name, String value) {
        if (value == null) {
            System.clearProperty(name);
        } else {
            System.setProperty(name, value);
        }
    }
}
