package dev.modelaccess.core.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ModelIdsTest {

    @ParameterizedTest
    @ValueSource(
            strings = {
                "openai/gpt-4o",
                "~openai/gpt-mini-latest",
                "meta-llama/llama-3.3-70b-instruct:free",
                "anthropic/claude-3.7-sonnet:thinking",
                "qwen/qwen-2.5-72b-instruct",
                "a/b",
                "a_b/c+d",
                "x/..."
            })
    void idsShapedLikeOpenRoutersAreSafe(String id) {
        assertThat(ModelIds.problem(id)).isEmpty();
        assertThat(ModelIds.isSafe(id)).isTrue();
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "evil/../../models/openai/gpt-4o | is not of the form author/slug (exactly one /)",
                "openai/..                       | has '..' as its slug",
                "./gpt-4o                        | has '.' as its author",
                "/gpt-4o                         | has an empty author",
                "openai/                         | has an empty slug",
                "gpt-4o                          | is not of the form author/slug (exactly one /)",
                "openai/gpt-4o/events            | is not of the form author/slug (exactly one /)",
                "openai/gpt%2E4o                 | has a character not allowed in a model id at position 10",
                "openai\\gpt-4o                  | has a character not allowed in a model id at position 6",
                "openai/gpt-4o?x                 | has a character not allowed in a model id at position 13",
                "openai/gpt-4o#x                 | has a character not allowed in a model id at position 13",
                "openai/gpt-4o;x                 | has a character not allowed in a model id at position 13",
                "'openai/gpt 4o'                 | has a character not allowed in a model id at position 10",
                "openai/gpt-4ö                   | has a character not allowed in a model id at position 12"
            })
    void otherIdsAreRefusedSayingWhy(String id, String problem) {
        assertThat(ModelIds.problem(id))
                .hasValueSatisfying(said -> assertThat(said).startsWith(problem));
        assertThat(ModelIds.isSafe(id)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "a/b\n", "a/b\t", "a/b\u0000", "a/\u200bb"})
    void emptyAndControlOrInvisibleCharactersAreRefused(String id) {
        assertThat(ModelIds.isSafe(id)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(ints = {256, 257})
    void idsAreAtMost256Characters(int length) {
        String id = "a/" + "b".repeat(length - 2);
        assertThat(ModelIds.isSafe(id)).isEqualTo(length <= ModelIds.MAX_LENGTH);
    }
}
