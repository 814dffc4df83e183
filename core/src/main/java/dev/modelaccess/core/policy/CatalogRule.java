package dev.modelaccess.core.policy;

import java.util.Objects;

/**
 * One rule of the admin's catalog policy: a name (unique in its set, it names the rule's decisions in each model's
 * history as {@code rule:<name>}), what it matches and what it does.
 */
public record CatalogRule(String name, RuleMatch match, RuleAction action) {

    public static final int MAX_NAME_LENGTH = 100;

    public CatalogRule {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(match, "match");
        Objects.requireNonNull(action, "action");
        if (name.isBlank()) {
            throw new InvalidRuleException("name", "A rule needs a name");
        }
        if (name.length() > MAX_NAME_LENGTH || name.chars().anyMatch(Character::isISOControl)) {
            throw new InvalidRuleException(
                    "name", "A rule's name has at most " + MAX_NAME_LENGTH + " characters and no control characters");
        }
    }

    /** The actor its decisions are recorded under: {@code rule:<name>}. */
    public String actor() {
        return "rule:" + name;
    }
}
