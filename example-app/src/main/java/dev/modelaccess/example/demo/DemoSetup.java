package dev.modelaccess.example.demo;

import dev.modelaccess.core.access.AccessRuleCache;
import dev.modelaccess.core.access.AdminChange;
import dev.modelaccess.core.access.ModelAdministration;
import dev.modelaccess.core.catalog.CatalogModel;
import dev.modelaccess.core.catalog.ModelStatus;
import dev.modelaccess.core.catalog.Tier;
import dev.modelaccess.core.catalog.UpstreamModel;
import dev.modelaccess.core.port.ModelAccessStore;
import dev.modelaccess.core.sync.CatalogSync;
import dev.modelaccess.core.sync.SyncGuards;
import dev.modelaccess.core.sync.SyncOutcome;
import dev.modelaccess.core.sync.SyncTrigger;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes a fresh start usable at once: demo users of each tier and an admin (with profiles rows), a catalog (the
 * start-up sync's, or the {@link DemoCatalog} when OpenRouter could not be reached), a handful of approved models per
 * tier, and one line per user with a ready bearer token.
 */
final class DemoSetup {

    private static final Logger LOG = LoggerFactory.getLogger(DemoSetup.class);
    static final String ACTOR = "demo";

    /** A demo user: fixed ids so tokens from one run read the same as the next. */
    record DemoUser(String label, UUID id, Tier tier, boolean admin) {}

    static final List<DemoUser> USERS = List.of(
            new DemoUser("free", UUID.fromString("11111111-1111-4111-8111-111111111111"), Tier.FREE, false),
            new DemoUser("pro", UUID.fromString("22222222-2222-4222-8222-222222222222"), Tier.PRO, false),
            new DemoUser("enterprise", UUID.fromString("33333333-3333-4333-8333-333333333333"), Tier.ENTERPRISE, false),
            new DemoUser("admin", UUID.fromString("aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa"), Tier.ENTERPRISE, true));

    private static final int PER_TIER = 3;

    private final DSLContext dsl;
    private final ModelAccessStore store;
    private final ModelAdministration administration;
    private final AccessRuleCache rules;
    private final @Nullable DemoTokens tokens;
    private final Duration tokenValidity;
    private final Clock clock;

    DemoSetup(
            DSLContext dsl,
            ModelAccessStore store,
            ModelAdministration administration,
            AccessRuleCache rules,
            @Nullable DemoTokens tokens,
            Duration tokenValidity,
            Clock clock) {
        this.dsl = dsl;
        this.store = store;
        this.administration = administration;
        this.rules = rules;
        this.tokens = tokens;
        this.tokenValidity = tokenValidity;
        this.clock = clock;
    }

    /** Writes the {@link DemoCatalog} through a regular sync, so it reads like any other catalog. */
    SyncOutcome writeDemoCatalog() {
        SyncOutcome outcome = new CatalogSync(DemoCatalog::snapshot, store, SyncGuards.DEFAULTS, clock)
                .run(SyncTrigger.STARTUP, false);
        rules.reloadQuietly();
        return outcome;
    }

    /** Writes one {@code profiles} row per demo user (tier only; a default model chosen earlier is kept). */
    void writeProfiles() {
        for (DemoUser user : USERS) {
            dsl.insertInto(DSL.table(DSL.name("profiles")))
                    .set(DSL.field(DSL.name("id"), UUID.class), user.id())
                    .set(DSL.field(DSL.name("tier"), String.class), user.tier().dbValue())
                    .onConflict(DSL.field(DSL.name("id")))
                    .doUpdate()
                    .set(DSL.field(DSL.name("tier"), String.class), user.tier().dbValue())
                    .execute();
        }
    }

    /**
     * Approves a handful of models per tier, unless some model is active already (an admin has been at work). Free
     * picks are usable by every tier, pro picks by pro and enterprise, enterprise picks by enterprise only.
     *
     * @return how many models were approved
     */
    int approveHandfulPerTier() {
        List<CatalogModel> catalog = store.loadCatalog();
        if (catalog.stream().anyMatch(model -> model.status() == ModelStatus.ACTIVE)) {
            return 0;
        }
        Map<String, CatalogModel> reviewable = new LinkedHashMap<>();
        catalog.stream()
                .filter(model -> model.status() == ModelStatus.NEW)
                .sorted(Comparator.comparing(CatalogModel::modelId))
                .forEach(model -> reviewable.put(model.modelId(), model));
        Set<String> taken = new LinkedHashSet<>();
        List<String> free = pick(
                DemoCatalog.FREE, reviewable, taken, model -> model.modelId().endsWith(":free"));
        List<String> pro = pick(DemoCatalog.PRO, reviewable, taken, DemoSetup::paidTextModel);
        List<String> enterprise = pick(DemoCatalog.ENTERPRISE, reviewable, taken, DemoSetup::paidTextModel);
        List<AdminChange> changes = new ArrayList<>();
        free.forEach(id -> changes.add(new AdminChange(id, ModelStatus.ACTIVE, true, true, true)));
        pro.forEach(id -> changes.add(new AdminChange(id, ModelStatus.ACTIVE, false, true, true)));
        enterprise.forEach(id -> changes.add(new AdminChange(id, ModelStatus.ACTIVE, false, false, true)));
        if (changes.isEmpty()) {
            return 0;
        }
        administration.review(changes, ACTOR);
        rules.reloadQuietly();
        LOG.info("Demo: approved free {}, pro {}, enterprise {}", free, pro, enterprise);
        return changes.size();
    }

    /** Whether demo tokens can be printed: only when signed with the secret generated for this run. */
    boolean signsTokens() {
        return tokens != null;
    }

    /** A token for one demo user, valid for {@code tokenValidity}; only with the demo's own generated secret. */
    String tokenFor(DemoUser user) {
        return demoTokens().sign(user.id(), user.admin(), tokenValidity);
    }

    /** Prints one line per demo user with a bearer token valid for {@code tokenValidity}. */
    void printUsers(PrintStream out, String baseUrl, String consolePath) {
        DemoTokens tokens = demoTokens();
        out.println();
        out.println("=== model-access demo: users and bearer tokens (valid " + tokenValidity + ") ===");
        for (DemoUser user : USERS) {
            out.println("demo user tier=" + user.label() + " id=" + user.id() + " token="
                    + tokens.sign(user.id(), user.admin(), tokenValidity));
        }
        out.println("Try: curl -H \"Authorization: Bearer <token>\" " + baseUrl + "/api/models");
        out.println("=== end of demo users ===");
        out.println("Demo user page: " + baseUrl + "/demo/");
        out.println("Admin console: " + baseUrl + consolePath + " (sign in with the admin token above, or one click)");
        out.flush();
    }

    private DemoTokens demoTokens() {
        DemoTokens tokens = this.tokens;
        if (tokens == null) {
            throw new IllegalStateException("No demo tokens without the demo's own generated secret");
        }
        return tokens;
    }

    private static List<String> pick(
            List<String> preferred,
            Map<String, CatalogModel> reviewable,
            Set<String> taken,
            Predicate<CatalogModel> fallback) {
        List<String> picked = new ArrayList<>();
        for (String id : preferred) {
            if (picked.size() < PER_TIER && reviewable.containsKey(id) && taken.add(id)) {
                picked.add(id);
            }
        }
        reviewable.values().stream()
                .filter(fallback)
                .sorted(Comparator.comparing(DemoSetup::promptPrice).thenComparing(CatalogModel::modelId))
                .map(CatalogModel::modelId)
                .forEach(id -> {
                    if (picked.size() < PER_TIER && taken.add(id)) {
                        picked.add(id);
                    }
                });
        return picked;
    }

    private static boolean paidTextModel(CatalogModel model) {
        UpstreamModel upstream = model.upstream();
        BigDecimal prompt = upstream.pricing().prompt();
        return prompt != null
                && prompt.signum() > 0
                && upstream.architecture().outputModalities().contains("text");
    }

    private static BigDecimal promptPrice(CatalogModel model) {
        BigDecimal prompt = model.upstream().pricing().prompt();
        return prompt == null ? BigDecimal.ZERO : prompt;
    }
}
