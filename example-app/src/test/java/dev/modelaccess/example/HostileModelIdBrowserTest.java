package dev.modelaccess.example;

import static dev.modelaccess.example.ConsoleModels.flag;
import static dev.modelaccess.example.ConsoleModels.row;
import static org.assertj.core.api.Assertions.assertThat;

import dev.modelaccess.core.access.AccessRuleCache;
import dev.modelaccess.core.sync.SyncOutcome;
import dev.modelaccess.core.sync.SyncTrigger;
import dev.modelaccess.spring.ModelAccessSyncJob;
import dev.modelaccess.testsupport.openrouter.LocalOpenRouter;
import dev.modelaccess.testsupport.postgres.TestSchema;
import dev.modelaccess.testsupport.postgres.WithPostgres;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.Select;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * An upstream id with dot segments, {@code evil/../../models/openai/gpt-4o}, which a browser resolves to
 * {@code openai/gpt-4o}'s path: the sync skips it (counted, named in the run's log line, never stored), and when such a
 * row is in the database anyway (written before ids were checked), the console in headless Chromium refuses to build a
 * path for it, so clicking its tier toggle or its details acts on no model, least of all {@code openai/gpt-4o}. Markup in
 * an upstream name is shown as text.
 */
@WithPostgres
@ExtendWith({Browser.class, OutputCaptureExtension.class})
class HostileModelIdBrowserTest {

    static final UUID ADMIN = UUID.fromString("c1000000-0000-4000-8000-0000000000ad");
    static final UUID FREE = UUID.fromString("c1000000-0000-4000-8000-000000000001");
    static final String TARGET = "openai/gpt-4o";
    static final String HOSTILE = "evil/../../models/openai/gpt-4o";
    static final String MARKUP = "acme/markup";
    static final String MARKUP_NAME = "<img src=x onerror=window.__pwned=1>";

    static TestSchema schema;
    static LocalOpenRouter openRouter;
    static RunningApp app;
    static DSLContext dsl;
    static Browser browser;

    @BeforeAll
    static void start() {
        List<String> models = new ArrayList<>(ExampleOpenRouter.models(TARGET, HOSTILE));
        models.add(ExampleOpenRouter.model(MARKUP, MARKUP_NAME, "0.000001", "0.000002"));
        openRouter = ExampleOpenRouter.serving(models);
        app = RunningApp.start(
                schema, openRouter, "modelaccess.web.enabled=true", "modelaccess.web.console.enabled=true");
        dsl = DSL.using(schema.dataSource(), SQLDialect.POSTGRES);
        dsl.execute("insert into profiles (id, tier) values (?, 'free'), (?, 'enterprise')", FREE, ADMIN);
        browser = Browser.start();
    }

    @AfterAll
    static void stop() {
        RunningApp.closeAll(browser, app, openRouter);
    }

    @Test
    void theConsoleCannotBeSteeredOntoAnotherModelByAnUpstreamIdWithDotSegments(CapturedOutput output) {
        // the sync: skipped as unreadable, counted, named in the log line, never stored
        SyncOutcome outcome = app.bean(ModelAccessSyncJob.class).run(SyncTrigger.MANUAL, false);
        assertThat(outcome.run().counts().skippedInvalid()).isEqualTo(1);
        assertThat(outcome.run().counts().added()).isEqualTo(2);
        assertThat(output.getOut()).contains("skipped_invalid=1").contains("'" + HOSTILE + "'");
        assertThat(dsl.fetchCount(
                        DSL.table("model_access"), DSL.field("model_id").eq(HOSTILE)))
                .isZero();

        // such a row written before ids were checked: both active, neither free
        String columns = dsl
                .fetch("select column_name from information_schema.columns where table_schema = current_schema()"
                        + " and table_name = 'model_access' and column_name not in ('id', 'model_id')"
                        + " and is_generated = 'NEVER'")
                .getValues(0, String.class)
                .stream()
                .map(name -> "\"" + name + "\"")
                .collect(Collectors.joining(", "));
        dsl.execute(
                "insert into model_access (model_id, " + columns + ") select ?, " + columns
                        + " from model_access where model_id = ?",
                HOSTILE,
                TARGET);
        dsl.execute(
                "update model_access set status = 'active', is_free = false, is_pro = true, is_enterprise = true"
                        + " where model_id in (?, ?)",
                TARGET,
                HOSTILE);
        app.bean(AccessRuleCache.class).reload();

        browser.open(url("/model-access/"));
        assertThat(browser.script(
                        "return new URL('/api/admin/models/' + arguments[0], location.href).pathname", HOSTILE))
                .as("what this browser would have requested with the id's segments merely encoded")
                .isEqualTo("/api/admin/models/" + TARGET);

        browser.type("#token", TestTokens.admin(ADMIN));
        browser.click("#signin-form button[type=submit]");
        browser.find("#review-view");

        // markup in an upstream name is shown as text, never run
        browser.waitForText(row(MARKUP), MARKUP_NAME);
        assertThat(browser.all(row(MARKUP) + " img")).isEmpty();
        assertThat(browser.script("return window.__pwned === undefined")).isEqualTo(true);

        new Select(browser.find("#f-status")).selectByValue("active");
        browser.click("#filters button[type=submit]");

        browser.click(row(HOSTILE) + " input[data-tier=free]");
        browser.waitForText("#alert", "is not a valid author/slug; nothing was sent");
        browser.screenshots("hostile-id-refused");
        assertThat(flag(dsl, TARGET, "free"))
                .as("the model the path would have resolved to")
                .isFalse();
        assertThat(flag(dsl, HOSTILE, "free")).isFalse();
        assertThat(ApiEndToEndTest.ids(app.get("/api/models", TestTokens.user(FREE))))
                .doesNotContain(TARGET);

        browser.script("document.getElementById('alert').textContent = ''");
        browser.click(row(HOSTILE) + " button[data-action=detail]");
        browser.waitForText("#alert", "is not a valid author/slug; nothing was sent");
        assertThat(browser.driver().findElement(By.id("detail-dialog")).isDisplayed())
                .isFalse();

        // the console still acts on the real model, by its own row
        browser.click(row(TARGET) + " input[data-tier=free]");
        browser.waitForText("#status", "free on");
        assertThat(flag(dsl, TARGET, "free")).isTrue();
        assertThat(flag(dsl, HOSTILE, "free")).isFalse();
    }

    static String url(String path) {
        return "http://localhost:" + app.port + path;
    }
}
