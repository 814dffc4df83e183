package dev.modelaccess.core.policy;

import dev.modelaccess.core.catalog.UpstreamModel;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * What a rule matches: every criterion given must hold; a rule with none matches every model.
 *
 * @param authors the model's author ({@code anthropic} for {@code anthropic/claude-…} and {@code
 *     ~anthropic/claude-latest}) matches one of these globs; {@code anthropic/*} is read as {@code anthropic}
 * @param modelId the whole model id matches this glob
 * @param free {@code true}: the model is free (a {@code :free} id, or every price component zero); {@code false}:
 *     it is not
 * @param inputModality the model's input modalities contain this one ({@code image}, {@code file}, …)
 * @param outputModality the model's output modalities contain this one
 * @param maxPromptPrice the prompt price is known and at most this many USD per million tokens
 * @param maxCompletionPrice the completion price is known and at most this many USD per million tokens
 * @param minContextLength the context length is known and at least this
 */
public record RuleMatch(
        List<Glob> authors,
        @Nullable Glob modelId,
        @Nullable Boolean free,
        @Nullable String inputModality,
        @Nullable String outputModality,
        @Nullable BigDecimal maxPromptPrice,
        @Nullable BigDecimal maxCompletionPrice,
        @Nullable Long minContextLength) {

    public static final RuleMatch ANY = new RuleMatch(List.of(), null, null, null, null, null, null, null);
    private static final BigDecimal MILLION = BigDecimal.valueOf(1_000_000);

    public RuleMatch {
        authors = List.copyOf(authors);
        if (maxPromptPrice != null && maxPromptPrice.signum() < 0) {
            throw new InvalidRuleException("match.max_prompt_price", "match.max_prompt_price must not be negative");
        }
        if (maxCompletionPrice != null && maxCompletionPrice.signum() < 0) {
            throw new InvalidRuleException(
                    "match.max_completion_price", "match.max_completion_price must not be negative");
        }
        if (minContextLength != null && minContextLength < 0) {
            throw new InvalidRuleException("match.min_context_length", "match.min_context_length must not be negative");
        }
    }

    /**
     * Compiles author patterns as written by an admin: {@code anthropic} or {@code anthropic/*}.
     *
     * @throws InvalidRuleException naming {@code match.authors[i]}
     */
    public static List<Glob> authorGlobs(List<String> patterns) {
        java.util.ArrayList<Glob> globs = new java.util.ArrayList<>(patterns.size());
        for (int i = 0; i < patterns.size(); i++) {
            String field = "match.authors[" + i + "]";
            String pattern = patterns.get(i);
            String author = pattern.endsWith("/*") ? pattern.substring(0, pattern.length() - 2) : pattern;
            if (author.indexOf('/') >= 0) {
                throw new InvalidRuleException(
                        field,
                        "An author glob names the part of the id before '/', e.g. 'anthropic' or 'anthropic/*'; got '"
                                + dev.modelaccess.core.internal.Messages.abbreviate(pattern) + "' in " + field);
            }
            globs.add(Glob.compile(author, field));
        }
        return List.copyOf(globs);
    }

    /** Whether {@code model} meets every criterion. {@code author} is {@code model.provider()}, computed once. */
    boolean matches(UpstreamModel model, String author) {
        if (!authors.isEmpty() && !anyMatches(authors, author)) {
            return false;
        }
        if (modelId != null && !modelId.matches(model.id())) {
            return false;
        }
        if (free != null && free != isFree(model)) {
            return false;
        }
        if (inputModality != null && !model.architecture().inputModalities().contains(inputModality)) {
            return false;
        }
        if (outputModality != null && !model.architecture().outputModalities().contains(outputModality)) {
            return false;
        }
        if (maxPromptPrice != null && !atMost(model.pricing().prompt(), maxPromptPrice)) {
            return false;
        }
        if (maxCompletionPrice != null && !atMost(model.pricing().completion(), maxCompletionPrice)) {
            return false;
        }
        return minContextLength == null || (model.contextLength() != null && model.contextLength() >= minContextLength);
    }

    /** The authors this match is limited to when every author glob is a plain name; empty when it is not limited so. */
    java.util.Optional<java.util.Set<String>> literalAuthors() {
        if (authors.isEmpty() || !authors.stream().allMatch(Glob::isLiteral)) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(
                authors.stream().map(Glob::pattern).collect(java.util.stream.Collectors.toUnmodifiableSet()));
    }

    /**
     * Free: a {@code :free} id, or a price list with at least one component and every component zero (a model with
     * no price at all is not taken for free; {@code -1}, a variable price, is not zero).
     */
    public static boolean isFree(UpstreamModel model) {
        if (model.id().endsWith(":free")) {
            return true;
        }
        Map<String, BigDecimal> components = model.pricing().components();
        if (components.isEmpty()) {
            return false;
        }
        for (BigDecimal price : components.values()) {
            if (price.signum() != 0) {
                return false;
            }
        }
        return true;
    }

    /** Per-token price (absent: not charged) at most {@code perMillion} USD per million tokens; variable never is. */
    private static boolean atMost(@Nullable BigDecimal perToken, BigDecimal perMillion) {
        BigDecimal price = perToken == null ? BigDecimal.ZERO : perToken;
        return price.signum() >= 0 && price.multiply(MILLION).compareTo(perMillion) <= 0;
    }

    private static boolean anyMatches(List<Glob> globs, String text) {
        for (Glob glob : globs) {
            if (glob.matches(text)) {
                return true;
            }
        }
        return false;
    }

    /** The per-million form of a per-token price. */
    static @Nullable BigDecimal perMillion(@Nullable BigDecimal perToken) {
        return perToken == null ? null : perToken.multiply(MILLION).stripTrailingZeros();
    }
}
