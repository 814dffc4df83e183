package dev.modelaccess.core.catalog;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What goes in and comes out of a model. {@code instructType} is kept as upstream sends it ({@code null} and
 * {@code "none"} both occur and are not conflated).
 */
public record Architecture(
        @Nullable String modality,
        List<String> inputModalities,
        List<String> outputModalities,
        @Nullable String tokenizer,
        @Nullable String instructType) {

    public static final Architecture UNKNOWN = new Architecture(null, List.of(), List.of(), null, null);

    public Architecture {
        inputModalities = List.copyOf(inputModalities);
        outputModalities = List.copyOf(outputModalities);
    }
}
