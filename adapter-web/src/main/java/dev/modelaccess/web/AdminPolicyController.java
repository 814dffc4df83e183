package dev.modelaccess.web;

import dev.modelaccess.core.catalog.CatalogModel;
import dev.modelaccess.core.catalog.Tier;
import dev.modelaccess.core.catalog.TierFlags;
import dev.modelaccess.core.policy.CatalogRule;
import dev.modelaccess.core.policy.CatalogRuleCache;
import dev.modelaccess.core.policy.Glob;
import dev.modelaccess.core.policy.HoldReview;
import dev.modelaccess.core.policy.InvalidRuleException;
import dev.modelaccess.core.policy.PendingRules;
import dev.modelaccess.core.policy.ReviewHold;
import dev.modelaccess.core.policy.ReviewHolds;
import dev.modelaccess.core.policy.RuleAction;
import dev.modelaccess.core.policy.RuleDecision;
import dev.modelaccess.core.policy.RuleMatch;
import dev.modelaccess.core.policy.RuleOutcome;
import dev.modelaccess.core.policy.RulePreview;
import dev.modelaccess.core.policy.RuleSet;
import dev.modelaccess.core.port.ModelAccessStore;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The admin's catalog policy: the rules that decide the models a sync adds (list, replace as a whole, preview a
 * draft, apply to the models still pending, dry run first), the pending price holds and their clearing, and the
 * values present in the catalog for the console's pick lists.
 *
 * <p>Each bad input answers 422 with the offending field named in {@code field} (e.g. {@code
 * rules[2].match.model_id}) and writes nothing: an invalid glob, an unknown tier, an unknown action, a price that is
 * not a decimal. A rule change is saved, used at once on this instance and, through the change feed, governs the
 * next sync on every instance.
 */
@RestController
@ModelAccessApi(admin = true)
@RequestMapping("${modelaccess.web.base-path:/api}/admin")
class AdminPolicyController {

    static final int MAX_PREVIEW_MODELS = 2000;

    private final ModelAccessStore store;
    private final CatalogRuleCache rules;
    private final RulePreview preview;
    private final PendingRules pending;
    private final ReviewHolds holds;
    private final HoldReview holdReview;

    AdminPolicyController(
            ModelAccessStore store,
            CatalogRuleCache rules,
            RulePreview preview,
            PendingRules pending,
            ReviewHolds holds,
            HoldReview holdReview) {
        this.store = store;
        this.rules = rules;
        this.preview = preview;
        this.pending = pending;
        this.holds = holds;
        this.holdReview = holdReview;
    }

    @GetMapping("/rules")
    RuleList list() {
        return RuleList.of(rules.reload());
    }

    /** Replaces every rule with the ones given, in their order (an empty list removes them all). */
    @PutMapping("/rules")
    RuleList replace(@RequestBody RulesRequest request) {
        RuleSet parsed = request.parse();
        rules.replace(parsed);
        return RuleList.of(rules.get());
    }

    /**
     * What the given rules (or, without {@code rules}, the saved ones) would do to the models now {@code new} and to
     * the models the last {@code syncs} syncs added. Writes nothing.
     */
    @PostMapping("/rules/preview")
    PreviewView preview(@RequestBody PreviewRequest request) {
        RuleSet set = request.rules() == null ? rules.get() : new RulesRequest(request.rules()).parse();
        int syncs = request.syncs() == null ? 1 : request.syncs();
        RulePreview.Result result = preview.preview(set, syncs);
        return new PreviewView(
                OutcomeView.of(result.pending()),
                OutcomeView.of(result.recent()),
                result.syncs(),
                result.since().orElse(null));
    }

    /** Applies the saved rules to the models still pending ({@code new}, no tier); {@code dry_run=true} writes nothing. */
    @PostMapping("/rules/apply")
    AppliedView apply(@RequestParam(name = "dry_run", defaultValue = "true") boolean dryRun) {
        PendingRules.Applied applied = pending.apply(dryRun);
        return new AppliedView(
                applied.dryRun(),
                applied.pending(),
                applied.decisions().size(),
                applied.decisions().stream().map(DecisionView::of).toList());
    }

