package dev.modelaccess.openrouter;

import dev.modelaccess.core.MalformedUpstreamResponseException;
import feign.Response;
import feign.codec.Decoder;
import feign.jackson3.Jackson3Decoder;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Type;
import java.util.Locale;
import tools.jackson.core.JacksonException;

/**
 * Decodes 2xx answers. The body must be JSON: a {@code Content-Type} that is not JSON, or an empty body, is a
 * {@link MalformedUpstreamResponseException}. {@code GET /models} pages go through {@link ModelsPageReader}, which
 * keeps each entry's JSON; small typed answers through feign-jackson3's decoder.
 */
final class OpenRouterDecoder implements Decoder {

    private final Decoder typed = new Jackson3Decoder(Json.MAPPER);

    @Override
    public Object decode(Response response, Type type) throws IOException {
        int status = response.status();
        byte[] body = bodyOf(response);
        String what = "OpenRouter's answer to " + Requests.describe(response.request());
        String contentType = OpenRouterErrorDecoder.header(response, "Content-Type");
        if (contentType != null && !isJson(contentType)) {
            throw MalformedUpstreamResponseException.of(
                    what + " is unusable: HTTP " + status + " with content type '"
                            + JsonFields.abbreviate(contentType, 100) + "' instead of JSON",
                    status);
        }
        if (type == ModelsPage.class) {
            return ModelsPageReader.read(body, status);
        }
        if (body.length == 0) {
            throw MalformedUpstreamResponseException.of(
                    what + " is unusable: HTTP " + status + " with an empty body", status);
        }
        try {
            Object value = typed.decode(response.toBuilder().body(body).build(), type);
            if (value == null) {
                throw MalformedUpstreamResponseException.of(
                        what + " is unusable: HTTP " + status + " with no JSON value", status);
            }
            return value;
        } catch (JacksonException | NumberFormatException e) {
            throw MalformedUpstreamResponseException.of(
                    what + " could not be read: " + e.getClass().getSimpleName(), status);
        }
    }

    /** {@code application/json}, {@code application/problem+json}, {@code text/json}, any charset. */
    static boolean isJson(String contentType) {
        String mediaType = contentType.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
        int slash = mediaType.indexOf('/');
        if (slash < 0) {
            return false;
        }
        String subtype = mediaType.substring(slash + 1);
        return subtype.equals("json") || subtype.endsWith("+json");
    }

    private static byte[] bodyOf(Response response) throws IOException {
        Response.Body body = response.body();
        if (body == null) {
            return new byte[0];
        }
        try (InputStream in = body.asInputStream()) {
            return in.readAllBytes();
        }
    }
}
