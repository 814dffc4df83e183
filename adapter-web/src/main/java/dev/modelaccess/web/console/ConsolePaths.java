package dev.modelaccess.web.console;

import dev.modelaccess.web.ModelAccessWebProperties;

/**
 * Where the console and the API live, normalised: the console path starts and ends with {@code /}, the API base
 * path starts with {@code /} and does not end with one.
 */
record ConsolePaths(String console, String apiBase) {

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
        return new ConsolePaths(console, base);
    }

    String consoleNoSlash() {
        return console.substring(0, console.length() - 1);
    }
}
