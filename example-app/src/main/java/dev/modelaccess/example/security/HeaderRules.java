package dev.modelaccess.example.security;

import java.util.function.Predicate;
import org.springframework.security.web.firewall.StrictHttpFirewall;

/**
 * Spring Security's {@link StrictHttpFirewall} header rules, without their regular expression for the headers almost
 * every request carries. The firewall checks every header name and value the application reads, on every read,
 * against {@code [\p{IsAssigned}&&[^\p{IsControl}]]*}; for the bearer token alone that was matched character by
 * character several times per request, about a twelfth of {@code GET /api/models}'s CPU time in the profile. A
 * string of printable US-ASCII characters (space to {@code ~}) passes both rules; anything else is judged by the
 * firewall's own predicate, so the answer is always the firewall's.
 */
final class HeaderRules {

    /** The firewall's rule for header names, {@link StrictHttpFirewall#ALLOWED_HEADER_NAMES}. */
    static final Predicate<String> NAMES = rule(StrictHttpFirewall.ALLOWED_HEADER_NAMES);

    /** The firewall's rule for header values, {@link StrictHttpFirewall#ALLOWED_HEADER_VALUES}. */
    static final Predicate<String> VALUES = rule(StrictHttpFirewall.ALLOWED_HEADER_VALUES);

    private HeaderRules() {}

    /** The default firewall with these rules. */
    static StrictHttpFirewall firewall() {
        StrictHttpFirewall firewall = new StrictHttpFirewall();
        firewall.setAllowedHeaderNames(NAMES);
        firewall.setAllowedHeaderValues(VALUES);
        return firewall;
    }

    private static Predicate<String> rule(Predicate<String> standard) {
        return text -> printableAscii(text) || standard.test(text);
    }

    static boolean printableAscii(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < ' ' || c > '~') {
                return false;
            }
        }
        return true;
    }
}
