package dev.modelaccess.example.demo;

import dev.modelaccess.core.port.CatalogQuery;
import dev.modelaccess.core.port.ModelAccessStore;
import dev.modelaccess.example.security.TokenKeys;
import dev.modelaccess.spring.ModelAccessSyncScheduler;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.core.env.Environment;

/**
 * Runs the demo set-up once the application is ready, in the background: profiles, then (after the start-up sync)
 * the demo catalog if the catalog is still empty, approvals, and the printed tokens.
 */
public final class DemoRunner implements ApplicationListener<ApplicationReadyEvent> {

    private static final Logger LOG = LoggerFactory.getLogger(DemoRunner.class);

    /** Logged instead of the demo tokens when tokens are checked with configured keys. */
    static final String NO_TOKENS =
            "Demo mode prints and serves no demo tokens: tokens are checked with the configured {},"
                    + " which other services may trust too; demo tokens are signed only with a secret generated for the run"
                    + " (leave app.security.jwt-secret and app.security.jwk-set-uri unset for them)";

    private final DemoSetup setup;
    private final TokenKeys keys;
    private final ModelAccessStore store;
    private final @Nullable ModelAccessSyncScheduler syncScheduler;
    private final DemoProperties properties;
    private final Environment environment;
    private final CompletableFuture<Void> done = new CompletableFuture<>();

    DemoRunner(
            DemoSetup setup,
            TokenKeys keys,
            ModelAccessStore store,
            @Nullable ModelAccessSyncScheduler syncScheduler,
            DemoProperties properties,
            Environment environment) {
        this.setup = setup;
        this.keys = keys;
        this.store = store;
        this.syncScheduler = syncScheduler;
        this.properties = properties;
        this.environment = environment;
    }

    @Override
    public void onApplicationEvent(ApplicationReadyEvent event) {
        if (done.isDone()) {
            return;
        }
        Thread.ofVirtual().name("modelaccess-demo").start(this::run);
    }

    /** Completes when the demo set-up finished (or failed, with its error). */
    public CompletableFuture<Void> done() {
        return done;
    }

    private void run() {
        try {
            setup.writeProfiles();
            awaitStartupSync();
            if (catalogIsEmpty()) {
                LOG.warn("""

                        ************************************************************************
                        *  OpenRouter could not be reached: writing the DEMO CATALOG, a dozen   *
                        *  models written for this project with illustrative prices. The real   *
                        *  catalog replaces it at the first sync that reaches OpenRouter        *
                        *  (POST /api/admin/sync, or the daily schedule).                       *
                        ************************************************************************""");
                setup.writeDemoCatalog();
            }
            setup.approveHandfulPerTier();
            if (setup.signsTokens()) {
                setup.printUsers(
                        System.out,
                        "http://localhost:" + environment.getProperty("local.server.port", "8080"),
                        environment.getProperty("modelaccess.web.console.path", "/model-access/"));
            } else {
                LOG.warn(NO_TOKENS, keys.jwkSetUri() != null ? "app.security.jwk-set-uri" : "app.security.jwt-secret");
            }
            done.complete(null);
        } catch (RuntimeException e) {
            LOG.error("The demo set-up failed", e);
            done.completeExceptionally(e);
        }
    }

    private void awaitStartupSync() {
        if (syncScheduler == null) {
            return;
        }
        try {
            syncScheduler.startupRun().get(properties.startupSyncWait().toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            LOG.warn(
                    "The start-up sync did not finish within {}; going on with the demo", properties.startupSyncWait());
        } catch (ExecutionException e) {
            LOG.warn("The start-up sync failed; going on with the demo", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private boolean catalogIsEmpty() {
        return store.searchModels(new CatalogQuery(null, null, 1, 0)).total() == 0;
    }
}
