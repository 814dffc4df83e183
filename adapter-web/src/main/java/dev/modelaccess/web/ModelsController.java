package dev.modelaccess.web;

import dev.modelaccess.core.access.Dropdown;
import dev.modelaccess.core.access.ModelAccessService;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Enumeration;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The signed-in user's model dropdown and default model. */
@RestController
@ModelAccessApi
@RequestMapping("${modelaccess.web.base-path:/api}")
class ModelsController {

    private static final String REVALIDATE = "no-cache, private";

    private final ModelAccessService access;
    private final ModelsResponses responses;

    ModelsController(ModelAccessService access, ModelsResponses responses) {
        this.access = access;
        this.responses = responses;
    }

    /**
     * The models the user's tier may use (the live OpenRouter list, cached, kept to the tier's approved models) and
     * their default model. Served from memory; {@code If-None-Match} with the current {@code ETag} answers 304.
     */
    @GetMapping("/models")
    void models(ModelAccessCaller caller, HttpServletRequest request, HttpServletResponse response) throws IOException {
        // Written straight to the servlet response: a ResponseEntity<byte[]> went through content negotiation, the
        // message converters and a copy of its headers on every request, about a tenth of the request's CPU time.
        // If-None-Match is read here too: @RequestHeader resolved its name as an expression on every request.
        Dropdown dropdown = access.dropdownFor(caller.userId());
        ModelsResponses.Rendered rendered = responses.render(dropdown);
        response.setHeader(HttpHeaders.ETAG, rendered.etag());
        response.setHeader(HttpHeaders.CACHE_CONTROL, REVALIDATE);
        if (matches(request.getHeaders(HttpHeaders.IF_NONE_MATCH), rendered.etag())) {
            response.setStatus(HttpServletResponse.SC_NOT_MODIFIED);
            return;
        }
        byte[] body = rendered.body();
        response.setStatus(HttpServletResponse.SC_OK);
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }

    @GetMapping("/me/default-model")
    DefaultModelView defaultModel(ModelAccessCaller caller) {
        return DefaultModelView.of(access.dropdownFor(caller.userId()));
    }

    /** Sets the user's default model; 422 unless their tier may use it right now. */
    @PutMapping("/me/default-model")
    DefaultModelView setDefaultModel(ModelAccessCaller caller, @RequestBody DefaultModelRequest request) {
        String model = request.model();
        if (model == null || model.isBlank()) {
            throw new InvalidRequestException("Give the model id: {\"model\":\"author/slug\"}");
        }
        access.setDefaultModel(caller.userId(), model);
        return DefaultModelView.of(access.dropdownFor(caller.userId()));
    }

    /** {@code PUT /api/me/default-model} body. */
    record DefaultModelRequest(@Nullable String model) {}

    /**
     * The user's default model.
     *
     * @param model the default the dropdown offers now (the user's own when usable, else the configured fallback
     *     when usable, else none)
     * @param savedModel what the user chose, usable or not
     */
    record DefaultModelView(
            @Nullable String model, @Nullable String savedModel, String tier) {
        static DefaultModelView of(Dropdown dropdown) {
            return new DefaultModelView(
                    dropdown.defaultModel(),
                    dropdown.profile().defaultModel(),
                    dropdown.tier().dbValue());
        }
    }

    /** Whether any {@code If-None-Match} header (a list of entity tags, weak or strong, or {@code *}) names etag. */
    private static boolean matches(@Nullable Enumeration<String> ifNoneMatch, String etag) {
        if (ifNoneMatch == null) {
            return false;
        }
        while (ifNoneMatch.hasMoreElements()) {
            for (String tag : ifNoneMatch.nextElement().split(",")) {
                String strong = tag.strip();
                if (strong.startsWith("W/")) {
                    strong = strong.substring(2);
                }
                if (strong.equals("*") || strong.equals(etag)) {
                    return true;
                }
            }
        }
        return false;
    }
}
