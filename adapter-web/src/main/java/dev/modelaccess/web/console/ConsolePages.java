package dev.modelaccess.web.console;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.web.HttpRequestHandler;
import tools.jackson.databind.json.JsonMapper;

/**
 * Serves the console's files from the jar ({@code dev/modelaccess/web/console/static/}): the page at the console
 * path, a redirect from the path without its slash, {@code config.json} telling the page where the API and the host's sign-out are, and the
 * page's styles and scripts. Only the files listed in {@link #FILES} are served (read once), so nothing else on
 * the classpath can be reached through the console path. Only {@code GET} and {@code HEAD} are answered.
 */
public final class ConsolePages implements HttpRequestHandler {

    private static final String ROOT = "dev/modelaccess/web/console/static/";

    /** Every file the console has, with its media type. */
    static final Map<String, String> FILES = Map.ofEntries(
            Map.entry("index.html", "text/html;charset=UTF-8"),
            Map.entry("console.css", "text/css;charset=UTF-8"),
            Map.entry("js/api.js", "text/javascript;charset=UTF-8"),
            Map.entry("js/state.js", "text/javascript;charset=UTF-8"),
            Map.entry("js/format.js", "text/javascript;charset=UTF-8"),
            Map.entry("js/views.js", "text/javascript;charset=UTF-8"),
            Map.entry("js/main.js", "text/javascript;charset=UTF-8"),
            Map.entry("js/succession.js", "text/javascript;charset=UTF-8"),
            Map.entry("js/rules.js", "text/javascript;charset=UTF-8"),
            Map.entry("js/outbox.js", "text/javascript;charset=UTF-8"),
            Map.entry("js/transfer.js", "text/javascript;charset=UTF-8"));

    private final ConsolePaths paths;
    private final Map<String, byte[]> contents = new HashMap<>();
    private final byte[] config;

    ConsolePages(ConsolePaths paths) {
        this.paths = paths;
        FILES.keySet().forEach(name -> contents.put(name, read(name)));
        Map<String, @Nullable String> config = new LinkedHashMap<>();
        config.put("api_base", paths.apiBase());
        config.put("sign_out_url", paths.signOutUrl());
        this.config = JsonMapper.shared().writeValueAsBytes(config);
    }

    @Override
    public void handleRequest(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (!"GET".equals(request.getMethod()) && !"HEAD".equals(request.getMethod())) {
            response.setHeader("Allow", "GET, HEAD");
            response.sendError(HttpServletResponse.SC_METHOD_NOT_ALLOWED);
            return;
        }
        String path = request.getRequestURI().substring(request.getContextPath().length());
        if (path.equals(paths.consoleNoSlash())) {
            response.setStatus(HttpServletResponse.SC_FOUND);
            response.setHeader("Location", request.getContextPath() + paths.console());
            return;
        }
        String name = path.substring(paths.console().length());
        if (name.isEmpty()) {
            name = "index.html";
        }
        if (name.equals("config.json")) {
            write(response, "application/json", config, request);
            return;
        }
        byte[] body = contents.get(name);
        if (body == null) {
            response.sendError(HttpServletResponse.SC_NOT_FOUND);
            return;
        }
        write(response, FILES.get(name), body, request);
    }

    private static void write(HttpServletResponse response, String type, byte[] body, HttpServletRequest request)
            throws IOException {
        response.setStatus(HttpServletResponse.SC_OK);
        response.setContentType(type);
        response.setContentLength(body.length);
        if (!"HEAD".equals(request.getMethod())) {
            response.getOutputStream().write(body);
        }
    }

    private static byte[] read(String name) {
        try (InputStream in = ConsolePages.class.getClassLoader().getResourceAsStream(ROOT + name)) {
            if (in == null) {
                throw new IllegalStateException("The console file " + ROOT + name + " is missing from the jar");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