    @GetMapping("/models/held")
    HoldList held() {
        return new HoldList(holds.pending().stream().map(HoldView::of).toList());
    }

    /** Clears a model's price hold (the admin reviewed the new price); 404 when it has none. */
    @DeleteMapping("/models/{author}/{slug}/hold")
    HoldView clearHold(@PathVariable String author, @PathVariable String slug, ModelAccessCaller caller) {
        String id = InvalidModelIdException.requireSafe(author + "/" + slug, "id");
        try {
            return HoldView.of(holdReview.clear(id, caller.userId().toString()));
        } catch (HoldReview.NoHoldException e) {
            throw new NotFoundException(e.getMessage());
        }
    }

    /** The providers and modalities present in the catalog, for the console's pick lists. */
    @GetMapping("/catalog/facets")
    Facets facets() {
        TreeSet<String> providers = new TreeSet<>();
        TreeSet<String> inputs = new TreeSet<>();
        TreeSet<String> outputs = new TreeSet<>();
        TreeSet<String> modalities = new TreeSet<>();
        for (CatalogModel model : store.loadCatalog()) {
            providers.add(model.upstream().provider());
            if (model.upstream().architecture().modality() != null) {
                modalities.add(model.upstream().architecture().modality());
            }
            inputs.addAll(model.upstream().architecture().inputModalities());
            outputs.addAll(model.upstream().architecture().outputModalities());
        }
        return new Facets(List.copyOf(providers), List.copyOf(modalities), List.copyOf(inputs), List.copyOf(outputs));
    }

    @ExceptionHandler(InvalidRuleException.class)
    ProblemDetail invalidRule(InvalidRuleException e) {
        ProblemDetail problem = ModelAccessProblemHandler.problem(HttpStatus.UNPROCESSABLE_CONTENT, e.getMessage());
        problem.setProperty("field", e.field());
        return problem;
    }

    // ------------------------------------------------------------------------------------------------- bodies

    /** The whole ordered rule set. */
    record RulesRequest(@Nullable List<RuleBody> rules) {

        RuleSet parse() {
            if (rules == null) {
                throw new InvalidRuleException(
                        "rules", "Give rules: the whole ordered list (empty to remove every rule)");
            }
            if (rules.size() > RuleSet.MAX_RULES) {
                throw new InvalidRuleException("rules", "At most " + RuleSet.MAX_RULES + " rules; got " + rules.size());
            }
            List<CatalogRule> parsed = new ArrayList<>(rules.size());
            for (int i = 0; i < rules.size(); i++) {
                String prefix = "rules[" + i + "]";
                RuleBody body = rules.get(i);
                if (body == null) {
                    throw new InvalidRuleException(prefix, prefix + " must not be null");
                }
                try {
                    parsed.add(body.parse());
                } catch (InvalidRuleException e) {
                    throw new InvalidRuleException(prefix + "." + e.field(), e.getMessage());
                }
            }
            return RuleSet.of(parsed);
        }
    }

