package dev.modelaccess.example;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modelaccess.core.access.AccessRuleCache;
import dev.modelaccess.core.sync.SyncRunStatus;
import dev.modelaccess.core.sync.SyncTrigger;
import dev.modelaccess.spring.ModelAccessSyncJob;
import org.jooq.DSLContext;
import org.springframework.context.ApplicationContext;

/**
 * What the console's browser tests look up and set: a model's row on the page, its status and flags in the database,
 * the catalog synced once and every model new again.
 */
final class ConsoleModels {

    private ConsoleModels() {}

    /** The review queue's row of {@code model}. */
    static String row(String model) {
        return "tr[data-model=\"" + model + "\"]";
    }

    /** The model's status as the database holds it. */
    static String status(DSLContext dsl, String model) {
        return dsl.fetchValue("select status from model_access where model_id = ?", model)
                .toString();
    }

    /** The model's flag for {@code tier} ({@code free}, {@code pro}, {@code enterprise}) as the database holds it. */
    static boolean flag(DSLContext dsl, String model, String tier) {
        return (Boolean) dsl.fetchValue("select is_" + tier + " from model_access where model_id = ?", model);
    }

    /** The host's first sync, which must succeed. */
    static void syncOnce(ApplicationContext host) {
        assertThat(host.getBean(ModelAccessSyncJob.class)
                        .run(SyncTrigger.MANUAL, false)
                        .run()
                        .status())
                .isEqualTo(SyncRunStatus.SUCCEEDED);
    }

    /** Every model new again with no tiers, and the host's access rules reloaded. */
    static void allNew(DSLContext dsl, ApplicationContext host) {
        dsl.execute("update model_access set status = 'new', status_before_inactive = null, removed_at = null,"
                + " is_free = false, is_pro = false, is_enterprise = false");
        host.getBean(AccessRuleCache.class).reload();
    }
}
