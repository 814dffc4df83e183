package dev.modelaccess.example.web;

import dev.modelaccess.core.port.ModelAccessStore;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The catalog sync, for admins: recent runs. */
@RestController
class AdminSyncController {

    private final ModelAccessStore store;

    AdminSyncController(ModelAccessStore store) {
        this.store = store;
    }

    @GetMapping("/api/admin/sync-runs")
    AdminViews.RunList runs(@RequestParam(defaultValue = "50") int limit) {
        if (limit < 1 || limit > 1000) {
            throw new InvalidRequestException("limit must be between 1 and 1000");
        }
        return new AdminViews.RunList(
                store.recentRuns(limit).stream().map(AdminViews.RunSummary::of).toList());
    }
}
