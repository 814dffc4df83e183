package dev.modelaccess.jooq;

import static dev.modelaccess.jooq.Tables.CATALOG_RULES;
import static dev.modelaccess.jooq.Tables.MODEL_REVIEW_HOLDS;

import dev.modelaccess.core.catalog.TierFlags;
import dev.modelaccess.core.policy.CatalogRule;
import dev.modelaccess.core.policy.Glob;
import dev.modelaccess.core.policy.ReviewHold;
import dev.modelaccess.core.policy.ReviewHolds;
import dev.modelaccess.core.policy.RuleAction;
import dev.modelaccess.core.policy.RuleMatch;
import dev.modelaccess.core.policy.RuleSet;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jooq.DSLContext;
import org.jooq.Record;

/**
 * The catalog policy on PostgreSQL: the admin's rules ({@code catalog_rules}, one row per rule, replaced as a whole in
 * one transaction; the table's trigger notifies {@code model_access_changed}) and the pending price holds ({@code
 * model_review_holds}, written inside store transactions by {@link JooqStoreTransaction}).
 */
final class JooqCatalogPolicy implements dev.modelaccess.core.policy.CatalogRules {

    private final DSLContext dsl;

    JooqCatalogPolicy(DSLContext dsl) {
        this.dsl = Objects.requireNonNull(dsl, "dsl");
    }

    @Override
    public RuleSet load() {
        return load(dsl);
    }

    /** The rules in their order, as {@code dsl}'s transaction sees them. */
    static RuleSet load(DSLContext dsl) {
        return StoreErrors.guard(
                "Could not load the catalog rules",
                () -> RuleSet.of(dsl.selectFrom(CATALOG_RULES)
                        .orderBy(CATALOG_RULES.POSITION)
                        .fetch(JooqCatalogPolicy::rule)));
    }

    /** Deletes every rule and inserts {@code rules} in their order, in one transaction. */
    @Override
    public void replace(RuleSet rules) {
        Objects.requireNonNull(rules, "rules");
        StoreErrors.guard("Could not save the catalog rules", () -> {
            dsl.transaction(configuration -> write(configuration.dsl(), rules));
            return null;
        });
    }

    /** Deletes every rule and inserts {@code rules}, in the transaction of {@code tx}. */
    static void write(DSLContext tx, RuleSet rules) {
        StoreErrors.guard("Could not save the catalog rules", () -> {
            tx.deleteFrom(CATALOG_RULES).execute();
            List<CatalogRule> list = rules.rules();
            if (list.isEmpty()) {
                return null;
            }
            var insert = tx.insertInto(
                    CATALOG_RULES,
                    CATALOG_RULES.POSITION,
                    CATALOG_RULES.NAME,
                    CATALOG_RULES.AUTHOR_GLOBS,
                    CATALOG_RULES.MODEL_GLOB,
                    CATALOG_RULES.FREE,
                    CATALOG_RULES.INPUT_MODALITY,
                    CATALOG_RULES.OUTPUT_MODALITY,
                    CATALOG_RULES.MAX_PROMPT_PRICE,
                    CATALOG_RULES.MAX_COMPLETION_PRICE,
                    CATALOG_RULES.MIN_CONTEXT_LENGTH,
                    CATALOG_RULES.ACTION,
                    CATALOG_RULES.IS_FREE,
                    CATALOG_RULES.IS_PRO,
                    CATALOG_RULES.IS_ENTERPRISE);
            for (int i = 0; i < list.size(); i++) {
                CatalogRule rule = list.get(i);
                RuleMatch match = rule.match();
                TierFlags tiers =
                        rule.action() instanceof RuleAction.Approve approve ? approve.tiers() : TierFlags.NONE;
                insert = insert.values(
                        i,
                        rule.name(),
                        match.authors().stream().map(Glob::pattern).toArray(String[]::new),
                        match.modelId() == null ? null : match.modelId().pattern(),
                        match.free(),
                        match.inputModality(),
                        match.outputModality(),
                        match.maxPromptPrice(),
                        match.maxCompletionPrice(),
                        match.minContextLength(),
                        rule.action().wireName(),
                        tiers.free(),
                        tiers.pro(),
                        tiers.enterprise());
            }
            insert.execute();
            return null;
        });
    }

