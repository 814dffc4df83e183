package dev.modelaccess.example;

import static dev.modelaccess.example.ConsoleModels.allNew;
import static dev.modelaccess.example.ConsoleModels.flag;
import static dev.modelaccess.example.ConsoleModels.row;
import static dev.modelaccess.example.ConsoleModels.status;
import static dev.modelaccess.example.ConsoleModels.syncOnce;
import static org.assertj.core.api.Assertions.assertThat;

import dev.modelaccess.core.access.AccessRuleCache;
import dev.modelaccess.testsupport.openrouter.LocalOpenRouter;
import dev.modelaccess.testsupport.postgres.TestSchema;
import dev.modelaccess.testsupport.postgres.WithPostgres;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

/**
 * The admin console in headless Chromium against the example app on PostgreSQL, with OpenRouter on loopback. Every
 * scenario checks what the server then holds (the database or the API), not only the page, and saves screenshots
 * at 1280 and 390 px under {@code target/console-screenshots/}. One browser for the class.
 */
@WithPostgres
@ExtendWith(Browser.class)
class AdminConsoleBrowserTest {

    static final UUID ADMIN = UUID.fromString("c0000000-0000-4000-8000-0000000000ad");
    static final UUID PRO = UUID.fromString("c0000000-0000-4000-8000-000000000002");

    static final String ALPHA = "acme/alpha";
    static final String BETA = "acme/beta";
    static final String GAMMA = "acme/gamma";
    static final List<String> BULK = IntStream.rangeClosed(1, 20)
            .mapToObj(i -> "bulk/m%02d".formatted(i))
            .toList();
    static final String FRESH = "fresh/arrival";

    static TestSchema schema;
    static LocalOpenRouter openRouter;
    static RunningApp app;
    static DSLContext dsl;
    static Browser browser;

    static List<String> catalog() {
        List<String> ids = new ArrayList<>(List.of(ALPHA, BETA, GAMMA));
        ids.addAll(BULK);
        return ids;
    }

    @BeforeAll
    static void start() throws Exception {
        openRouter =
                ExampleOpenRouter.serving(ExampleOpenRouter.models(catalog().toArray(String[]::new)));
        app = RunningApp.start(
                schema, openRouter, "modelaccess.web.enabled=true", "modelaccess.web.console.enabled=true");
        dsl = DSL.using(schema.dataSource(), SQLDialect.POSTGRES);
        dsl.execute("insert into profiles (id, tier) values (?, 'pro'), (?, 'enterprise')", PRO, ADMIN);
        syncOnce(app.context);
        browser = Browser.start();
    }

    @AfterAll
    static void stop() {
        RunningApp.closeAll(browser, app, openRouter);
    }

    /** Every model new again, no tiers, nothing fresh; the browser on a blank tab with nothing stored. */
    @BeforeEach
    void reset() {
        ExampleOpenRouter.serve(openRouter, catalog().toArray(String[]::new));
        dsl.execute("delete from model_access_events where model_id = ? or model_id like 'many/%'", FRESH);
        dsl.execute("delete from model_access where model_id = ? or model_id like 'many/%'", FRESH);
        allNew(dsl, app.context);
        app.reloadCaches();
        browser.openConsoleSignedOut(url("/model-access/"));
    }

    static String url(String path) {
        return "http://localhost:" + app.port + path;
    }

    void signInAsAdmin() {
        browser.signInToConsole(url("/model-access/"), TestTokens.admin(ADMIN));
    }

