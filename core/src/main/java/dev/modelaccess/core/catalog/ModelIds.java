package dev.modelaccess.core.catalog;

import java.util.Optional;

/**
 * What a model id must look like to be stored and addressed: {@code author/slug}, exactly one {@code /}, each segment
 * one or more of the characters OpenRouter's ids use ({@code A-Z a-z 0-9 - . _ ~ : +}), and neither segment {@code .}
 * nor {@code ..}. The admin API addresses a model as {@code …/models/{author}/{slug}}; an id outside this shape could
 * be resolved by a browser or a server to another path (a dot segment, an empty segment, a third segment such as
 * {@code /events}), cut short ({@code ?}, {@code #}, {@code ;}) or decoded twice ({@code %}, {@code \}). Real ids look
 * like {@code openai/gpt-4o}, {@code ~openai/gpt-mini-latest}, {@code meta-llama/llama-3.3-70b-instruct:free}.
 */
public final class ModelIds {

    /** Longest id accepted; OpenRouter's ids are well under 100 characters. */
    public static final int MAX_LENGTH = 256;

    private ModelIds() {}

    /** Why {@code id} is not a safe {@code author/slug}, or empty when it is. */
    public static Optional<String> problem(String id) {
        if (id.isEmpty()) {
            return Optional.of("is empty");
        }
        if (id.length() > MAX_LENGTH) {
            return Optional.of("is longer than " + MAX_LENGTH + " characters");
        }
        for (int i = 0; i < id.length(); i++) {
            char c = id.charAt(i);
            if (!allowed(c)) {
                return Optional.of("has a character not allowed in a model id at position " + i
                        + " (allowed: letters, digits, - . _ ~ : + and one /)");
            }
        }
        int slash = id.indexOf('/');
        if (slash < 0 || slash != id.lastIndexOf('/')) {
            return Optional.of("is not of the form author/slug (exactly one /)");
        }
        return segmentProblem(id.substring(0, slash), "author")
                .or(() -> segmentProblem(id.substring(slash + 1), "slug"));
    }

    /** Whether {@code id} is a safe {@code author/slug}. */
    public static boolean isSafe(String id) {
        return problem(id).isEmpty();
    }

    private static Optional<String> segmentProblem(String segment, String name) {
        if (segment.isEmpty()) {
            return Optional.of("has an empty " + name);
        }
        if (segment.equals(".") || segment.equals("..")) {
            return Optional.of("has '" + segment + "' as its " + name);
        }
        return Optional.empty();
    }

    private static boolean allowed(char c) {
        return (c >= 'a' && c <= 'z')
                || (c >= 'A' && c <= 'Z')
                || (c >= '0' && c <= '9')
                || c == '-'
                || c == '.'
                || c == '_'
                || c == '~'
                || c == ':'
                || c == '+'
                || c == '/';
    }
}
