package dev.modelaccess.openrouter;

import dev.modelaccess.core.MalformedUpstreamResponseException;
import dev.modelaccess.core.UpstreamException;
import dev.modelaccess.core.UpstreamUnavailableException;
import feign.FeignException;
import feign.codec.DecodeException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;

/** What every call to OpenRouter shares: the bearer-key check, the exception boundary, redaction. */
final class UpstreamCalls {

    /** RFC 6750 {@code b64token}: what a bearer token may look like, and all an OpenRouter key ever contains. */
    private static final Pattern BEARER_TOKEN = Pattern.compile("[A-Za-z0-9._~+/-]+=*");

    private static final int MAX_KEY_LENGTH = 1024;

    private UpstreamCalls() {}

    /**
     * {@code key}, when it can travel in an {@code Authorization: Bearer} header as it is: no white space, no line
     * break, no template braces, at most 1024 characters.
     *
     * @throws IllegalArgumentException otherwise, without quoting the key
     */
    static String bearerKey(String key) {
        if (key.length() > MAX_KEY_LENGTH || !BEARER_TOKEN.matcher(key).matches()) {
            throw new IllegalArgumentException("The OpenRouter API key is not well-formed (value not shown)");
        }
        return key;
    }

    /** The API root {@code baseUrl} names: an absolute http(s) URL without credentials, query or fragment. */
    static URI baseUri(String baseUrl) {
        String trimmed = baseUrl.strip();
        while (trimmed.endsWith("/")) {
            trimmed = trimmed.substring(0, trimmed.length() - 1);
        }
        URI uri;
        try {
            uri = new URI(trimmed);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("The OpenRouter base URL is not a URL: " + e.getMessage());
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
            throw new IllegalArgumentException("The OpenRouter base URL must be an absolute http(s) URL, like "
                    + OpenRouterClient.DEFAULT_BASE_URL);
        }
        if (uri.getRawUserInfo() != null || uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw new IllegalArgumentException(
                    "The OpenRouter base URL must not carry credentials, a query or a fragment; use apiKey(…)"
                            + " for the key");
        }
        return uri;
    }

    /**
     * Runs one Feign call and lets only the library's exceptions out: Feign wraps what the decoder throws, and a
     * Feign or Jackson exception that slips through anyway is translated here.
     */
    static <T> T call(Supplier<T> request) {
        try {
            return request.get();
        } catch (UpstreamException e) {
            throw e;
        } catch (DecodeException e) {
            if (e.getCause() instanceof UpstreamException upstream) {
                throw upstream;
            }
            throw MalformedUpstreamResponseException.of(
                    "OpenRouter's answer could not be read (" + e.getClass().getSimpleName() + ")",
                    e.status() > 0 ? e.status() : null);
        } catch (FeignException e) {
            if (e.getCause() instanceof UpstreamException upstream) {
                throw upstream;
            }
            throw UpstreamUnavailableException.of(
                    "Talking to OpenRouter failed (" + e.getClass().getSimpleName() + ")",
                    e.status() > 0 ? e.status() : null,
                    null);
        } catch (JacksonException e) {
            throw MalformedUpstreamResponseException.of(
                    "OpenRouter's answer could not be read (" + e.getClass().getSimpleName() + ")", null);
        }
    }

    /** Belt and braces: nothing upstream says is expected to echo the key, but if it did, it goes no further. */
    static String redact(@Nullable String text, String apiKey) {
        return text == null ? "" : text.replace(apiKey, "[redacted]");
    }
}
