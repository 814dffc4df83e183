package dev.modelaccess.openrouter;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.modelaccess.core.MalformedUpstreamResponseException;
import dev.modelaccess.core.catalog.UpstreamModel;

/**
 * Any bytes at all are either read into a page or rejected with {@link MalformedUpstreamResponseException}; nothing
 * else escapes the catalog body parser. Every model read has a non-blank id and a canonical raw JSON.
 *
 * <p>Runs the seeds in {@code ModelsPageReaderFuzzTestInputs/} in every {@code ./mvnw verify} (Jazzer's regression
 * mode). To fuzz for real: {@code JAZZER_FUZZ=1 ./mvnw -pl adapter-openrouter -am test
 * -Dtest=ModelsPageReaderFuzzTest -Dsurefire.failIfNoSpecifiedTests=false}.
 */
class ModelsPageReaderFuzzTest {

    @FuzzTest(maxDuration = "60s")
    void anyBytesAreReadOrRejectedAsMalformed(FuzzedDataProvider data) {
        byte[] body = data.consumeRemainingAsBytes();
        ModelsPage page;
        try {
            page = ModelsPageReader.read(body, 200);
        } catch (MalformedUpstreamResponseException rejected) {
            assertThat(rejected).hasNoCause();
            return;
        }
        assertThat(page.entryCount())
                .isEqualTo(page.models().size() + page.invalidEntries().size());
        for (UpstreamModel model : page.models()) {
            assertThat(model.id()).isNotBlank();
            assertThat(Json.canonical(Json.MAPPER.readTree(model.rawJson()))).isEqualTo(model.rawJson());
        }
    }
}
