package dev.modelaccess.example;

import static dev.modelaccess.example.HttpAnswers.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.modelaccess.example.demo.DemoRunner;
import dev.modelaccess.testsupport.openrouter.LocalOpenRouter;
import dev.modelaccess.testsupport.postgres.TestSchema;
import dev.modelaccess.testsupport.postgres.WithPostgres;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import tools.jackson.databind.JsonNode;

/**
 * Demo mode in headless Chromium: the console's one-click demo admin token, and the demo user page (dropdown with the
 * default preselected, a new default, a key against the local OpenRouter stand-in, a resource created and run). Each
 * step is checked against what the server then holds.
 */
@WithPostgres
@ExtendWith(Browser.class)
class DemoPagesBrowserTest {

    static final UUID PRO = UUID.fromString("22222222-2222-4222-8222-222222222222");
    static final String KEY = "sk-or-v1-5ecre7a11ce0000000000000000000000000000000000000000000000000c0de";

    static TestSchema schema;
    static LocalOpenRouter openRouter;
    static RunningApp app;
    static DSLContext dsl;
    static Browser browser;

    @BeforeAll
    static void start() throws Exception {
        openRouter = ExampleOpenRouter.start(0);
        app = RunningApp.start(
                schema,
                openRouter.baseUrl(),
                "app.demo.enabled=true",
                // demo tokens come only with the secret generated for the run
                "app.security.jwt-secret=",
                "modelaccess.web.enabled=true",
                "modelaccess.web.console.enabled=true");
        app.bean(DemoRunner.class).done().get(2, TimeUnit.MINUTES);
        dsl = DSL.using(schema.dataSource(), SQLDialect.POSTGRES);
        browser = Browser.start();
    }

    @AfterAll
    static void stop() {
        RunningApp.closeAll(browser, app, openRouter);
    }

    static String url(String path) {
        return "http://localhost:" + app.port + path;
    }

    @Test
    void inDemoModeTheConsoleOffersTheDemoAdminsTokenWithOneClick() {
        browser.open(url("/model-access/"));
        browser.click("#demo-token");
        browser.find("#review-view");
        browser.screenshots("demo-console-one-click");
        String token =
                json(app.get("/model-access/demo-token", null)).get("token").asString();
        assertThat(app.get("/api/admin/console/models", token).statusCode()).isEqualTo(200);
        assertThat(browser.script("return sessionStorage.getItem('modelaccess.console.token')"))
                .isNotNull();
    }

    @Test
    void theDemoUserPageShowsTheDropdownWithTheDefaultPreselectedAndSavesAKeyAResourceAndARun() {
        String proToken = proToken();
        List<String> menu = ApiEndToEndTest.ids(app.get("/api/models", proToken));
        assertThat(menu).hasSizeGreaterThan(1);
        String saved = menu.get(1);
        dsl.execute("update profiles set default_model = ? where id = ?", saved, PRO);
        app.bean(dev.modelaccess.spring.CachingUserProfiles.class).invalidateAll();

        browser.open(url("/demo/"));
        browser.waitForText("#tier-info", "Tier pro");
        Select dropdown = new Select(browser.find("#model"));
        List<String> shown = new ArrayList<>();
        for (WebElement option : dropdown.getOptions()) {
            shown.add(option.getAttribute("value"));
        }
        assertThat(shown).containsExactlyElementsOf(menu);
        assertThat(dropdown.getFirstSelectedOption().getAttribute("value")).isEqualTo(saved);

        String chosen = menu.get(0);
        dropdown.selectByValue(chosen);
        browser.click("#save-default");
        browser.waitForText("#status", "Default model saved: " + chosen);
        assertThat(dsl.fetchValue("select default_model from profiles where id = ?", PRO))
                .isEqualTo(chosen);

        browser.type("#key", KEY);
        browser.click("#key-form button[type=submit]");
        browser.waitForText("#key-info", "valid");
        assertThat(browser.find("#key-info").getText()).doesNotContain(KEY).contains("Key saved: sk-or-v1-");
        assertThat(browser.driver().getPageSource()).doesNotContain(KEY);

        browser.click("#resource-form button[type=submit]");
        browser.waitForText("#resource-info", "created");
        browser.click("#run-form button[type=submit]");
        browser.waitForText("#run-output", "heard");
        browser.screenshots("demo-user-page");
        assertThat(((Number) dsl.fetchValue(
                                "select count(*) from resources r join model_access m on m.id = r.openrouter_model_id"
                                        + " where r.owner_id = ? and m.model_id = ?",
                                PRO,
                                chosen))
                        .longValue())
                .isEqualTo(1);
    }

    static String proToken() {
        JsonNode users = json(app.get("/demo/users", null)).get("data");
        for (JsonNode user : users) {
            if (user.get("tier").asString().equals("pro")) {
                return user.get("token").asString();
            }
        }
        throw new AssertionError("no pro demo user");
    }
}
