package dev.modelaccess.core.policy;

import dev.modelaccess.core.internal.Messages;
import java.util.List;
import java.util.Objects;

/**
 * A glob over model ids and authors: {@code *} stands for any run of characters (none included), every other
 * character for itself. No other wildcard and no regular expression: the text is split once at its stars and
 * matched left to right, the first and last pieces anchored and each middle piece found at its leftmost place,
 * which is exact for star-only globs and takes time linear in the text (times the pattern's length, at most
 * {@value #MAX_LENGTH}).
 *
 * <p>A pattern must not be blank, longer than {@value #MAX_LENGTH} characters, nor hold white space, control
 * characters or any of {@code ? [ ] { } ( ) | ^ $ \ +} (reserved, so that a regular expression or bracket expression
 * is refused instead of matching literally).
 */
public final class Glob {

    public static final int MAX_LENGTH = 200;
    private static final String RESERVED = "?[]{}()|^$\\+";

    private final String pattern;
    private final String[] pieces;

    private Glob(String pattern) {
        this.pattern = pattern;
        this.pieces = pattern.split("\\*", -1);
    }

    /**
     * Compiles {@code pattern}.
     *
     * @throws InvalidRuleException naming {@code field} when the pattern is not a valid glob
     */
    public static Glob compile(String pattern, String field) {
        Objects.requireNonNull(pattern, "pattern");
        if (pattern.isBlank()) {
            throw new InvalidRuleException(field, "The glob in " + field + " is blank");
        }
        if (pattern.length() > MAX_LENGTH) {
            throw new InvalidRuleException(
                    field, "The glob in " + field + " is longer than " + MAX_LENGTH + " characters");
        }
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (Character.isWhitespace(c) || Character.isISOControl(c) || RESERVED.indexOf(c) >= 0) {
                throw new InvalidRuleException(
                        field,
                        "The glob '" + Messages.abbreviate(pattern) + "' in " + field + " holds '" + c
                                + "': only '*' is a wildcard (no '?', brackets or regular expressions)");
            }
        }
        return new Glob(pattern);
    }

    /** Compiles each pattern, naming {@code field[i]} for a bad one. */
    static List<Glob> compileAll(List<String> patterns, String field) {
        java.util.ArrayList<Glob> globs = new java.util.ArrayList<>(patterns.size());
        for (int i = 0; i < patterns.size(); i++) {
            globs.add(compile(patterns.get(i), field + "[" + i + "]"));
        }
        return List.copyOf(globs);
    }

    public boolean matches(String text) {
        if (pieces.length == 1) {
            return text.equals(pieces[0]);
        }
        String first = pieces[0];
        String last = pieces[pieces.length - 1];
        if (text.length() < first.length() + last.length() || !text.startsWith(first) || !text.endsWith(last)) {
            return false;
        }
        int from = first.length();
        int end = text.length() - last.length();
        for (int i = 1; i < pieces.length - 1; i++) {
            String piece = pieces[i];
            if (piece.isEmpty()) {
                continue;
            }
            int at = text.indexOf(piece, from);
            if (at < 0 || at + piece.length() > end) {
                return false;
            }
            from = at + piece.length();
        }
        return true;
    }

    /** Whether the pattern has no star: it matches only itself. */
    boolean isLiteral() {
        return pieces.length == 1;
    }

    public String pattern() {
        return pattern;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Glob glob && glob.pattern.equals(pattern);
    }

    @Override
    public int hashCode() {
        return pattern.hashCode();
    }

    @Override
    public String toString() {
        return pattern;
    }
}
