package dev.modelaccess.core;

/** No catalog row has the given OpenRouter model id. */
public final class ModelNotFoundException extends ModelAccessException {

    private final String modelId;

    public ModelNotFoundException(String modelId) {
        super("No model '" + abbreviate(modelId) + "' in the catalog");
        this.modelId = modelId;
    }

    public String modelId() {
        return modelId;
    }

    static String abbreviate(String value) {
        return value.length() <= 200 ? value : value.substring(0, 200) + "…";
    }
}
