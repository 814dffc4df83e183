package dev.modelaccess.web;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.modelaccess.core.access.Dropdown;
import dev.modelaccess.core.access.TierMenu;
import dev.modelaccess.core.catalog.UpstreamModel;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

/**
 * The bytes of {@code GET /api/models}, rendered once per (tier menu, default model) and then served from memory:
 * {@code {"data":[…the OpenRouter model objects…],"total_count":…,"links":{"next":null},"default_model":…,"tier":…}}
 * (OpenRouter's own list envelope, so its clients read it, beside the default model and tier) with a strong {@code
 * ETag}.
 */
final class ModelsResponses {

    /** A rendered answer. */
    record Rendered(byte[] body, String etag) {}

    /** A menu is equal only to itself, so an old menu never answers for a new one. */
    private record Key(TierMenu menu, @Nullable String defaultModel) {}

    private final JsonMapper json;
    private final Cache<Key, Rendered> rendered =
            Caffeine.newBuilder().maximumSize(1_000).build();

    ModelsResponses(JsonMapper json) {
        this.json = json;
    }

    Rendered render(Dropdown dropdown) {
        return rendered.get(new Key(dropdown.menu(), dropdown.defaultModel()), this::render);
    }

    private Rendered render(Key key) {
        ByteArrayOutputStream out =
                new ByteArrayOutputStream(64 + key.menu().models().size() * 2048);
        write(out, "{\"data\":[");
        boolean first = true;
        for (UpstreamModel model : key.menu().models()) {
            if (!first) {
                out.write(',');
            }
            write(out, model.rawJson());
            first = false;
        }
        write(out, "],\"total_count\":");
        write(out, Integer.toString(key.menu().models().size()));
        write(out, ",\"links\":{\"next\":null},\"default_model\":");
        write(out, json.writeValueAsString(key.defaultModel()));
        write(out, ",\"tier\":");
        write(out, json.writeValueAsString(key.menu().tier().dbValue()));
        write(out, "}");
        String etag = "\"" + key.menu().version() + "-" + shortHash(String.valueOf(key.defaultModel())) + "\"";
        return new Rendered(out.toByteArray(), etag);
    }

    private static void write(ByteArrayOutputStream out, String text) {
        out.writeBytes(text.getBytes(StandardCharsets.UTF_8));
    }

    private static String shortHash(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every JDK has SHA-256", e);
        }
    }
}
