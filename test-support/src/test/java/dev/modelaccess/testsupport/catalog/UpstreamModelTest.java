package dev.modelaccess.testsupport.catalog;

import static dev.modelaccess.testsupport.fixtures.TestModels.upstream;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modelaccess.core.catalog.ModelFingerprint;
import dev.modelaccess.core.catalog.TopProvider;
import dev.modelaccess.core.catalog.UpstreamModel;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class UpstreamModelTest {

    @ParameterizedTest
    @CsvSource({
        "openai/gpt-4o, openai",
        "~openai/gpt-mini-latest, openai",
        "meta-llama/llama-3.3-70b-instruct:free, meta-llama",
        "deepseek/deepseek-r1:thinking, deepseek",
        "openrouter/auto, openrouter",
        "google/gemini-2.5-pro/extra, google",
    })
    void theProviderIsTheAuthorPartOfTheId(String id, String provider) {
        assertThat(UpstreamModel.providerOf(id)).isEqualTo(provider);
        assertThat(upstream(id).build().provider()).isEqualTo(provider);
    }

    @ParameterizedTest
    @CsvSource({"auto, auto", "~auto, auto", "solo:free, solo:free"})
    void anIdWithoutAnAuthorIsItsOwnProvider(String id, String provider) {
        assertThat(UpstreamModel.providerOf(id)).isEqualTo(provider);
    }

    @Test
    void aBlankIdIsRefused() {
        assertThatThrownBy(() -> upstream(" ").build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("blank");
    }

    @Test
    void supportedParametersCannotBeChangedAfterwards() {
        List<String> parameters = new ArrayList<>(List.of("temperature"));
        UpstreamModel base = upstream("a/b").build();
        UpstreamModel model = new UpstreamModel(
                base.id(),
                base.canonicalSlug(),
                base.name(),
                base.description(),
                base.created(),
                base.contextLength(),
                base.architecture(),
                base.topProvider(),
                parameters,
                base.huggingFaceId(),
                base.expirationDate(),
                base.knowledgeCutoff(),
                base.pricing(),
                base.rawJson());
        parameters.add("top_p");

        assertThat(model.supportedParameters()).containsExactly("temperature");
    }

    @Test
    void metadataComparisonSeesEveryMappedFieldButThePrice() {
        UpstreamModel base = upstream("a/b").build();

        assertThat(base.sameMetadataAs(upstream("a/b").price("prompt", "9").build()))
                .isTrue();
        assertThat(base.sameMetadataAs(upstream("a/b").name("other").build())).isFalse();
        assertThat(base.sameMetadataAs(upstream("a/b").huggingFaceId("").build()))
                .isFalse();
        assertThat(base.sameMetadataAs(
                        upstream("a/b").knowledgeCutoff("2024-06").build()))
                .isFalse();
        assertThat(base.sameMetadataAs(
                        upstream("a/b").supportedParameters("tools").build()))
                .isFalse();
        assertThat(base.sameMetadataAs(
                        upstream("a/b").topProvider(TopProvider.UNKNOWN).build()))
                .isFalse();
        assertThat(base.sameMetadataAs(upstream("a/c").build())).isFalse();
    }

    @Test
    void theFingerprintFollowsTheRawJsonOnly() {
        UpstreamModel model = upstream("a/b").build();

        assertThat(ModelFingerprint.of(model)).isEqualTo(ModelFingerprint.of(model.rawJson()));
        assertThat(ModelFingerprint.of(model)).hasSize(64).matches("[0-9a-f]+");
        assertThat(ModelFingerprint.of("{\"id\":\"a/b\"}")).isNotEqualTo(ModelFingerprint.of("{\"id\":\"a/c\"}"));
    }
}