    /** One rule as the API spells it. */
    record RuleBody(
            @Nullable String name,
            @Nullable MatchBody match,
            @Nullable String action,
            @Nullable List<String> tiers) {

        CatalogRule parse() {
            if (name == null) {
                throw new InvalidRuleException("name", "A rule needs a name");
            }
            if (action == null) {
                throw new InvalidRuleException("action", "A rule needs an action: approve, disable or review");
            }
            TierFlags flags = TierFlags.NONE;
            List<String> given = tiers == null ? List.of() : tiers;
            for (int i = 0; i < given.size(); i++) {
                String tier = given.get(i);
                String field = "tiers[" + i + "]";
                Tier parsed = tier == null ? null : Tier.parse(tier).orElse(null);
                if (parsed == null) {
                    throw new InvalidRuleException(
                            field, "Unknown tier '" + tier + "' in " + field + "; expected free, pro or enterprise");
                }
                flags = flags.with(parsed, true);
            }
            RuleMatch parsedMatch;
            try {
                parsedMatch = match == null ? RuleMatch.ANY : match.parse();
            } catch (InvalidRuleException e) {
                throw e.field().startsWith("match.")
                        ? e
                        : new InvalidRuleException("match." + e.field(), e.getMessage());
            }
            return new CatalogRule(name, parsedMatch, actionOf(action, flags));
        }

        private static RuleAction actionOf(String action, TierFlags flags) {
            try {
                return switch (action) {
                    case "approve" -> new RuleAction.Approve(flags);
                    case "disable", "review" -> {
                        if (!flags.equals(TierFlags.NONE)) {
                            throw new InvalidRuleException(
                                    "tiers", "Only an approve action takes tiers; got " + action);
                        }
                        yield action.equals("disable") ? new RuleAction.Disable() : new RuleAction.Review();
                    }
                    default ->
                        throw new InvalidRuleException(
                                "action", "Unknown action '" + action + "'; expected approve, disable or review");
                };
            } catch (IllegalArgumentException e) {
                throw new InvalidRuleException("action", e.getMessage());
            }
        }
    }

    /** What a rule matches; prices are decimals in USD per million tokens, as strings or numbers. */
    record MatchBody(
            @Nullable List<String> authors,
            @Nullable String modelId,
            @Nullable Boolean free,
            @Nullable String inputModality,
            @Nullable String outputModality,
            @Nullable String maxPromptPrice,
            @Nullable String maxCompletionPrice,
            @Nullable Long minContextLength) {

        RuleMatch parse() {
            return new RuleMatch(
                    RuleMatch.authorGlobs(authors == null ? List.of() : authors),
                    modelId == null ? null : Glob.compile(modelId, "match.model_id"),
                    free,
                    modality(inputModality, "match.input_modality"),
                    modality(outputModality, "match.output_modality"),
                    price(maxPromptPrice, "match.max_prompt_price"),
                    price(maxCompletionPrice, "match.max_completion_price"),
                    minContextLength);
        }

        private static @Nullable String modality(@Nullable String value, String field) {
            if (value != null && (value.isBlank() || value.length() > 64)) {
                throw new InvalidRuleException(
                        field, field + " must be a modality name such as text, image, audio or file");
            }
            return value;
        }

        private static @Nullable BigDecimal price(@Nullable String value, String field) {
            if (value == null) {
                return null;
            }
            try {
                if (value.length() > 64) {
                    throw new NumberFormatException();
                }
                BigDecimal price = new BigDecimal(value.strip());
                if (price.signum() < 0) {
                    throw new InvalidRuleException(field, field + " must not be negative");
                }
                return price;
            } catch (NumberFormatException e) {
                throw new InvalidRuleException(
                        field, field + " must be a decimal number of USD per million tokens, e.g. \"5\" or \"0.25\"");
            }
        }
    }

    record PreviewRequest(
            @Nullable List<RuleBody> rules, @Nullable Integer syncs) {}

    // -------------------------------------------------------------------------------------------------- views

    record RuleView(String name, MatchView match, String action, List<String> tiers) {
        static RuleView of(CatalogRule rule) {
            List<String> tiers = new ArrayList<>();
            if (rule.action() instanceof RuleAction.Approve approve) {
                for (Tier tier : Tier.values()) {
                    if (approve.tiers().allows(tier)) {
                        tiers.add(tier.dbValue());
                    }
                }
            }
            return new RuleView(
                    rule.name(), MatchView.of(rule.match()), rule.action().wireName(), tiers);
        }
    }

