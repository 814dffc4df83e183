package dev.modelaccess.testsupport.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modelaccess.core.policy.Glob;
import dev.modelaccess.core.policy.InvalidRuleException;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class GlobTest {

    @ParameterizedTest(name = "{0} ~ {1} = {2}")
    @CsvSource({
        "openai, openai, true",
        "openai, openai2, false",
        "open*, openai, true",
        "*ai, openai, true",
        "*, '', true",
        "a*b*c, abc, true",
        "a*b*c, axxbyyc, true",
        "a*b*c, acb, false",
        "*-instruct*, meta-llama/llama-3-8b-instruct:free, true",
        "*:free, meta-llama/llama-3-8b-instruct:free, true",
        "*:free, openai/gpt-4o, false",
        "ab*ba, aba, false",
        "a**b, ab, true",
    })
    void matchesLikeAShellGlob(String pattern, String text, boolean expected) {
        assertThat(Glob.compile(pattern, "f").matches(text)).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "anthropic/[a-z]+", "a?c", "(openai|anthropic)", "^openai$", "a b", "x\\y", "a+"})
    void refusesWhatIsNotAStarGlobNamingTheField(String pattern) {
        assertThatThrownBy(() -> Glob.compile(pattern, "rules[3].match.model_id"))
                .isInstanceOfSatisfying(
                        InvalidRuleException.class, e -> assertThat(e.field()).isEqualTo("rules[3].match.model_id"));
    }

    @Test
    void refusesAPatternLongerThanTwoHundredCharacters() {
        assertThatThrownBy(() -> Glob.compile("a".repeat(201), "f")).isInstanceOf(InvalidRuleException.class);
        assertThat(Glob.compile("a".repeat(200), "f").matches("a".repeat(200))).isTrue();
    }

    @Test
    void matchingStaysLinearOnTheCaseThatBacktrackingMatchersTakeExponentialTimeOn() {
        Glob glob = Glob.compile("*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*b", "f");
        String text = "a".repeat(100_000);

        long started = System.nanoTime();
        boolean matched = glob.matches(text);
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        assertThat(matched).isFalse();
        assertThat(took).isLessThan(Duration.ofSeconds(1));
    }
}
