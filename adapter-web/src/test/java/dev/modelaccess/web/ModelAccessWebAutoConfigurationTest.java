package dev.modelaccess.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.modelaccess.spring.ModelAccessAutoConfiguration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.AbstractApplicationContextRunner;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.webmvc.autoconfigure.WebMvcAutoConfiguration;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.servlet.DispatcherServlet;

/** Opt-in by the book: off by default, on with the switch, only in a servlet application with Spring MVC. */
class ModelAccessWebAutoConfigurationTest {

    static final UUID USER = UUID.fromString("b0000000-0000-4000-8000-000000000001");

    private static final AutoConfigurations CONFIGURATIONS = AutoConfigurations.of(
            ModelAccessAutoConfiguration.class, WebMvcAutoConfiguration.class, ModelAccessWebAutoConfiguration.class);

    private final WebApplicationContextRunner web = host(new WebApplicationContextRunner());

    private static <R extends AbstractApplicationContextRunner<R, ?, ?>> R host(R runner) {
        return HostBeans.on(runner).withConfiguration(CONFIGURATIONS);
    }

    @Test
    void offByDefault() {
        web.run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context).doesNotHaveBean(ModelAccessWebProperties.class);
            assertThat(context).doesNotHaveBean(ModelsController.class);
            assertThat(context).doesNotHaveBean(CallerResolver.class);
            assertThat(context).doesNotHaveBean(ModelAccessWebAutoConfiguration.BODY_LIMIT);
        });
        web.withPropertyValues("modelaccess.web.enabled=false")
                .run(context -> assertThat(context).doesNotHaveBean(ModelsController.class));
    }

    @Test
    void onWithTheSwitch() {
        web.withPropertyValues("modelaccess.web.enabled=true").run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context).hasSingleBean(ModelsController.class);
            assertThat(context).hasSingleBean(AdminModelsController.class);
            assertThat(context).hasSingleBean(AdminSyncController.class);
            assertThat(context).hasSingleBean(ModelAccessWebProblems.class);
            assertThat(context).hasSingleBean(DefaultCallerResolver.class);
            assertThat(context).hasBean(ModelAccessWebAutoConfiguration.BODY_LIMIT);
            ModelAccessWebProperties properties = context.getBean(ModelAccessWebProperties.class);
            assertThat(properties.basePath()).isEqualTo("/api");
            assertThat(properties.maxBodySize().toBytes()).isEqualTo(64 * 1024);
            assertThat(properties.security().adminClaim()).isEqualTo("app_metadata.role");
            assertThat(properties.security().adminValue()).isEqualTo("admin");
            assertThat(properties.security().adminAuthority()).isEqualTo("ROLE_MODEL_ACCESS_ADMIN");
            assertThat(properties.console().enabled()).isFalse();
            assertThat(properties.console().path()).isEqualTo("/model-access/");
        });
    }

    @Test
    void aNonWebApplicationIsUnaffected() {
        host(new ApplicationContextRunner())
                .withPropertyValues("modelaccess.web.enabled=true")
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(context).doesNotHaveBean(ModelsController.class);
                    assertThat(context).doesNotHaveBean(CallerResolver.class);
                });
        host(new ReactiveWebApplicationContextRunner())
                .withPropertyValues("modelaccess.web.enabled=true")
                .run(context -> assertThat(context).doesNotHaveBean(ModelsController.class));
    }

    @Test
    void aHostWithoutSpringMvcIsUnaffected() {
        web.withPropertyValues("modelaccess.web.enabled=true")
                .withClassLoader(new FilteredClassLoader(DispatcherServlet.class))
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(context).doesNotHaveBean(ModelsController.class);
                    assertThat(context).doesNotHaveBean(CallerResolver.class);
                });
    }

    @Test
    void aHostsOwnCallerResolverAndBasePathAreUsed() {
        web.withPropertyValues("modelaccess.web.enabled=true", "modelaccess.web.base-path=/model-api")
                .withBean(CallerResolver.class, () -> request -> new ModelAccessCaller(USER, false))
                .run(context -> {
                    assertThat(context).doesNotHaveBean(DefaultCallerResolver.class);
                    MockMvc mvc = MockMvcBuilders.webAppContextSetup(context).build();
                    mvc.perform(get("/model-api/me/default-model"))
                            .andExpect(status().isOk())
                            .andExpect(jsonPath("$.tier").value("pro"))
                            .andExpect(jsonPath("$.saved_model").isEmpty());
                    mvc.perform(get("/model-api/models"))
                            .andExpect(status().isOk())
                            .andExpect(jsonPath("$.total_count").value(0))
                            .andExpect(jsonPath("$.links.next").isEmpty());
                    mvc.perform(get("/model-api/admin/models")).andExpect(status().isForbidden());
                    mvc.perform(get("/api/models")).andExpect(status().isNotFound());
                });
    }

    @Test
    void aHostsOwnAuthorityOrClaimMakesAnAdmin() {
        web.withPropertyValues("modelaccess.web.enabled=true")
                .withBean(CallerResolver.class, () -> request -> new ModelAccessCaller(USER, true))
                .run(context -> MockMvcBuilders.webAppContextSetup(context)
                        .build()
                        .perform(get("/api/admin/models"))
                        .andExpect(status().isOk())
                        .andExpect(jsonPath("$.total").value(0)));
        web.withPropertyValues("modelaccess.web.enabled=true")
                .withBean(CallerResolver.class, () -> request -> null)
                .run(context -> MockMvcBuilders.webAppContextSetup(context)
                        .build()
                        .perform(get("/api/models"))
                        .andExpect(status().isUnauthorized()));
    }
}
