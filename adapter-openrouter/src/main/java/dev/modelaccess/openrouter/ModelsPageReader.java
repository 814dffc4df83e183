package dev.modelaccess.openrouter;

import dev.modelaccess.core.MalformedUpstreamResponseException;
import dev.modelaccess.core.catalog.UpstreamModel;
import dev.modelaccess.core.sync.InvalidEntry;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * Reads the body of {@code GET /models}: a JSON object with a {@code data} array, optional {@code links.next} and
 * {@code total_count}. Anything else as a whole (empty, not JSON, truncated, no {@code data} array) is a {@link
 * MalformedUpstreamResponseException}; a bad single entry is only an {@link InvalidEntry}. Nothing else escapes.
 */
final class ModelsPageReader {

    private ModelsPageReader() {}

    static ModelsPage read(byte[] body, int status) {
        if (isBlank(body)) {
            throw malformed("an empty body", status);
        }
        JsonNode root;
        try {
            root = Json.MAPPER.readTree(body);
        } catch (JacksonException e) {
            throw malformed("a body that is not valid JSON (" + firstLine(e.getOriginalMessage()) + ")", status);
        } catch (NumberFormatException e) {
            // Jackson lets this one through for numbers whose exponent does not fit
            throw malformed("a number too large to read (" + firstLine(e.getMessage()) + ")", status);
        }
        return read(root, status);
    }

    static ModelsPage read(JsonNode root, int status) {
        if (!root.isObject()) {
            throw malformed("JSON that is " + JsonFields.describe(root) + ", not an object with a data array", status);
        }
        JsonNode data = root.get("data");
        if (data == null || !data.isArray()) {
            throw malformed(
                    data == null
                            ? "a JSON object without a data array"
                            : "a data field that is " + JsonFields.describe(data) + ", not an array",
                    status);
        }
        List<UpstreamModel> models = new ArrayList<>(data.size());
        List<InvalidEntry> invalid = new ArrayList<>();
        int index = 0;
        for (JsonNode entry : data.values()) {
            switch (ModelEntryReader.read(entry, index++)) {
                case ModelEntryReader.Result.Readable readable -> models.add(readable.model());
                case ModelEntryReader.Result.Unreadable unreadable -> invalid.add(unreadable.entry());
            }
        }
        return new ModelsPage(models, invalid, next(root, status), totalCount(root, status));
    }

    private static @Nullable String next(JsonNode root, int status) {
        JsonNode links = root.get("links");
        if (links == null || links.isNull()) {
            return null;
        }
        if (!links.isObject()) {
            throw malformed("links that is " + JsonFields.describe(links) + ", not an object", status);
        }
        JsonNode next = links.get("next");
        if (next == null || next.isNull()) {
            return null;
        }
        if (!next.isString()) {
            throw malformed("links.next that is " + JsonFields.describe(next) + ", not a string", status);
        }
        String link = next.stringValue().strip();
        return link.isEmpty() ? null : link;
    }

    private static @Nullable Long totalCount(JsonNode root, int status) {
        JsonNode total = root.get("total_count");
        if (total == null || total.isNull()) {
            return null;
        }
        if (!total.isIntegralNumber() || !total.canConvertToLong() || total.longValue() < 0) {
            throw malformed(
                    "a total_count that is not a count: " + JsonFields.abbreviate(total.toString(), 40), status);
        }
        return total.longValue();
    }

    private static boolean isBlank(byte[] body) {
        for (byte b : body) {
            if (b != ' ' && b != '\t' && b != '\n' && b != '\r') {
                return false;
            }
        }
        return true;
    }

    private static String firstLine(@Nullable String message) {
        if (message == null) {
            return "unreadable";
        }
        int newline = message.indexOf('\n');
        return JsonFields.abbreviate(newline < 0 ? message : message.substring(0, newline), 200);
    }

    private static MalformedUpstreamResponseException malformed(String what, int status) {
        return MalformedUpstreamResponseException.of(
                "OpenRouter's model list is unusable: HTTP " + status + " with " + what, status);
    }
}