    @Test
    void anAdminApprovesTwoNewModelsForProAndDisablesAThirdAndTheProUserSeesExactlyThoseTwo() {
        signInAsAdmin();
        browser.waitForText("#new-count", "23");

        for (String model : List.of(ALPHA, BETA)) {
            browser.click(row(model) + " button[data-action=approve]");
            browser.find("#approve-dialog");
            assertThat(browser.driver().switchTo().activeElement().getAttribute("id"))
                    .as("focus moves into the dialog")
                    .isEqualTo("approve-free");
            if (browser.find("#approve-enterprise").isSelected()) {
                browser.click("#approve-enterprise");
            }
            browser.click("#approve-ok");
            browser.until(ExpectedConditions.invisibilityOfElementLocated(By.cssSelector(row(model))));
        }
        browser.click(row(GAMMA) + " button[data-action=disable]");
        browser.until(ExpectedConditions.invisibilityOfElementLocated(By.cssSelector(row(GAMMA))));
        browser.waitForText("#new-count", "20");
        browser.screenshots("approve-two-disable-one");

        assertThat(List.of(status(dsl, ALPHA), status(dsl, BETA), status(dsl, GAMMA)))
                .containsExactly("active", "active", "disabled");
        assertThat(List.of(flag(dsl, ALPHA, "pro"), flag(dsl, ALPHA, "free"), flag(dsl, ALPHA, "enterprise")))
                .containsExactly(true, false, false);
        List<String> proMenu = ApiEndToEndTest.ids(app.get("/api/models", TestTokens.user(PRO)));
        assertThat(proMenu).containsExactlyInAnyOrder(ALPHA, BETA);

        // the tier preview shows exactly what the pro user gets
        browser.click("#nav button[data-view=preview]");
        browser.waitForText("#preview-summary", "A pro user picks from 2 models");
        List<String> previewed = new ArrayList<>();
        new Select(browser.find("#preview-select"))
                .getOptions()
                .forEach(option -> previewed.add(option.getAttribute("value")));
        assertThat(previewed).containsExactlyElementsOf(proMenu);
        browser.screenshots("tier-preview");
    }

    @Test
    void oneDecisionOverTwentySelectedModelsAfterAConfirmationThatSaysWhatWillChange() {
        // signed in by the host through the address fragment, which the console removes
        browser.open("about:blank");
        browser.open(url("/model-access/#access_token=" + TestTokens.admin(ADMIN)));
        browser.find("#review-view");
        assertThat(browser.driver().getCurrentUrl()).doesNotContain("access_token");
        browser.type("#f-q", "bulk/");
        browser.click("#filters button[type=submit]");
        browser.until(driver -> browser.all("#models-body tr[data-model]").size() == 20);
        browser.click("#select-all");
        browser.waitForText("#selected-count", "20 selected");
        new Select(browser.find("#bulk-action")).selectByValue("approve");
        browser.click("#bulk-free"); // free on; pro and enterprise are on by default
        browser.click("#bulk-apply");
        browser.find("#confirm-dialog");
        assertThat(browser.find("#confirm-text").getText())
                .contains("Make 20 models active for free, pro, enterprise")
                .contains("All or nothing");
        assertThat(browser.all("#confirm-list li")).hasSize(20);
        browser.screenshots("bulk-confirm");
        browser.click("#confirm-ok");
        browser.waitForText("#status", "20 models changed");
        browser.screenshots("bulk-done");

        assertThat(count("select count(*) from model_access where model_id like 'bulk/%' and status = 'active'"
                        + " and is_free and is_pro and is_enterprise"))
                .isEqualTo(20);
        assertThat(count("select count(distinct model_id) from model_access_events where model_id like 'bulk/%'"
                        + " and kind = 'status_changed'"))
                .isEqualTo(20);
    }

