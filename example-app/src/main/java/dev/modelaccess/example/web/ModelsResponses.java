package dev.modelaccess.example.web;

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
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * The bytes of {@code GET /api/models}, rendered once per (tier menu, default model) and then served from memory:
 * {@code {"data":[…the OpenRouter model objects…],"default_model":…,"tier":…}} with a strong {@code ETag}.
 */
@Component
class ModelsResponses {

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
        write(out, "],\"default_model\":");
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
