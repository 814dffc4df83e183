package dev.modelaccess.jooq;

import dev.modelaccess.core.catalog.UpstreamModel;
import dev.modelaccess.testsupport.contract.SampleModels;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Upstream models for the store's tests, on top of test-support's {@link SampleModels} (whose raw JSON is canonical
 * and built from the typed fields, so changing any field changes the fingerprint, as with the real adapter).
 */
final class TestModels {

    /** When the tests' first sync runs; the later ones a day apart. */
    static final Instant T0 = Instant.parse("2026-03-01T03:00:00Z");

    static final Instant T1 = T0.plusSeconds(86_400);
    static final Instant T2 = T1.plusSeconds(86_400);

    private TestModels() {}

    /** A model with nothing but its id set; set what the test is about. */
    static SampleModels.Builder model(String id) {
        return SampleModels.bareModel(id);
    }

    /** {@code count} plain models {@code prefix-00001}, …, each with a price. */
    static List<UpstreamModel> synthetic(String prefix, int count) {
        List<UpstreamModel> models = new ArrayList<>(count);
        for (int i = 1; i <= count; i++) {
            models.add(model("%s/model-%05d".formatted(prefix, i))
                    .name("Model " + i)
                    .description("A synthetic model number " + i + " for tests and benchmarks.")
                    .contextLength(8192L + i)
                    .price("prompt", "0.00000" + (i % 10))
                    .price("completion", "0.0000" + (i % 10))
                    .build());
        }
        return models;
    }

    /**
     * The typed fields only: the raw JSON is written anew from them, because the store keeps it as {@code jsonb},
     * which gives back the same JSON but not the same text.
     */
    static UpstreamModel typed(UpstreamModel model) {
        return SampleModels.from(model).build();
    }

    /** A copy of {@code model} with its name changed (a metadata change). */
    static UpstreamModel renamed(UpstreamModel model, String name) {
        return SampleModels.from(model).name(name).build();
    }

    /** A copy of {@code model} with its prompt price changed. */
    static UpstreamModel repriced(UpstreamModel model, String prompt) {
        return SampleModels.from(model).price("prompt", prompt).build();
    }
}