    @Test
    void theQueueShowsFifteenModelsAScreenAndOneDecisionCoversEveryModelMatchingTheFilters() {
        List<String> served = new ArrayList<>(catalog());
        served.addAll(
                IntStream.rangeClosed(1, 60).mapToObj("many/m%02d"::formatted).toList());
        ExampleOpenRouter.serve(openRouter, served.toArray(String[]::new));
        syncOnce(app.context);
        signInAsAdmin();
        browser.waitForText("#new-count", "83");
        browser.until(driver -> browser.all("#models-body tr[data-model]").size() == 50);

        long onFirstScreen = ((Number) browser.script("return [...document.querySelectorAll('#models-body"
                        + " tr[data-model]')].filter(row => row.getBoundingClientRect().bottom <= window.innerHeight)"
                        + ".length"))
                .longValue();
        assertThat(onFirstScreen)
                .as("whole rows on the first screen at 1280x900")
                .isGreaterThanOrEqualTo(15);
        assertThat(browser.all("#models-body tr[data-status=new] input[data-action=tier]"))
                .as("a new model's tiers are chosen when it is approved, not in its row")
                .isEmpty();
        browser.screenshots("queue-at-scale");

        browser.type("#f-q", "many/");
        browser.click("#filters button[type=submit]");
        browser.waitForText("#page-info", "1–50 of 60");
        assertThat(browser.all("#select-matching").getFirst().isDisplayed())
                .as("offered once the whole page is selected")
                .isFalse();
        browser.click("#select-all");
        browser.waitForText("#select-matching", "Select all 60 matching these filters");
        browser.click("#select-matching");
        browser.waitForText("#selected-count", "All 60 matching selected");
        new Select(browser.find("#bulk-action")).selectByValue("disable");
        browser.click("#bulk-apply");
        browser.find("#confirm-dialog");
        assertThat(browser.find("#confirm-text").getText())
                .contains("Disable all 60 models matching these filters")
                .contains("All or nothing");
        browser.screenshots("select-all-matching-confirm");
        browser.click("#confirm-ok");
        browser.waitForText("#status", "60 of 60 matching models changed");

        assertThat(count("select count(*) from model_access where model_id like 'many/%' and status = 'disabled'"))
                .isEqualTo(60);
        assertThat(count("select count(*) from model_access where model_id not like 'many/%' and status <> 'new'"))
                .as("nothing outside the filters")
                .isZero();
        assertThat(count("select count(*) from model_access_events where model_id like 'many/%'"
                        + " and kind = 'status_changed'"))
                .isEqualTo(60);
    }

    @Test
    void aRefusedDecisionIsExplainedAndTheRowShowsWhatTheServerHolds() {
        signInAsAdmin();
        new Select(browser.find("#f-status")).selectByValue("");
        browser.click("#filters button[type=submit]");
        browser.find(row(ALPHA) + " button[data-action=approve]");
        browser.click(row(ALPHA) + " button[data-action=approve]");
        browser.find("#approve-dialog");
        // meanwhile the model went away upstream: the sync made it inactive
        dsl.execute(
                "update model_access set status = 'inactive', status_before_inactive = 'new', removed_at = now()"
                        + " where model_id = ?",
                ALPHA);
        browser.click("#approve-ok");

        browser.waitForText("#alert", "The server refused this change");
        browser.until(ExpectedConditions.attributeToBe(By.cssSelector(row(ALPHA)), "data-status", "inactive"));
        browser.screenshots("refused-rolls-back");
        browser.waitForText(row(ALPHA) + " .pill", "inactive");
        assertThat(status(dsl, ALPHA)).isEqualTo("inactive");
        assertThat(flag(dsl, ALPHA, "pro")).isFalse();
    }

    @Test
    void aDryRunShowsThePlanAndWritesNothingThenApplyWritesIt() {
        List<String> upstream = new ArrayList<>(catalog());
        upstream.add(FRESH);
        ExampleOpenRouter.serve(openRouter, upstream.toArray(String[]::new));
        long runsBefore = runs();
        signInAsAdmin();
        browser.click("#nav button[data-view=sync]");
        browser.click("#sync-dry");
        browser.waitForText("#plan-summary", "New models: 1");
        browser.waitForText("#plan-lists", FRESH);
        browser.screenshots("dry-run-plan");

        assertThat(count("select count(*) from model_access where model_id = ?", FRESH))
                .isZero();
        assertThat(runs()).isEqualTo(runsBefore);

        browser.click("#plan-apply");
        browser.waitForText("#status", "Sync succeeded: 1 added");
        assertThat(status(dsl, FRESH)).isEqualTo("new");
        assertThat(runs()).isEqualTo(runsBefore + 1);
    }

