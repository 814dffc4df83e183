package dev.modelaccess.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modelaccess.core.policy.CatalogPolicy;
import dev.modelaccess.core.policy.CatalogRuleCache;
import dev.modelaccess.core.policy.CatalogRules;
import dev.modelaccess.core.policy.PriceHolds;
import dev.modelaccess.core.policy.RuleSet;
import dev.modelaccess.core.sync.CatalogSync;
import dev.modelaccess.core.sync.SyncGuards;
import dev.modelaccess.core.sync.SyncOutcome;
import dev.modelaccess.core.sync.SyncTrigger;
import dev.modelaccess.jooq.JooqModelAccess;
import dev.modelaccess.jooq.ModelAccessSchema;
import dev.modelaccess.openrouter.OpenRouterClient;
import dev.modelaccess.testsupport.data.SharedData;
import dev.modelaccess.testsupport.openrouter.LocalOpenRouter;
import dev.modelaccess.testsupport.policy.PolicySamples;
import dev.modelaccess.testsupport.postgres.WithPostgres;
import java.math.BigDecimal;
import java.time.Clock;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The issue's rule set over the real OpenRouter catalogs, in date order, through the real adapter into real
 * PostgreSQL:
 *
 * <ol>
 *   <li>approve {@code anthropic/*} and {@code openai/*} for pro and enterprise when the prompt costs at most $5/M;
 *   <li>approve free models for the free tier;
 *   <li>disable image-output models;
 *   <li>send the rest to review.
 * </ol>
 *
 * What each sync must decide is computed here from the JSON files with plain Jackson and a straightforward
 * re-reading of the criteria ({@link #expectedRule}), never by calling the rule code under test; so are the price
 * holds the later syncs must place on the models the rules approved.
 */
@WithPostgres
class CatalogRulesReplayTest {

    static final BigDecimal FIVE_PER_MILLION = new BigDecimal("0.000005");
    static final BigDecimal HOLD_FACTOR = new BigDecimal("2");

    static DataSource dataSource;
    static LocalOpenRouter openRouter;
    static OpenRouterClient client;
    static CatalogSync sync;
    static Tables tables;
    static CatalogRules rules;
    static CatalogRuleCache cache;

    @BeforeAll
    static void start() {
        ModelAccessSchema.migrate(dataSource);
        openRouter = LocalOpenRouter.start();
        client = OpenRouterClient.builder().baseUrl(openRouter.baseUrl()).build();
        JooqModelAccess postgres = JooqModelAccess.of(dataSource);
        rules = postgres.catalogPolicy().rules();
        cache = new CatalogRuleCache(rules);
        sync = new CatalogSync(
                client,
                postgres.store(),
                SyncGuards.DEFAULTS,
                Clock.systemUTC(),
                java.util.UUID::randomUUID,
                new CatalogPolicy(cache, new PriceHolds(HOLD_FACTOR)));
        tables = new Tables(dataSource);
    }

    @AfterAll
    static void stop() {
        client.close();
        openRouter.close();
    }

    /** Every id the catalog has held (a model that vanished keeps its row and returns, it is never added again). */
    private final Set<String> known = new HashSet<>();

    /** What each model must look like: status, is_free, is_pro, is_enterprise, reviewed_by. */
    private final Map<String, String> expectedRows = new TreeMap<>();

    private final Set<String> expectedHolds = new HashSet<>();
    private final Map<String, JsonNode> lastSeen = new HashMap<>();

    @Test
    void theRulesDecideExactlyTheModelsEachSyncAddsAsTheFilesSay() throws Exception {
        List<String> files = List.of(
                "models-2025-05-23.json",
                "models-2026-02-27.json",
                "models-2026-08-14.json",
                "models-2026-08-14-all-modalities.json");
        tables.truncate();
        tables.execute("truncate catalog_rules, model_review_holds");
        rules.replace(RuleSet.of(PolicySamples.issueRules()));
        cache.reload();

        Map<String, Integer> decisionsByRule = new TreeMap<>();
        for (String file : files) {
            Snapshot snapshot = Snapshot.read(SharedData.openRouterFile(file));
            expectHolds(snapshot);
            for (String id : snapshot.ids()) {
                if (known.add(id)) {
                    String rule = expectedRule(snapshot.models().get(id));
                    decisionsByRule.merge(rule, 1, Integer::sum);
                    expectedRows.put(id, row(rule));
                }
            }

            openRouter.on("/api/v1/models", LocalOpenRouter.raw(200, "application/json", snapshot.body()));
            assertThat(sync.run(SyncTrigger.MANUAL, true)).as(file).isInstanceOf(SyncOutcome.Succeeded.class);

            assertThat(actualRows())
                    .as("every model's status, tiers and deciding rule after " + file)
                    .isEqualTo(expectedView(snapshot.ids()));
            assertThat(Set.copyOf(tables.strings("select model_id from model_review_holds")))
                    .as("price holds after " + file)
                    .isEqualTo(expectedHolds);
            snapshot.models().forEach(lastSeen::put);
            listedLastTime.clear();
            listedLastTime.addAll(snapshot.ids());
        }

        assertThat(decisionsByRule)
                .as("the files exercise every rule")
                .containsOnlyKeys("big-labs-affordable", "free-models", "no-image-output", "rest-to-review");
        for (Map.Entry<String, Integer> rule : decisionsByRule.entrySet()) {
            String actor = "rule:" + rule.getKey();
            String kind = rule.getKey().equals("rest-to-review") ? "left_for_review" : "status_changed";
            assertThat(tables.count("select count(*) from model_access_events where actor = '" + actor
                            + "' and kind = '" + kind + "'"))
                    .as("one %s event per decision of %s", kind, actor)
                    .isEqualTo(rule.getValue().longValue());
        }
    }

    /** The row a model the rule {@code rule} decided must have, as {@link #actualRows()} prints it. */
    private static String row(String rule) {
        return switch (rule) {
            case "big-labs-affordable" -> "active false true true rule:big-labs-affordable";
            case "free-models" -> "active true false false rule:free-models";
            case "no-image-output" -> "disabled false false false rule:no-image-output";
            default -> "new false false false null";
        };
    }

    /** The expected rows with the models the snapshot does not list turned {@code inactive}, the rest kept. */
    private Map<String, String> expectedView(Set<String> listed) {
        Map<String, String> view = new TreeMap<>();
        expectedRows.forEach(
                (id, row) -> view.put(id, listed.contains(id) ? row : "inactive" + row.substring(row.indexOf(' '))));
        return view;
    }

    private Map<String, String> actualRows() {
        Map<String, String> rows = new TreeMap<>();
        for (String line : tables.strings("select model_id || chr(9) || status || ' ' || is_free || ' ' || is_pro"
                + " || ' ' || is_enterprise || ' ' || coalesce(reviewed_by, 'null') from model_access")) {
            String[] parts = line.split("\t", 2);
            rows.put(parts[0], parts[1]);
        }
        return rows;
    }

    /**
     * The rule that must decide an added model, read straight from its JSON: first match wins, the last rule
     * matches everything.
     */
    static String expectedRule(JsonNode model) {
        String id = model.get("id").asString();
        String bare = id.startsWith("~") ? id.substring(1) : id;
        String author = bare.contains("/") ? bare.substring(0, bare.indexOf('/')) : bare;
        BigDecimal prompt = price(model, "prompt");
        if ((author.equals("anthropic") || author.equals("openai"))
                && prompt.signum() >= 0
                && prompt.compareTo(FIVE_PER_MILLION) <= 0) {
            return "big-labs-affordable";
        }
        if (isFree(model)) {
            return "free-models";
        }
        for (JsonNode modality : model.path("architecture").path("output_modalities")) {
            if (modality.asString().equals("image")) {
                return "no-image-output";
            }
        }
        return "rest-to-review";
    }

    /** Free: a {@code :free} id, or a pricing object whose every scalar charge is zero (and that has one). */
    static boolean isFree(JsonNode model) {
        if (model.get("id").asString().endsWith(":free")) {
            return true;
        }
        boolean any = false;
        for (Map.Entry<String, JsonNode> charge : model.path("pricing").properties()) {
            JsonNode value = charge.getValue();
            if (value.isObject() || value.isArray() || value.isNull()) {
                continue;
            }
            any = true;
            if (new BigDecimal(value.asString()).signum() != 0) {
                return false;
            }
        }
        return any;
    }

    /** A per-token charge as written; absent charges nothing. */
    static BigDecimal price(JsonNode model, String component) {
        JsonNode value = model.path("pricing").path(component);
        return value.isMissingNode() || value.isNull() ? BigDecimal.ZERO : new BigDecimal(value.asString());
    }

    /**
     * The holds the next sync must place: on models that are {@code active} now and stay listed, whose prompt or
     * completion price rose beyond the factor, or that were free and are not; a free model that became paid also
     * leaves the free tier.
     */
    private void expectHolds(Snapshot next) {
        for (Map.Entry<String, JsonNode> entry : next.models().entrySet()) {
            String id = entry.getKey();
            JsonNode before = lastSeen.get(id);
            String row = expectedRows.get(id);
            if (before == null || row == null || !row.startsWith("active") || !wasListedLastTime(id)) {
                continue;
            }
            JsonNode after = entry.getValue();
            boolean becamePaid = isFree(before) && !isFree(after);
            if (becamePaid || rose(before, after, "prompt") || rose(before, after, "completion")) {
                expectedHolds.add(id);
                if (becamePaid && row.startsWith("active true")) {
                    // the sync takes the free tier away, and is the last to have decided on the model
                    String[] parts = row.split(" ");
                    expectedRows.put(id, "active false " + parts[2] + " " + parts[3] + " sync");
                }
            }
        }
    }

    private final Set<String> listedLastTime = new HashSet<>();

    private boolean wasListedLastTime(String id) {
        return listedLastTime.contains(id);
    }

    private static boolean rose(JsonNode before, JsonNode after, String component) {
        BigDecimal was = price(before, component);
        BigDecimal is = price(after, component);
        return was.signum() >= 0 && is.signum() >= 0 && is.compareTo(was.multiply(HOLD_FACTOR)) > 0;
    }
}
