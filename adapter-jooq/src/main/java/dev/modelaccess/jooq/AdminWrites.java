package dev.modelaccess.jooq;

import static dev.modelaccess.jooq.Tables.MODEL_ACCESS;
import static org.jooq.impl.DSL.inline;
import static org.jooq.impl.DSL.val;
import static org.jooq.impl.DSL.when;

import dev.modelaccess.core.LifecycleViolationException;
import dev.modelaccess.core.ModelNotFoundException;
import dev.modelaccess.core.StoreException;
import dev.modelaccess.core.access.AdminUpdate;
import dev.modelaccess.core.catalog.CatalogModel;
import dev.modelaccess.core.catalog.ModelStatus;
import java.time.OffsetDateTime;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Table;
import org.jooq.impl.SQLDataType;

/** An admin's edits of status, tier flags and review columns: one statement for them all, or nothing. */
final class AdminWrites {

    private AdminWrites() {}

    /**
     * Writes status (only when it changed), tier flags and review columns — never an upstream column. A status
     * change is written only while the row is not {@code inactive}; when any row could not be written, nothing is
     * (the transaction fails with {@link ModelNotFoundException}, {@link LifecycleViolationException} or {@link
     * StoreException}).
     */
    static void apply(DSLContext dsl, List<AdminUpdate> updates, OffsetDateTime now) {
        List<AdminUpdate> writes =
                updates.stream().filter(update -> !update.changesNothing()).toList();
        if (writes.isEmpty()) {
            return;
        }
        check(writes);
        Table<?> v = Unnest.of(writes)
                .column("model_id", SQLDataType.CLOB, AdminUpdate::modelId)
                .column("status", SQLDataType.CLOB, update -> update.status().dbValue())
                .column("status_changed", SQLDataType.BOOLEAN, AdminUpdate::statusChanged)
                .column("is_free", SQLDataType.BOOLEAN, update -> update.tiers().free())
                .column("is_pro", SQLDataType.BOOLEAN, update -> update.tiers().pro())
                .column(
                        "is_enterprise",
                        SQLDataType.BOOLEAN,
                        update -> update.tiers().enterprise())
                .column("reviewed_by", SQLDataType.CLOB, AdminUpdate::reviewedBy)
                .table(false);
        Condition statusChanged =
                Unnest.field("status_changed", SQLDataType.BOOLEAN).isTrue();
        List<String> written = StoreErrors.guard(
                "Could not apply the admin updates",
                () -> dsl.update(MODEL_ACCESS)
                        .set(
                                MODEL_ACCESS.STATUS,
                                when(statusChanged, text("status")).otherwise(MODEL_ACCESS.STATUS))
                        .set(
                                MODEL_ACCESS.STATUS_CHANGED_AT,
                                when(statusChanged, val(now)).otherwise(MODEL_ACCESS.STATUS_CHANGED_AT))
                        .set(MODEL_ACCESS.IS_FREE, flag("is_free"))
                        .set(MODEL_ACCESS.IS_PRO, flag("is_pro"))
                        .set(MODEL_ACCESS.IS_ENTERPRISE, flag("is_enterprise"))
                        .set(MODEL_ACCESS.REVIEWED_BY, text("reviewed_by"))
                        .set(MODEL_ACCESS.REVIEWED_AT, now)
                        .from(v)
                        .where(MODEL_ACCESS.MODEL_ID.eq(text("model_id")))
                        .and(statusChanged.not().or(MODEL_ACCESS.STATUS.ne(inline(ModelStatus.INACTIVE.dbValue()))))
                        .returningResult(MODEL_ACCESS.MODEL_ID)
                        .fetch(MODEL_ACCESS.MODEL_ID));
        if (written.size() != writes.size()) {
            throw notWritten(dsl, writes, new HashSet<>(written));
        }
    }

    private static void check(List<AdminUpdate> writes) {
        Set<String> ids = new HashSet<>();
        for (AdminUpdate update : writes) {
            if (!ids.add(update.modelId())) {
                throw new IllegalArgumentException(
                        "Two admin updates for the model '" + CatalogRows.abbreviate(update.modelId()) + "'");
            }
            if (update.statusChanged()
                    && update.status() != ModelStatus.ACTIVE
                    && update.status() != ModelStatus.DISABLED) {
                throw new IllegalArgumentException("An admin may set the status only to active or disabled, not "
                        + update.status().dbValue());
            }
        }
    }

    private static RuntimeException notWritten(DSLContext dsl, List<AdminUpdate> writes, Set<String> written) {
        for (AdminUpdate update : writes) {
            if (!written.contains(update.modelId())) {
                Optional<CatalogModel> row = StoreErrors.guard(
                        "Could not read the model", () -> CatalogReads.model(dsl, update.modelId(), false));
                if (row.isEmpty()) {
                    return new ModelNotFoundException(update.modelId());
                }
                if (row.get().status() == ModelStatus.INACTIVE) {
                    return new LifecycleViolationException(update.modelId(), ModelStatus.INACTIVE, update.status());
                }
            }
        }
        return StoreException.of("Admin updates touched " + written.size() + " rows instead of " + writes.size());
    }

    private static Field<String> text(String name) {
        return Unnest.field(name, SQLDataType.CLOB);
    }

    private static Field<Boolean> flag(String name) {
        return Unnest.field(name, SQLDataType.BOOLEAN);
    }
}
