package dev.modelaccess.example.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.security.web.firewall.StrictHttpFirewall;

/** {@link HeaderRules} judges every header name and value exactly as {@link StrictHttpFirewall}'s own rules. */
class HeaderRulesTest {

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                " ",
                "Authorization",
                "Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJhIn0.c2lnbmF0dXJl_-~+/==",
                "W/\"0123\", \"abcd\"",
                "text/html,application/json;q=0.9,*/*;q=0.8",
                "a\tb",
                "\t",
                "a\nb",
                "a\rb",
                "\u0000",
                "\u001f",
                "\u007f",
                "\u0080",
                "\u009f",
                "\u00a0",
                "caf\u00e9",
                "\u0378",
                "\u4e2d\u6587",
                "\ud83d\ude00",
                "\ud83d",
                "\ude00x",
                "\uffff",
                "~",
                "\u0020\u007e"
            })
    void judgesAsTheFirewall(String text) {
        assertSame(text);
    }

    @Test
    void judgesAsTheFirewallForTenThousandRandomStrings() {
        long seed = 20261126;
        Random random = new Random(seed);
        for (int i = 0; i < 10_000; i++) {
            StringBuilder text = new StringBuilder();
            for (int n = random.nextInt(8); n > 0; n--) {
                // mostly ASCII, with controls, Latin-1, unassigned, surrogates and the rest of the BMP mixed in
                char c = switch (random.nextInt(4)) {
                    case 0 -> (char) random.nextInt(0x80);
                    case 1 -> (char) random.nextInt(0x100);
                    case 2 -> (char) (0xd7f0 + random.nextInt(0x820));
                    default -> (char) random.nextInt(0x10000);
                };
                text.append(c);
            }
            assertSame(text.toString());
        }
    }

    @Test
    void theFirewallWithTheseRulesStillRejectsAControlCharacterInAHeader() {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/models");
        request.addHeader("X-Test", "a\u0001b");
        request.addHeader("Authorization", "Bearer abc");
        var firewalled = HeaderRules.firewall().getFirewalledRequest(request);

        assertThat(firewalled.getHeader("Authorization")).isEqualTo("Bearer abc");
        assertThatThrownBy(() -> firewalled.getHeader("X-Test")).isInstanceOf(RequestRejectedException.class);
        assertThatThrownBy(() -> firewalled.getHeader("X-\u0001")).isInstanceOf(RequestRejectedException.class);
    }

    private static void assertSame(String text) {
        assertRule(HeaderRules.NAMES, StrictHttpFirewall.ALLOWED_HEADER_NAMES, text);
        assertRule(HeaderRules.VALUES, StrictHttpFirewall.ALLOWED_HEADER_VALUES, text);
    }

    private static void assertRule(Predicate<String> rule, Predicate<String> standard, String text) {
        assertThat(rule.test(text))
                .as("%s", text.codePoints().mapToObj(Integer::toHexString).toList())
                .isEqualTo(standard.test(text));
    }
}
