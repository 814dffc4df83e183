package dev.modelaccess.core.policy;

import dev.modelaccess.core.ModelAccessException;

/**
 * A rule set that cannot be used: an invalid glob, an unknown action or tier, a price that is not a decimal, a
 * duplicate name. Names the offending field the way the API spells it, e.g. {@code rules[2].match.model_id}.
 */
public final class InvalidRuleException extends ModelAccessException {

    private final String field;

    public InvalidRuleException(String field, String message) {
        super(message);
        this.field = field;
    }

    /** The offending field, e.g. {@code rules[0].match.authors[1]}. */
    public String field() {
        return field;
    }

    /** The same problem, its field put under {@code prefix} ({@code match.model_id} → {@code rules[2].match.model_id}). */
    InvalidRuleException under(String prefix) {
        return new InvalidRuleException(prefix + "." + field, getMessage());
    }
}
