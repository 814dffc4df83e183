package dev.modelaccess.example;

import static dev.modelaccess.example.ConsoleModels.row;
import static dev.modelaccess.example.ConsoleModels.syncOnce;
import static org.assertj.core.api.Assertions.assertThat;

import dev.modelaccess.spring.CachingUserProfiles;
import dev.modelaccess.testsupport.openrouter.LocalOpenRouter;
import dev.modelaccess.testsupport.postgres.TestSchema;
import dev.modelaccess.testsupport.postgres.WithPostgres;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.support.ui.Select;

/**
 * The console's successor picker (on a model's detail) and tier defaults (on the tier preview page) in headless
 * Chromium against the example app on PostgreSQL; each scenario checks what the database then holds, and saves
 * screenshots at 1280 and 390 px under {@code target/console-screenshots/}.
 */
@WithPostgres
@ExtendWith(Browser.class)
class SuccessorConsoleBrowserTest {

    static final UUID ADMIN = UUID.fromString("f0000000-0000-4000-8000-0000000000ad");
    static final UUID PRO = UUID.fromString("f0000000-0000-4000-8000-000000000002");
    static final String OLD = "acme/sonnet-3";
    static final String NEW = "acme/sonnet-4";
    static final String OTHER = "acme/haiku-free";

    static TestSchema schema;
    static LocalOpenRouter openRouter;
    static RunningApp app;
    static DSLContext dsl;
    static Browser browser;

    @BeforeAll
    static void start() {
        List<String> upstream = new ArrayList<>(ExampleOpenRouter.models(NEW, OTHER));
        upstream.add(ConsoleEndpointsTest.dated(OLD, ConsoleEndpointsTest.SOON));
        openRouter = ExampleOpenRouter.serving(upstream);
        app = RunningApp.start(
                schema,
                openRouter,
                "modelaccess.web.enabled=true",
                "modelaccess.web.console.enabled=true",
                "modelaccess.catalog.listen.enabled=false");
        dsl = DSL.using(schema.dataSource(), SQLDialect.POSTGRES);
        dsl.execute(
                "insert into profiles (id, tier, default_model) values (?, 'pro', ?), (?, 'enterprise', null)",
                PRO,
                OLD,
                ADMIN);
        syncOnce(app.context);
        browser = Browser.start();
    }

    @AfterAll
    static void stop() {
        RunningApp.closeAll(browser, app, openRouter);
    }

    @BeforeEach
    void reset() {
        dsl.execute("delete from model_successors");
        dsl.execute("delete from tier_defaults");
        dsl.execute("update model_access set status = 'active', is_free = false, is_pro = true, is_enterprise = true");
        dsl.execute(
                "update model_access set is_free = true, is_pro = false, is_enterprise = false where model_id = ?",
                OTHER);
        app.reloadCaches();
        browser.openConsoleSignedOut(url("/model-access/"));
    }

    static String url(String path) {
        return "http://localhost:" + app.port + path;
    }

    void signInAndListEveryModel() {
        browser.signInToConsole(url("/model-access/"), TestTokens.admin(ADMIN));
        new Select(browser.find("#f-status")).selectByValue("");
        browser.click("#filters button[type=submit]");
        browser.find(row(OLD) + " button[data-action=detail]");
    }

    @Test
    void anAdminNamesASuccessorOnTheModelsDetailAndTheExpiryWarningShowsIt() {
        signInAndListEveryModel();
        browser.waitForText("#expiring-list", "successor: none named");

        browser.click(row(OLD) + " button[data-action=detail]");
        browser.waitForText("#successor-current", "None named");
        List<String> offered = new ArrayList<>();
        new Select(browser.find("#successor-select"))
                .getOptions()
                .forEach(option -> offered.add(option.getAttribute("value")));
        assertThat(offered).as("active models usable by pro and enterprise").containsExactly("", NEW);
        new Select(browser.find("#successor-select")).selectByValue(NEW);
        browser.click("#successor-name");
        browser.waitForText("#successor-current", NEW);
        browser.find("#successor-remove");
        browser.script("document.querySelector('#successor-title').scrollIntoView()");
        browser.screenshots("model-with-successor");

        assertThat(
                        dsl.fetchValue(
                                "select s.model_id || ' -> ' || n.model_id from model_successors x"
                                        + " join model_access s on s.id = x.model_access_id join model_access n on n.id = x.successor_id"))
                .isEqualTo(OLD + " -> " + NEW);
        assertThat(dsl.fetchCount(
                        DSL.table("model_access_events"),
                        DSL.field("kind")
                                .eq("successor_changed")
                                .and(DSL.field("model_id").eq(OLD))))
                .isOne();

        browser.click("#detail-dialog button[value=close]");
        browser.click("#filters button[type=submit]");
        browser.waitForText("#expiring-list", "successor: " + NEW);
        browser.screenshots("expiring-with-successor");
    }

    @Test
    void aSuccessorTheServerRefusesIsExplainedInThePanelAndNothingIsWritten() {
        signInAndListEveryModel();
        browser.click(row(OLD) + " button[data-action=detail]");
        new Select(browser.find("#successor-select")).selectByValue(NEW);
        // meanwhile another admin disabled the successor
        dsl.execute("update model_access set status = 'disabled' where model_id = ?", NEW);

        browser.click("#successor-name");

        browser.waitForText("#detail-body .panel-error", "is disabled itself");
        browser.screenshots("successor-refused");
        assertThat(dsl.fetchCount(DSL.table("model_successors"))).isZero();
    }

    @Test
    void anAdminSetsTheProTiersDefaultOnTheTierPageAndAProUserWithoutOneGetsIt() {
        dsl.execute("update profiles set default_model = null where id = ?", PRO);
        signInAndListEveryModel();
        browser.click("#nav button[data-view=preview]");
        browser.find("#tier-default-pro");
        List<String> offered = new ArrayList<>();
        new Select(browser.find("#tier-default-pro"))
                .getOptions()
                .forEach(option -> offered.add(option.getAttribute("value")));
        assertThat(offered).as("the pro tier's dropdown").containsExactlyInAnyOrder("", OLD, NEW);

        new Select(browser.find("#tier-default-pro")).selectByValue(NEW);
        browser.click("#tier-default-save-pro");
        browser.waitForText("#status", "The pro tier's default is now " + NEW);
        browser.screenshots("tier-defaults");

        assertThat(dsl.fetchValue(
                        "select m.model_id from tier_defaults t join model_access m on m.id = t.model_access_id"
                                + " where t.tier = 'pro'"))
                .isEqualTo(NEW);
        app.bean(CachingUserProfiles.class).invalidateAll();
        assertThat(HttpAnswers.ok(app.get("/api/me/default-model", TestTokens.user(PRO)), 200)
                        .get("model")
                        .asString())
                .isEqualTo(NEW);
    }
}
