package dev.modelaccess.web.console;

import dev.modelaccess.web.ModelAccessWebProperties;
import org.jspecify.annotations.Nullable;

/**
 * Where the console, the API and the host's sign-out live, normalised: the console path starts and ends with {@code
 * /}, the API base path starts with {@code /} and does not end with one; the sign-out address, when there is one, is
 * a path on this site.
 */
record ConsolePaths(
        String console, String apiBase, @Nullable String signOutUrl) {

    static ConsolePaths of(ModelAccessWebProperties properties) {
        String console = properties.console().path().strip();
        if (!console.startsWith("/")) {
            console = "/" + console;
        }
        if (!console.endsWith("/")) {
            console = console + "/";
        }
        String base = properties.basePath().strip();
        if (!base.startsWith("/")) {
            base = "/" + base;
        }
        while (base.length() > 1 && base.endsWith("/")) {
            base = base.substring(0, base.length() - 1);
        }
        if (console.equals("/")) {
            throw new IllegalStateException("modelaccess.web.console.path must not be the root path");
        }
        String signOut = properties.console().signOutUrl();
        if (signOut != null && !signOut.isBlank()) {
            signOut = signOut.strip();
            if (!signOut.startsWith("/") || signOut.startsWith("//")) {
                throw new IllegalStateException("modelaccess.web.console.sign-out-url must be a path on this site,"
                        + " like /logout (got " + signOut + ")");
            }
        } else {
            signOut = null;
        }
        return new ConsolePaths(console, base, signOut);
    }

    String consoleNoSlash() {
        return console.substring(0, console.length() - 1);
    }
}
