package dev.modelaccess.web.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modelaccess.spring.ModelAccessAutoConfiguration;
import dev.modelaccess.web.HostBeans;
import dev.modelaccess.web.ModelAccessWebAutoConfiguration;
import dev.modelaccess.web.ModelAccessWebProperties;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.webmvc.autoconfigure.WebMvcAutoConfiguration;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.util.unit.DataSize;
import org.springframework.web.servlet.handler.SimpleUrlHandlerMapping;
import tools.jackson.databind.json.JsonMapper;

/** The console is off unless both switches are on; its endpoints come with the API; its paths are normalised. */
class ModelAccessConsoleAutoConfigurationTest {

    private final WebApplicationContextRunner web = HostBeans.on(new WebApplicationContextRunner())
            .withConfiguration(AutoConfigurations.of(
                    ModelAccessAutoConfiguration.class,
                    WebMvcAutoConfiguration.class,
                    ModelAccessWebAutoConfiguration.class,
                    ModelAccessConsoleAutoConfiguration.class));

    @Test
    void nothingWithoutTheApiSwitch() {
        web.withPropertyValues("modelaccess.web.console.enabled=true").run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context).doesNotHaveBean(ConsoleAdminController.class);
            assertThat(context).doesNotHaveBean("modelAccessConsoleHandlerMapping");
        });
    }

    @Test
    void theApiSwitchBringsTheConsoleEndpointsButNotThePages() {
        web.withPropertyValues("modelaccess.web.enabled=true").run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context).hasSingleBean(ConsoleAdminController.class);
            assertThat(context).doesNotHaveBean("modelAccessConsoleHandlerMapping");
            assertThat(context).doesNotHaveBean("modelAccessConsoleHeaders");
        });
    }

    @Test
    void bothSwitchesServeThePagesUnderTheConfiguredPath() {
        web.withPropertyValues(
                        "modelaccess.web.enabled=true",
                        "modelaccess.web.console.enabled=true",
                        "modelaccess.web.console.path=admin/models",
                        "modelaccess.web.base-path=/v2/")
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    SimpleUrlHandlerMapping mapping =
                            context.getBean("modelAccessConsoleHandlerMapping", SimpleUrlHandlerMapping.class);
                    assertThat(mapping.getUrlMap())
                            .containsOnlyKeys("/admin/models", "/admin/models/", "/admin/models/**");
                    ConsolePages pages = (ConsolePages) mapping.getUrlMap().get("/admin/models/");
                    MockHttpServletResponse config = serve(pages, "GET", "/admin/models/config.json");
                    assertThat(config.getContentAsString()).isEqualTo("{\"api_base\":\"/v2\",\"sign_out_url\":null}");
                    MockHttpServletResponse page = serve(pages, "GET", "/admin/models/");
                    assertThat(page.getContentType()).startsWith("text/html");
                    assertThat(page.getContentAsString()).contains("<dialog id=\"confirm-dialog\"");
                    assertThat(serve(pages, "HEAD", "/admin/models/js/api.js").getContentAsString())
                            .isEmpty();
                    assertThat(serve(pages, "GET", "/admin/models/js/missing.js")
                                    .getStatus())
                            .isEqualTo(404);
                    assertThat(serve(pages, "DELETE", "/admin/models/").getStatus())
                            .isEqualTo(405);
                });
    }

    @Test
    void theConsoleMayNotTakeTheRootPath() {
        assertThatThrownBy(() -> ConsolePaths.of(properties("/", null)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("root path");
    }

    @Test
    void theHostsSignOutAddressIsHandedToThePageWhenItIsAPathOnThisSite() throws Exception {
        ConsolePages pages = new ConsolePages(ConsolePaths.of(properties("/model-access/", " /logout ")));
        assertThat(serve(pages, "GET", "/model-access/config.json").getContentAsString())
                .isEqualTo("{\"api_base\":\"/api\",\"sign_out_url\":\"/logout\"}");
        assertThat(ConsolePaths.of(properties("/model-access/", " ")).signOutUrl())
                .isNull();
        ConsolePages quoting =
                new ConsolePages(ConsolePaths.of(properties("/model-access/", "/sign-out?next=\"a\\b\"")));
        assertThat(JsonMapper.shared()
                        .readTree(serve(quoting, "GET", "/model-access/config.json")
                                .getContentAsString())
                        .get("sign_out_url")
                        .asString())
                .as("quotes and backslashes stay JSON")
                .isEqualTo("/sign-out?next=\"a\\b\"");
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://elsewhere.example/logout", "//elsewhere.example/logout", "logout"})
    void aSignOutAddressOffThisSiteIsRefusedAtStartUp(String address) {
        assertThatThrownBy(() -> ConsolePaths.of(properties("/model-access/", address)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("modelaccess.web.console.sign-out-url")
                .hasMessageContaining(address);
    }

    private static ModelAccessWebProperties properties(String consolePath, @Nullable String signOutUrl) {
        return new ModelAccessWebProperties(
                true,
                "/api",
                DataSize.ofKilobytes(64),
                new ModelAccessWebProperties.Security("app_metadata.role", "admin", "ROLE_MODEL_ACCESS_ADMIN"),
                new ModelAccessWebProperties.Console(true, consolePath, signOutUrl));
    }

    private static MockHttpServletResponse serve(ConsolePages pages, String method, String uri) throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest(method, uri);
        MockHttpServletResponse response = new MockHttpServletResponse();
        pages.handleRequest(request, response);
        return response;
    }
}