    record MatchView(
            List<String> authors,
            @Nullable String modelId,
            @Nullable Boolean free,
            @Nullable String inputModality,
            @Nullable String outputModality,
            @Nullable String maxPromptPrice,
            @Nullable String maxCompletionPrice,
            @Nullable Long minContextLength) {
        static MatchView of(RuleMatch match) {
            return new MatchView(
                    match.authors().stream().map(Glob::pattern).toList(),
                    match.modelId() == null ? null : match.modelId().pattern(),
                    match.free(),
                    match.inputModality(),
                    match.outputModality(),
                    match.maxPromptPrice() == null
                            ? null
                            : match.maxPromptPrice().toPlainString(),
                    match.maxCompletionPrice() == null
                            ? null
                            : match.maxCompletionPrice().toPlainString(),
                    match.minContextLength());
        }
    }

    record RuleList(List<RuleView> data) {
        static RuleList of(RuleSet set) {
            return new RuleList(set.rules().stream().map(RuleView::of).toList());
        }
    }

    /** Counts per action and tier, and (at most {@value #MAX_PREVIEW_MODELS}) models with their rule. */
    record OutcomeView(
            Map<String, Integer> actions,
            Map<String, Integer> tiers,
            int total,
            boolean truncated,
            List<EntryView> models) {
        static OutcomeView of(RuleOutcome outcome) {
            List<RuleOutcome.Entry> entries = outcome.models();
            return new OutcomeView(
                    Map.of(
                            "approve", outcome.approve(),
                            "disable", outcome.disable(),
                            "review", outcome.review(),
                            "none", outcome.unmatched()),
                    Map.of("free", outcome.free(), "pro", outcome.pro(), "enterprise", outcome.enterprise()),
                    entries.size(),
                    entries.size() > MAX_PREVIEW_MODELS,
                    entries.stream()
                            .limit(MAX_PREVIEW_MODELS)
                            .map(EntryView::of)
                            .toList());
        }
    }

    record EntryView(
            String model, @Nullable String name, @Nullable String rule, String action, List<String> tiers) {
        static EntryView of(RuleOutcome.Entry entry) {
            if (entry.rule() == null) {
                return new EntryView(entry.modelId(), entry.name(), null, "none", List.of());
            }
            RuleView rule = RuleView.of(entry.rule());
            return new EntryView(entry.modelId(), entry.name(), rule.name(), rule.action(), rule.tiers());
        }
    }

    record PreviewView(
            OutcomeView pending,
            OutcomeView recent,
            int syncs,
            @Nullable Instant since) {}

    record DecisionView(String model, String rule, String action, List<String> tiers) {
        static DecisionView of(RuleDecision decision) {
            RuleView rule = RuleView.of(decision.rule());
            return new DecisionView(decision.modelId(), rule.name(), rule.action(), rule.tiers());
        }
    }

    record AppliedView(boolean dryRun, int pending, int decided, List<DecisionView> data) {}

    /** A price hold; prices per million tokens as decimal strings ({@code null}: not charged). */
    record HoldView(
            String model,
            String reason,
            @Nullable String oldPromptPerMillion,
            @Nullable String oldCompletionPerMillion,
            @Nullable String newPromptPerMillion,
            @Nullable String newCompletionPerMillion,
            Instant heldAt) {
        static HoldView of(ReviewHold hold) {
            return new HoldView(
                    hold.modelId(),
                    hold.reason().dbValue(),
                    perMillion(hold.oldPrompt()),
                    perMillion(hold.oldCompletion()),
                    perMillion(hold.newPrompt()),
                    perMillion(hold.newCompletion()),
                    hold.heldAt());
        }

        private static @Nullable String perMillion(@Nullable BigDecimal perToken) {
            return perToken == null
                    ? null
                    : perToken.multiply(BigDecimal.valueOf(1_000_000))
                            .stripTrailingZeros()
                            .toPlainString();
        }
    }

    record HoldList(List<HoldView> data) {}

    /** The values present in the catalog: providers, modalities ({@code text->text}), input and output modalities. */
    record Facets(
            List<String> providers,
            List<String> modalities,
            List<String> inputModalities,
            List<String> outputModalities) {}
}
