package dev.modelaccess.core.policy;

import dev.modelaccess.core.catalog.UpstreamModel;
import dev.modelaccess.core.internal.Messages;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The admin's rules, in order: the first rule that matches a model decides it; none matching leaves it {@code new}.
 * Immutable; evaluation is pure.
 *
 * <p>Rules limited to plain author names are indexed by author, so a model is tried only against the rules that can
 * match its author (in the set's order): 200 rules over 50,000 models cost a few million cheap comparisons, not ten
 * million glob matches.
 */
public final class RuleSet {

    public static final int MAX_RULES = 1_000;
    public static final RuleSet EMPTY = new RuleSet(List.of());

    private final List<CatalogRule> rules;
    /** Indexes of the rules open to every author, in order. */
    private final int[] anyAuthor;
    /** Indexes of the rules limited to plain author names, by author. */
    private final Map<String, int[]> byAuthor;

    private RuleSet(List<CatalogRule> rules) {
        this.rules = List.copyOf(rules);
        List<Integer> open = new ArrayList<>();
        Map<String, List<Integer>> limited = new HashMap<>();
        for (int i = 0; i < this.rules.size(); i++) {
            Optional<Set<String>> authors = this.rules.get(i).match().literalAuthors();
            if (authors.isEmpty()) {
                open.add(i);
            } else {
                for (String author : authors.get()) {
                    limited.computeIfAbsent(author, a -> new ArrayList<>()).add(i);
                }
            }
        }
        this.anyAuthor = open.stream().mapToInt(Integer::intValue).toArray();
        Map<String, int[]> index = new HashMap<>();
        limited.forEach((author, indexes) -> index.put(author, merge(anyAuthor, indexes)));
        this.byAuthor = Map.copyOf(index);
    }

    /**
     * A rule set in the order given.
     *
     * @throws InvalidRuleException naming {@code rules[i].name} for a name used twice, or {@code rules} when there
     *     are more than {@value #MAX_RULES}
     */
    public static RuleSet of(List<CatalogRule> rules) {
        if (rules.size() > MAX_RULES) {
            throw new InvalidRuleException("rules", "At most " + MAX_RULES + " rules; got " + rules.size());
        }
        Set<String> names = new HashSet<>();
        for (int i = 0; i < rules.size(); i++) {
            if (!names.add(rules.get(i).name())) {
                throw new InvalidRuleException(
                        "rules[" + i + "].name",
                        "Rule name '" + Messages.abbreviate(rules.get(i).name()) + "' is used twice");
            }
        }
        return rules.isEmpty() ? EMPTY : new RuleSet(rules);
    }

    public List<CatalogRule> rules() {
        return rules;
    }

    public boolean isEmpty() {
        return rules.isEmpty();
    }

    /** The first rule that matches {@code model}. */
    public Optional<CatalogRule> firstMatch(UpstreamModel model) {
        String author = model.provider();
        int[] candidates = byAuthor.getOrDefault(author, anyAuthor);
        for (int index : candidates) {
            CatalogRule rule = rules.get(index);
            if (rule.match().matches(model, author)) {
                return Optional.of(rule);
            }
        }
        return Optional.empty();
    }

    /** The decision for each model some rule matches, in the order of {@code models}. */
    public List<RuleDecision> decide(List<UpstreamModel> models) {
        List<RuleDecision> decisions = new ArrayList<>();
        for (UpstreamModel model : models) {
            firstMatch(model).ifPresent(rule -> decisions.add(new RuleDecision(model.id(), rule)));
        }
        return decisions;
    }

    private static int[] merge(int[] sorted, List<Integer> more) {
        int[] merged = new int[sorted.length + more.size()];
        int i = 0;
        int j = 0;
        int k = 0;
        while (i < sorted.length || j < more.size()) {
            if (j == more.size() || (i < sorted.length && sorted[i] < more.get(j))) {
                merged[k++] = sorted[i++];
            } else {
                merged[k++] = more.get(j++);
            }
        }
        return merged;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof RuleSet set && set.rules.equals(rules);
    }

    @Override
    public int hashCode() {
        return rules.hashCode();
    }
}
