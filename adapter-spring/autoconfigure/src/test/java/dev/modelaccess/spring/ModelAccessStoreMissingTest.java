package dev.modelaccess.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modelaccess.core.access.ModelAccessService;
import dev.modelaccess.core.port.ModelAccessStore;
import dev.modelaccess.jooq.JooqModelAccess;
import dev.modelaccess.spring.ModelAccessStoreRequiredAutoConfiguration.ModelAccessStoreMissingException;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.NoSuchBeanDefinitionException;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.DefaultResourceLoader;

/** A host that excluded model-access-jooq and defines no store of its own is told what to add. */
@ExtendWith(OutputCaptureExtension.class)
class ModelAccessStoreMissingTest {

    private static final FilteredClassLoader WITHOUT_JOOQ_ADAPTER = new FilteredClassLoader(JooqModelAccess.class);

    @Test
    void withoutTheJooqAdapterAndWithoutAStoreTheStartFailsWithOneMessageSayingWhatToAdd() {
        AutoConfigurationImports.runner().withClassLoader(WITHOUT_JOOQ_ADAPTER).run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure())
                    .isInstanceOf(ModelAccessStoreMissingException.class)
                    .isNotInstanceOf(NoSuchBeanDefinitionException.class);
            assertThat(StarterFactories.names(FailureAnalyzer.class))
                    .contains(ModelAccessStoreMissingFailureAnalyzer.class.getName());
            FailureAnalysis analysis =
                    new ModelAccessStoreMissingFailureAnalyzer().analyze(context.getStartupFailure());
            assertThat(analysis).as("the failure is analysed").isNotNull();
            assertThat(analysis.getDescription()).contains("ModelAccessStore", "model-access-jooq");
            assertThat(analysis.getAction())
                    .contains("dev.modelaccess:model-access-jooq", ModelAccessStore.class.getName());
        });
    }

    @Test
    void withoutTheJooqAdapterTheApplicationsOwnStoreIsEnough() {
        AutoConfigurationImports.runner()
                .withClassLoader(WITHOUT_JOOQ_ADAPTER)
                .withBean(ModelAccessStore.class, UnreachableStore::new)
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(context).hasSingleBean(ModelAccessStore.class);
                });
    }

    @Test
    void withTheJooqAdapterOnTheClassPathTheCheckStaysOut() {
        AutoConfigurationImports.runner().run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context).doesNotHaveBean(ModelAccessStoreRequiredAutoConfiguration.class);
        });
    }

    @Test
    void aSpringApplicationReportsTheAnalysisNotAStackOfMissingBeans(CapturedOutput output) {
        SpringApplication application =
                new SpringApplication(new DefaultResourceLoader(WITHOUT_JOOQ_ADAPTER), Host.class);
        application.setWebApplicationType(WebApplicationType.NONE);
        application.setDefaultProperties(Map.of("spring.main.banner-mode", "off"));

        assertThatThrownBy(application::run).isInstanceOf(ModelAccessStoreMissingException.class);

        assertThat(output.getOut() + output.getErr())
                .contains("APPLICATION FAILED TO START")
                .contains("model-access cannot start: it has no ModelAccessStore")
                .contains("add the dependency dev.modelaccess:model-access-jooq")
                .doesNotContain("NoSuchBeanDefinitionException");
    }

    /** A host whose own bean needs the library's dropdown, which no store backs. */
    @Configuration(proxyBeanMethods = false)
    @EnableAutoConfiguration
    static class Host {

        @Bean
        String dropdownUser(ModelAccessService dropdown) {
            return "host of " + dropdown;
        }
    }
}
