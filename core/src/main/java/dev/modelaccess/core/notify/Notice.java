package dev.modelaccess.core.notify;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * One thing to tell the admin.
 *
 * @param id the notice's id: the webhook's {@code webhook-id}, the same on every retry and every channel
 * @param title one line for people (Slack, the mail's subject and list)
 * @param lines a few more lines for people (e.g. the model ids), at most {@value #MAX_LINES}
 * @param link where the console shows what the notice is about; null when no console URL is configured
 * @param data the machine-readable payload: a JSON object made of strings, numbers, booleans, nulls, lists and maps
 * @param dedupeKey a key written at most once per channel (e.g. {@code model.expiring:openai/gpt-4:7d}); null when
 *     every notice is new
 */
public record Notice(
        UUID id,
        NoticeKind kind,
        Instant at,
        String title,
        List<String> lines,
        @Nullable String link,
        Map<String, @Nullable Object> data,
        @Nullable String dedupeKey) {

    public static final int MAX_LINES = 20;

    public Notice {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(title, "title");
        lines = List.copyOf(lines.size() > MAX_LINES ? lines.subList(0, MAX_LINES) : lines);
        data = Collections.unmodifiableMap(new LinkedHashMap<>(data));
    }
}