    @Test
    void aForcedRunOnlyAfterAConfirmationNamingTheGuardThatStoppedTheLastRun() {
        ExampleOpenRouter.serve(openRouter, ALPHA, BETA);
        signInAsAdmin();
        browser.click("#nav button[data-view=sync]");
        browser.click("#sync-run");
        browser.waitForText("#status", "Sync aborted");
        String guard = dsl.fetchValue("select error from sync_runs order by started_at desc limit 1")
                .toString();
        assertThat(status(dsl, GAMMA)).isEqualTo("new");

        browser.click("#sync-force");
        browser.find("#confirm-dialog");
        assertThat(browser.find("#confirm-text").getText()).contains(guard);
        browser.screenshots("force-confirm");
        browser.click("#confirm-cancel");
        assertThat(status(dsl, GAMMA)).as("cancelled: nothing forced").isEqualTo("new");

        browser.click("#sync-force");
        browser.click("#confirm-ok");
        browser.waitForText("#status", "Sync succeeded");
        browser.screenshots("force-done");
        assertThat(status(dsl, GAMMA)).isEqualTo("inactive");
        assertThat(status(dsl, ALPHA)).isEqualTo("new");
        assertThat(dsl.fetchValue("select status from sync_runs order by started_at desc limit 1"))
                .isEqualTo("succeeded");
    }

    @Test
    void aSignedInNonAdminGetsAClearNotAnAdminScreen() {
        browser.open(url("/model-access/"));
        browser.type("#token", TestTokens.user(PRO));
        browser.click("#signin-form button[type=submit]");
        browser.waitForText("#forbidden-view h2", "This account is not an admin");
        browser.screenshots("not-an-admin");
        assertThat(browser.driver().findElement(By.id("nav")).isDisplayed())
                .as("no console navigation for a non-admin")
                .isFalse();
        assertThat(browser.driver().findElement(By.id("review-view")).isDisplayed())
                .isFalse();
        assertThat(app.get("/api/admin/console/models", TestTokens.user(PRO)).statusCode())
                .isEqualTo(403);
    }

    @Test
    void aTokenThatExpiresMidSessionSendsTheAdminBackToSignInSayingSo() {
        signInAsAdmin();
        browser.script("sessionStorage.setItem('modelaccess.console.token', arguments[0])", TestTokens.expired(ADMIN));
        browser.click("#filters button[type=submit]");
        browser.waitForText("#signin-message", "session expired");
        browser.screenshots("session-expired");
        assertThat(browser.driver().findElement(By.id("nav")).isDisplayed())
                .as("no console navigation while signed out")
                .isFalse();
        assertThat(browser.script("return sessionStorage.getItem('modelaccess.console.token')"))
                .isNull();
        assertThat(app.get("/api/admin/console/models", TestTokens.expired(ADMIN))
                        .statusCode())
                .isEqualTo(401);
    }

    @Test
    void inlineTierTogglesOfAnActiveModelAreSavedAndTheDetailShowsPricingArchitectureAndHistory() {
        dsl.execute("update model_access set status = 'active', is_pro = true where model_id = ?", BETA);
        app.bean(AccessRuleCache.class).reload();
        signInAsAdmin();
        new Select(browser.find("#f-status")).selectByValue("active");
        browser.click("#filters button[type=submit]");
        browser.click(row(BETA) + " input[data-tier=enterprise]");
        browser.waitForText("#status", "enterprise on");
        assertThat(flag(dsl, BETA, "enterprise")).isTrue();

        browser.click(row(BETA) + " button[data-action=detail]");
        browser.find("#detail-dialog");
        browser.waitForText("#detail-body", "Supported parameters");
        assertThat(browser.find("#detail-body").getText())
                .contains("prompt", "0.000001", "$1.00", "text->text", "max_tokens, temperature", "tiers_changed");
        browser.screenshots("detail");
    }

    long runs() {
        return count("select count(*) from sync_runs");
    }

    static long count(String sql, Object... bindings) {
        return ((Number) dsl.fetchValue(sql, bindings)).longValue();
    }
}
