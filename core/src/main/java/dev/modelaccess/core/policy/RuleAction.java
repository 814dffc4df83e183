package dev.modelaccess.core.policy;

import dev.modelaccess.core.catalog.TierFlags;
import dev.modelaccess.core.internal.Messages;

/** What a rule does to a new model it matches. */
public sealed interface RuleAction {

    /** Status {@code active} with these tier flags. */
    record Approve(TierFlags tiers) implements RuleAction {}

    /** Status {@code disabled}. */
    record Disable() implements RuleAction {}

    /** Leave the model {@code new} for an admin: an explicit stop, later rules are not asked. */
    record Review() implements RuleAction {}

    /** {@code approve}, {@code disable} or {@code review}. */
    default String wireName() {
        return switch (this) {
            case Approve ignored -> "approve";
            case Disable ignored -> "disable";
            case Review ignored -> "review";
        };
    }

    /**
     * Parses an action as the API spells it.
     *
     * @throws InvalidRuleException naming {@code action} for anything but {@code approve}, {@code disable} or {@code
     *     review}, and naming {@code tiers} when tiers come with an action other than {@code approve}
     */
    static RuleAction of(String action, TierFlags tiers) {
        return switch (action) {
            case "approve" -> new Approve(tiers);
            case "disable", "review" -> {
                if (!tiers.equals(TierFlags.NONE)) {
                    throw new InvalidRuleException("tiers", "Only an approve action takes tiers; got " + action);
                }
                yield action.equals("disable") ? new Disable() : new Review();
            }
            default ->
                throw new InvalidRuleException(
                        "action",
                        "Unknown action '" + Messages.abbreviate(action) + "'; expected approve, disable or review");
        };
    }
}
