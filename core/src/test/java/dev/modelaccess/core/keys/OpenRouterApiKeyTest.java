package dev.modelaccess.core.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class OpenRouterApiKeyTest {

    static final String KEY = "sk-or-v1-0123456789abcdef0123456789abcdef0123456789abcdef0123456789abc6e7";

    @Test
    void aRealShapedKeyIsAccepted() {
        assertThat(OpenRouterApiKey.parse(KEY).value()).isEqualTo(KEY);
    }

    @Test
    void surroundingWhiteSpaceFromPastingIsDropped() {
        assertThat(OpenRouterApiKey.parse("  " + KEY + "\n").value()).isEqualTo(KEY);
    }

    @Test
    void theHintIsTheVersionedPrefixAndTheLastThreeCharacters() {
        assertThat(OpenRouterApiKey.parse(KEY).hint()).isEqualTo("sk-or-v1-…6e7");
    }

    @Test
    void aKeyWithoutAVersionIsHintedWithTheBarePrefix() {
        assertThat(OpenRouterApiKey.parse("sk-or-abcdefghijklmnopqrstuvwxyz").hint())
                .isEqualTo("sk-or-…xyz");
    }

    @Test
    void toStringShowsTheHintNeverTheKey() {
        OpenRouterApiKey key = OpenRouterApiKey.parse(KEY);
        assertThat(key.toString()).isEqualTo("sk-or-v1-…6e7").doesNotContain(KEY.substring(9, 30));
    }

    @Test
    void keysAreEqualByValue() {
        assertThat(OpenRouterApiKey.parse(KEY))
                .isEqualTo(OpenRouterApiKey.parse(" " + KEY))
                .hasSameHashCodeAs(OpenRouterApiKey.parse(KEY));
        assertThat(OpenRouterApiKey.parse(KEY)).isNotEqualTo(OpenRouterApiKey.parse(KEY.replace("6e7", "6e8")));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "   ",
                "sk-ant-0123456789abcdef0123456789",
                "SK-OR-V1-0123456789abcdef0123456789",
                "or-v1-0123456789abcdef0123456789abcdef",
                "sk-or-v1-short",
                "sk-or-v1-0123456789abcdef 0123456789abcdef",
                "sk-or-v1-0123456789abcdef'; drop table users; --",
                "sk-or-v1-0123456789abcdef/../../etc/passwd",
                "sk-or-v1-0123456789abcdéf0123456789abcdef",
                "sk-or-v1-0123456789abcdef\u00000123456789abcdef",
            })
    void somethingThatCannotBeAKeyIsRefusedWithoutQuotingIt(String raw) {
        assertThatThrownBy(() -> OpenRouterApiKey.parse(raw))
                .isInstanceOf(MalformedApiKeyException.class)
                .satisfies(e -> {
                    if (raw.strip().length() > 6) {
                        assertThat(e.getMessage()).doesNotContain(raw.strip());
                    }
                });
    }

    @Test
    void aVeryLongValueIsRefusedWithItsLength() {
        String raw = "sk-or-v1-" + "a".repeat(300);
        assertThatThrownBy(() -> OpenRouterApiKey.parse(raw))
                .isInstanceOf(MalformedApiKeyException.class)
                .hasMessageContaining("has 309")
                .message()
                .doesNotContain("aaaaaaaa");
    }

    @Test
    void aBadCharacterIsReportedByPositionNotByValue() {
        assertThatThrownBy(() -> OpenRouterApiKey.parse("sk-or-v1-0123456789abcdef$0123456789"))
                .isInstanceOf(MalformedApiKeyException.class)
                .hasMessageContaining("position 26")
                .message()
                .doesNotContain("$");
    }
}
