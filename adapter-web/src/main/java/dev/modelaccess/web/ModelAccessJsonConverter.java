package dev.modelaccess.web;

import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.core.ResolvableType;
import org.springframework.http.MediaType;
import org.springframework.http.converter.json.JacksonJsonHttpMessageConverter;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads and writes the module's own request and response types (the records nested in its controllers and views,
 * nothing else) with the module's snake_case
 * mapper, so the API answers the same whatever the host's JSON settings, and the host's JSON is left alone.
 */
final class ModelAccessJsonConverter extends JacksonJsonHttpMessageConverter {

    /** The classes whose nested records are the API's bodies. */
    private static final Set<Class<?>> OWNERS = Set.of(
            ModelsController.class,
            AdminModelsController.class,
            AdminSyncController.class,
            AdminKeysController.class,
            AdminCatalogController.class,
            OpenRouterKeyController.class,
            AdminViews.class);

    ModelAccessJsonConverter(JsonMapper mapper) {
        super(mapper);
    }

    @Override
    public boolean canRead(ResolvableType type, @Nullable MediaType mediaType) {
        return ours(type.resolve()) && super.canRead(type, mediaType);
    }

    @Override
    public boolean canWrite(ResolvableType type, Class<?> valueClass, @Nullable MediaType mediaType) {
        return ours(valueClass) && super.canWrite(type, valueClass, mediaType);
    }

    static boolean ours(@Nullable Class<?> type) {
        return type != null && OWNERS.contains(type.getNestHost());
    }
}
