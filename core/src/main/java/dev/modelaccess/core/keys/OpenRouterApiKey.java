package dev.modelaccess.core.keys;

import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * A user's OpenRouter API key in clear. {@link #toString()} shows only the {@linkplain #hint() hint}, so the key
 * does not end up in a log line by accident; {@link #value()} is for the {@code Authorization} header and
 * nothing else.
 */
public final class OpenRouterApiKey {

    /** Every OpenRouter API key starts with this. */
    public static final String PREFIX = "sk-or-";

    /** Shortest value accepted (real keys are {@code sk-or-v1-} and 64 hex digits: 73 characters). */
    public static final int MIN_LENGTH = 20;

    /** Longest value accepted. */
    public static final int MAX_LENGTH = 256;

    private static final Pattern VERSIONED_PREFIX = Pattern.compile("^sk-or-v[0-9]{1,3}-");
    private static final int HINT_SUFFIX = 3;

    private final String value;

    OpenRouterApiKey(String value) {
        this.value = Objects.requireNonNull(value, "value");
    }

    /**
     * Checks that {@code raw} can be an OpenRouter key: surrounding white space is dropped (keys are pasted), then
     * it must start with {@value #PREFIX}, be {@value #MIN_LENGTH} to {@value #MAX_LENGTH} characters long, and
     * hold only ASCII letters, digits, {@code -} and {@code _}.
     *
     * @throws MalformedApiKeyException saying what is wrong, never quoting the value
     */
    public static OpenRouterApiKey parse(String raw) {
        Objects.requireNonNull(raw, "raw");
        String key = raw.strip();
        if (key.isEmpty()) {
            throw new MalformedApiKeyException("The OpenRouter API key is empty");
        }
        if (!key.startsWith(PREFIX)) {
            throw new MalformedApiKeyException("An OpenRouter API key starts with '" + PREFIX + "'");
        }
        if (key.length() < MIN_LENGTH || key.length() > MAX_LENGTH) {
            throw new MalformedApiKeyException("An OpenRouter API key is " + MIN_LENGTH + " to " + MAX_LENGTH
                    + " characters long; this one has " + key.length());
        }
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            boolean allowed =
                    (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
            if (!allowed) {
                throw new MalformedApiKeyException("An OpenRouter API key holds only letters, digits, '-' and '_';"
                        + " this one has another character at position " + (i + 1));
            }
        }
        return new OpenRouterApiKey(key);
    }

    /** The key itself. Send it to OpenRouter; never log it. */
    public String value() {
        return value;
    }

    /**
     * What may be shown of the key: its prefix and last three characters, like {@code sk-or-v1-…6e7} (OpenRouter
     * masks labels the same way).
     */
    public String hint() {
        return hintOf(value);
    }

    static String hintOf(String key) {
        Matcher versioned = VERSIONED_PREFIX.matcher(key);
        String prefix = versioned.find() ? versioned.group() : PREFIX;
        int tail = Math.max(key.length() - HINT_SUFFIX, prefix.length());
        return prefix + "…" + key.substring(tail);
    }

    @Override
    public boolean equals(@Nullable Object other) {
        return other instanceof OpenRouterApiKey that && value.equals(that.value);
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }

    /** The {@linkplain #hint() hint}, never the key. */
    @Override
    public String toString() {
        return hint();
    }
}
