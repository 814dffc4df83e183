package dev.modelaccess.web;

import dev.modelaccess.core.port.ModelAccessStore;
import dev.modelaccess.core.sync.InvalidEntry;
import dev.modelaccess.core.sync.SyncOutcome;
import dev.modelaccess.core.sync.SyncPlan;
import dev.modelaccess.core.sync.SyncPreview;
import dev.modelaccess.core.sync.SyncTrigger;
import dev.modelaccess.spring.ModelAccessSyncJob;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The catalog sync, for admins: run it now (or preview it), and list recent runs. A run that did not succeed
 * (aborted by a guard, failed upstream, skipped because another instance was syncing) still answers 200 with its
 * summary; a 5xx means the application itself broke.
 */
@RestController
@ModelAccessApi(admin = true)
@RequestMapping("${modelaccess.web.base-path:/api}/admin")
class AdminSyncController {

    private final ModelAccessStore store;
    private final ModelAccessSyncJob job;

    AdminSyncController(ModelAccessStore store, ModelAccessSyncJob job) {
        this.store = store;
        this.job = job;
    }

    @PostMapping("/sync")
    Object sync(
            @RequestParam(name = "dry_run", defaultValue = "false") boolean dryRun,
            @RequestParam(defaultValue = "false") boolean force) {
        if (dryRun) {
            return PlanView.of(job.dryRun(force));
        }
        SyncOutcome outcome = job.run(SyncTrigger.MANUAL, force);
        return AdminViews.RunSummary.of(outcome.run());
    }

    @GetMapping("/sync-runs")
    AdminViews.RunList runs(@RequestParam(defaultValue = "50") int limit) {
        PageLimit.check(limit);
        return new AdminViews.RunList(
                store.recentRuns(limit).stream().map(AdminViews.RunSummary::of).toList());
    }

    /**
     * What a sync would do now, written nowhere.
     *
     * @param status {@code planned}, {@code aborted} or {@code failed}
     * @param added ids that would arrive as {@code new}
     * @param removed ids that would become {@code inactive}
     * @param returned ids that would come back from {@code inactive}
     * @param repriced ids whose price would change
     * @param updated ids whose description would change (the repriced included)
     */
    record PlanView(
            boolean dryRun,
            String status,
            List<String> added,
            List<String> removed,
            List<String> returned,
            List<String> repriced,
            List<String> updated,
            int unchanged,
            List<InvalidEntry> skippedInvalid,
            @Nullable String error) {

        static PlanView of(SyncPreview preview) {
            return switch (preview) {
                case SyncPreview.Planned planned -> planned(planned.plan());
                case SyncPreview.Aborted aborted ->
                    empty(
                            "aborted",
                            aborted.reason().name().toLowerCase(java.util.Locale.ROOT) + ": " + aborted.detail());
                case SyncPreview.Failed failed ->
                    empty("failed", String.valueOf(failed.cause().getMessage()));
            };
        }

        private static PlanView planned(SyncPlan plan) {
            return new PlanView(
                    true,
                    "planned",
                    plan.added().stream().map(upsert -> upsert.model().id()).toList(),
                    plan.deactivated().stream()
                            .map(SyncPlan.Deactivation::modelId)
                            .toList(),
                    plan.returned().stream()
                            .map(back -> back.upsert().model().id())
                            .toList(),
                    plan.refreshed().stream()
                            .filter(SyncPlan.Refresh::priceChanged)
                            .map(refresh -> refresh.upsert().model().id())
                            .toList(),
                    plan.refreshed().stream()
                            .map(refresh -> refresh.upsert().model().id())
                            .toList(),
                    plan.unchanged(),
                    plan.skipped(),
                    null);
        }

        private static PlanView empty(String status, String error) {
            return new PlanView(
                    true, status, List.of(), List.of(), List.of(), List.of(), List.of(), 0, List.of(), error);
        }
    }
}
