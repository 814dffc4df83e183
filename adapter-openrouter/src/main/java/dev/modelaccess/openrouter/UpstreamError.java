package dev.modelaccess.openrouter;

import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * OpenRouter's error body, {@code {"error":{"code":429,"message":"…","metadata":{…}}}}, or the bare inner object
 * some clients surface. {@code code} is usually a number and kept as its text.
 */
record UpstreamError(@Nullable String code, @Nullable String message) {

    static final UpstreamError NONE = new UpstreamError(null, null);

    private static final int MAX_MESSAGE_LENGTH = 500;

    /** Anything shaped like an OpenRouter key, should upstream ever echo one back. */
    private static final Pattern KEY_LIKE = Pattern.compile("sk-or-[A-Za-z0-9_-]{6,}");

    static UpstreamError parse(byte[] body) {
        if (body.length == 0) {
            return NONE;
        }
        JsonNode root;
        try {
            root = Json.MAPPER.readTree(body);
        } catch (JacksonException | NumberFormatException e) {
            return NONE;
        }
        return of(root);
    }

    /** Reads {@code root}: the whole error body, or the {@code error} object found in an otherwise good answer. */
    static UpstreamError of(JsonNode root) {
        JsonNode error = root.get("error");
        JsonNode holder = error != null && error.isObject() ? error : root;
        if (!holder.isObject()) {
            return NONE;
        }
        return new UpstreamError(scalar(holder.get("code")), message(holder.get("message")));
    }

    private static @Nullable String scalar(@Nullable JsonNode node) {
        if (node == null || !(node.isString() || node.isNumber())) {
            return null;
        }
        return JsonFields.abbreviate(redactKeys(node.asString()), 100);
    }

    private static @Nullable String message(@Nullable JsonNode node) {
        if (node == null || !node.isString()) {
            return null;
        }
        return JsonFields.abbreviate(redactKeys(node.stringValue()), MAX_MESSAGE_LENGTH);
    }

    /** Upstream text goes into exception messages and logs, so whatever looks like a key is cut out first. */
    static String redactKeys(String text) {
        return KEY_LIKE.matcher(text).replaceAll("sk-or-[redacted]");
    }

    /** {@code ": <message> (code <code>)"}, or nothing when upstream said nothing. */
    String suffix() {
        if (message == null && code == null) {
            return "";
        }
        StringBuilder text = new StringBuilder(":");
        if (message != null) {
            text.append(' ').append(message);
        }
        if (code != null) {
            text.append(" (code ").append(code).append(')');
        }
        return text.toString();
    }
}