    /** {@link ReviewHolds#pending()}: every pending hold, first held first. */
    List<ReviewHold> pending() {
        return StoreErrors.guard(
                "Could not read the price holds",
                () -> dsl.selectFrom(MODEL_REVIEW_HOLDS)
                        .orderBy(MODEL_REVIEW_HOLDS.FIRST_HELD_AT, MODEL_REVIEW_HOLDS.MODEL_ID)
                        .fetch(JooqCatalogPolicy::hold));
    }

    /** Places holds in the transaction of {@code tx}: old prices and first time kept, the rest taken from the hold. */
    static void place(DSLContext tx, List<ReviewHold> holds) {
        StoreErrors.guard("Could not place the price holds", () -> {
            for (ReviewHold hold : holds) {
                OffsetDateTime at = hold.heldAt().atOffset(ZoneOffset.UTC);
                tx.insertInto(MODEL_REVIEW_HOLDS)
                        .set(MODEL_REVIEW_HOLDS.MODEL_ID, hold.modelId())
                        .set(MODEL_REVIEW_HOLDS.REASON, hold.reason().dbValue())
                        .set(MODEL_REVIEW_HOLDS.OLD_PROMPT, hold.oldPrompt())
                        .set(MODEL_REVIEW_HOLDS.OLD_COMPLETION, hold.oldCompletion())
                        .set(MODEL_REVIEW_HOLDS.NEW_PROMPT, hold.newPrompt())
                        .set(MODEL_REVIEW_HOLDS.NEW_COMPLETION, hold.newCompletion())
                        .set(MODEL_REVIEW_HOLDS.HELD_AT, at)
                        .set(MODEL_REVIEW_HOLDS.FIRST_HELD_AT, at)
                        .onConflict(MODEL_REVIEW_HOLDS.MODEL_ID)
                        .doUpdate()
                        .set(MODEL_REVIEW_HOLDS.REASON, hold.reason().dbValue())
                        .set(MODEL_REVIEW_HOLDS.NEW_PROMPT, hold.newPrompt())
                        .set(MODEL_REVIEW_HOLDS.NEW_COMPLETION, hold.newCompletion())
                        .set(MODEL_REVIEW_HOLDS.HELD_AT, at)
                        .execute();
            }
            return null;
        });
    }

    static Optional<ReviewHold> clear(DSLContext tx, String modelId) {
        return StoreErrors.guard(
                "Could not clear the price hold",
                () -> tx.deleteFrom(MODEL_REVIEW_HOLDS)
                        .where(MODEL_REVIEW_HOLDS.MODEL_ID.eq(modelId))
                        .returning()
                        .fetchOptional()
                        .map(JooqCatalogPolicy::hold));
    }

    private static ReviewHold hold(Record row) {
        return new ReviewHold(
                row.get(MODEL_REVIEW_HOLDS.MODEL_ID),
                ReviewHold.HoldReason.fromDbValue(row.get(MODEL_REVIEW_HOLDS.REASON)),
                row.get(MODEL_REVIEW_HOLDS.OLD_PROMPT),
                row.get(MODEL_REVIEW_HOLDS.OLD_COMPLETION),
                row.get(MODEL_REVIEW_HOLDS.NEW_PROMPT),
                row.get(MODEL_REVIEW_HOLDS.NEW_COMPLETION),
                row.get(MODEL_REVIEW_HOLDS.HELD_AT).toInstant());
    }

    private static CatalogRule rule(Record row) {
        String[] authors = row.get(CATALOG_RULES.AUTHOR_GLOBS);
        String modelGlob = row.get(CATALOG_RULES.MODEL_GLOB);
        RuleMatch match = new RuleMatch(
                RuleMatch.authorGlobs(authors == null ? List.of() : new ArrayList<>(Arrays.asList(authors))),
                modelGlob == null ? null : Glob.compile(modelGlob, "match.model_id"),
                row.get(CATALOG_RULES.FREE),
                row.get(CATALOG_RULES.INPUT_MODALITY),
                row.get(CATALOG_RULES.OUTPUT_MODALITY),
                row.get(CATALOG_RULES.MAX_PROMPT_PRICE),
                row.get(CATALOG_RULES.MAX_COMPLETION_PRICE),
                row.get(CATALOG_RULES.MIN_CONTEXT_LENGTH));
        TierFlags tiers = new TierFlags(
                row.get(CATALOG_RULES.IS_FREE), row.get(CATALOG_RULES.IS_PRO), row.get(CATALOG_RULES.IS_ENTERPRISE));
        return new CatalogRule(row.get(CATALOG_RULES.NAME), match, RuleAction.of(row.get(CATALOG_RULES.ACTION), tiers));
    }
}
