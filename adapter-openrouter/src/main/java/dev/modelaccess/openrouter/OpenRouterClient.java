package dev.modelaccess.openrouter;

import dev.modelaccess.core.IncompletePaginationException;
import dev.modelaccess.core.MalformedUpstreamResponseException;
import dev.modelaccess.core.UpstreamException;
import dev.modelaccess.core.UpstreamRejectedException;
import dev.modelaccess.core.UpstreamUnavailableException;
import dev.modelaccess.core.catalog.UpstreamModel;
import dev.modelaccess.core.keys.OpenRouterApiKey;
import dev.modelaccess.core.port.ChatCompletion;
import dev.modelaccess.core.port.ChatCompletions;
import dev.modelaccess.core.port.ChatRequest;
import dev.modelaccess.core.port.KeyVerification;
import dev.modelaccess.core.port.ModelCatalogSource;
import dev.modelaccess.core.port.OpenRouterKeyVerifier;
import dev.modelaccess.core.sync.InvalidEntry;
import dev.modelaccess.core.sync.UpstreamSnapshot;
import feign.Feign;
import feign.FeignException;
import feign.Request;
import feign.codec.DecodeException;
import feign.http2client.Http2Client;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;

/**
 * The OpenRouter adapter: fetches the model catalog ({@link ModelCatalogSource}), checks users' API keys ({@link
 * OpenRouterKeyVerifier}) and runs chat completions with them ({@link ChatCompletions}). Feign on {@code
 * java.net.http}, Jackson 3.
 *
 * <pre>{@code
 * OpenRouterClient openRouter = OpenRouterClient.builder().build();   // https://openrouter.ai/api/v1
 * UpstreamSnapshot catalog = openRouter.fetchCatalog();
 * KeyVerification key = openRouter.verifyKey(userKey);
 * ChatCompletion answer = openRouter.complete(OpenRouterApiKey.parse(userKey),
 *         new ChatRequest("openai/gpt-4o-mini", "Be brief.", "Hello", ChatParams.DEFAULTS));
 * }</pre>
 *
 * <p>Every request gets at most {@code maxAttempts} (3) attempts: only I/O errors (timeouts included) and HTTP
 * 408, 429, 502, 503 and 504 are retried (chat completions, which must not run twice, only on a 429 or 503 that
 * came with a {@code Retry-After}), after the {@code Retry-After} upstream asked for (up to {@code
 * maxRetryAfter}, 30 s; a longer one fails at once) or a jittered exponential backoff. Failures surface as {@link
 * UpstreamException} subtypes only; no Feign or Jackson exception leaves this class, and no API key appears in a
 * log line or an exception message.
 *
 * <p>Thread-safe. {@link #close()} releases the HTTP client's resources.
 */
public final class OpenRouterClient
        implements ModelCatalogSource, OpenRouterKeyVerifier, ChatCompletions, AutoCloseable {

    public static final String DEFAULT_BASE_URL = "https://openrouter.ai/api/v1";

    /** Pages followed at most through {@code links.next} (OpenRouter allows up to 1000 models per page). */
    static final int MAX_PAGES = 1000;

    private static final int MAX_LOGGED_INVALID_ENTRIES = 20;

    private static final Logger log = LoggerFactory.getLogger(OpenRouterClient.class);

    /** RFC 6750 {@code b64token}: what a bearer token may look like, and all an OpenRouter key ever contains. */
    private static final Pattern BEARER_TOKEN = Pattern.compile("[A-Za-z0-9._~+/-]+=*");

    private static final int MAX_KEY_LENGTH = 1024;

    private final URI baseUri;
    private final String outputModalities;
    private final HttpClient httpClient;
    private final OpenRouterApi api;
    private final OpenRouterApi chatApi;

    private OpenRouterClient(Builder builder, int maxBodyBytes) {
        this.baseUri = builder.baseUri;
        this.outputModalities = builder.outputModalities;
        this.httpClient = HttpClient.newBuilder()
                .connectTimeout(builder.connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .version(HttpClient.Version.HTTP_2)
                .build();
        this.api = feign(builder, maxBodyBytes, BackoffRetryer.Policy.SAFE_TO_REPEAT)
                .target(OpenRouterApi.class, baseUri.toString());
        this.chatApi = feign(builder, maxBodyBytes, BackoffRetryer.Policy.ONLY_WHEN_ASKED)
                .target(OpenRouterApi.class, baseUri.toString());
    }

    private Feign.Builder feign(Builder builder, int maxBodyBytes, BackoffRetryer.Policy retryPolicy) {
        String catalogApiKey = builder.apiKey;
        Feign.Builder feign = Feign.builder()
                .client(new BoundedBodyClient(new Http2Client(httpClient), maxBodyBytes))
                .options(new Request.Options(builder.connectTimeout, builder.readTimeout, false))
                .decoder(new OpenRouterDecoder())
                .errorDecoder(new OpenRouterErrorDecoder(builder.clock, builder.maxRetryAfter))
                .retryer(new BackoffRetryer(
                        builder.maxAttempts,
                        builder.initialBackoff,
                        builder.sleeper,
                        () -> ThreadLocalRandom.current().nextDouble(),
                        retryPolicy));
        if (catalogApiKey != null) {
            feign.requestInterceptor(template -> {
                if (!template.headers().containsKey("Authorization")) {
                    template.header("Authorization", "Bearer " + catalogApiKey);
                }
            });
        }
        return feign;
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Fetches {@code GET {base}/models?output_modalities=…} and every page {@code links.next} leads to.
     *
     * @throws MalformedUpstreamResponseException when an answer as a whole is not JSON with a {@code data} array
     * @throws IncompletePaginationException when the pages do not add up ({@code total_count} disagrees, a loop,
     *     too many pages, a {@code links.next} to another host)
     * @throws UpstreamUnavailableException when OpenRouter cannot be reached or keeps failing
     * @throws UpstreamRejectedException when OpenRouter refuses the request (4xx other than 408 and 429)
     */
    @Override
    public UpstreamSnapshot fetchCatalog() {
        long started = System.nanoTime();
        List<UpstreamModel> models = new ArrayList<>();
        List<InvalidEntry> invalid = new ArrayList<>();
        URI current = firstPageUri();
        Set<URI> visited = new HashSet<>();
        visited.add(current);
        ModelsPage page = call(() -> api.firstModelsPage(outputModalities));
        Long expectedTotal = page.totalCount();
        int pages = 1;
        while (true) {
            models.addAll(page.models());
            invalid.addAll(page.invalidEntries());
            if (page.next() == null) {
                break;
            }
            if (pages >= MAX_PAGES) {
                throw incomplete("links.next still pointed further after " + MAX_PAGES + " pages", models, invalid);
            }
            URI next = resolveNext(current, page.next(), models, invalid);
            if (!visited.add(next)) {
                throw incomplete("links.next leads back to a page already read (" + next + ")", models, invalid);
            }
            int pageNumber = ++pages;
            try {
                page = call(() -> api.modelsPage(next));
            } catch (IncompletePaginationException e) {
                throw e;
            } catch (MalformedUpstreamResponseException e) {
                throw new IncompletePaginationException(
                        "Page " + pageNumber + " of OpenRouter's model list is unusable: " + e.getMessage(),
                        e.status(),
                        e);
            }
            if (page.totalCount() != null) {
                if (expectedTotal == null) {
                    expectedTotal = page.totalCount();
                } else if (!expectedTotal.equals(page.totalCount())) {
                    throw incomplete(
                            "total_count changed between pages (" + expectedTotal + ", then " + page.totalCount() + ")",
                            models,
                            invalid);
                }
            }
            current = next;
        }
        int received = models.size() + invalid.size();
        if (expectedTotal != null && expectedTotal != received) {
            throw incomplete(
                    "total_count says " + expectedTotal + " models but " + received + " entries arrived",
                    models,
                    invalid);
        }
        log.info(
                "Fetched OpenRouter's model list: {} models, {} unreadable entries, {} page(s), {} ms",
                models.size(),
                invalid.size(),
                pages,
                Duration.ofNanos(System.nanoTime() - started).toMillis());
        invalid.stream()
                .limit(MAX_LOGGED_INVALID_ENTRIES)
                .forEach(entry -> log.warn("Skipped an unreadable model entry: {}", entry.reason()));
        return new UpstreamSnapshot(models, invalid);
    }

    /**
     * Asks {@code GET {base}/key} whether a user's key works. 200 is {@link KeyVerification.Valid}; 401 and 403
     * are {@link KeyVerification.Invalid}, as is a value that is not even shaped like a bearer token (nothing is
     * sent then); everything else — unreachable, timeouts, 429, 5xx, other statuses, an unreadable answer — is
     * {@link KeyVerification.Unavailable}, never mistaken for an invalid key. Never throws for upstream problems;
     * the key never appears in a log line or a reason.
     */
    @Override
    public KeyVerification verifyKey(String apiKey) {
        Objects.requireNonNull(apiKey, "apiKey");
        if (apiKey.length() > MAX_KEY_LENGTH || !BEARER_TOKEN.matcher(apiKey).matches()) {
            return logged(
                    new KeyVerification.Invalid(
                            "The key is not well-formed (empty, too long, or with characters a key never has); it was not sent"));
        }
        try {
            KeyResponse response = call(() -> api.currentKey(apiKey));
            return logged(valid(response));
        } catch (UpstreamRejectedException e) {
            Integer status = e.status();
            if (status != null && (status == 401 || status == 403)) {
                return logged(new KeyVerification.Invalid(redact(e.getMessage(), apiKey)));
            }
            return logged(new KeyVerification.Unavailable(redact(e.getMessage(), apiKey)));
        } catch (UpstreamException e) {
            return logged(new KeyVerification.Unavailable(redact(e.getMessage(), apiKey)));
        }
    }

    /**
     * Runs one chat completion with a user's key: {@code POST {base}/chat/completions} with the system prompt (when
     * there is one) and the user's input as messages, and only the parameters that are set.
     *
     * <p>A chat completion costs money, so it is retried only when OpenRouter asks for it: a 429 or 503 with a
     * {@code Retry-After} of at most {@code maxRetryAfter} (30 s), up to {@code maxAttempts} attempts. Time-outs,
     * I/O errors and other statuses fail at once: the request may already have been processed.
     *
     * @throws UpstreamRejectedException when OpenRouter refuses the request: 401 invalid key, 402 too few credits, 403
     *     input flagged by moderation, 400 a request the model does not accept, …
     * @throws UpstreamUnavailableException when OpenRouter cannot be reached, times out, rate-limits (429) or fails
     *     (5xx), or answers 200 with an upstream provider's error
     * @throws MalformedUpstreamResponseException when the answer has no readable completion
     */
    @Override
    public ChatCompletion complete(OpenRouterApiKey apiKey, ChatRequest request) {
        Objects.requireNonNull(apiKey, "apiKey");
        Objects.requireNonNull(request, "request");
        String key = apiKey.value();
        if (key.length() > MAX_KEY_LENGTH || !BEARER_TOKEN.matcher(key).matches()) {
            throw new IllegalArgumentException("The OpenRouter API key is not well-formed (value not shown)");
        }
        byte[] body = ChatCompletionBody.write(request);
        long started = System.nanoTime();
        try {
            ChatCompletion completion = ChatCompletionBody.read(call(() -> chatApi.chatCompletion(key, body)), request);
            log.debug(
                    "OpenRouter completed a chat on {} in {} ms",
                    completion.model(),
                    Duration.ofNanos(System.nanoTime() - started).toMillis());
            return completion;
        } catch (UpstreamException e) {
            log.info("A chat completion on {} failed: {}", request.model(), redact(e.getMessage(), key));
            throw e;
        }
    }

    /** Releases the HTTP client. Calls made afterwards fail with {@link UpstreamUnavailableException}. */
    @Override
    public void close() {
        httpClient.close();
    }

    private KeyVerification.Valid valid(KeyResponse response) {
        KeyResponse.Data data = response.data();
        if (data == null || data.usage() == null) {
            throw new MalformedUpstreamResponseException(
                    "OpenRouter's answer to GET /key is unusable: HTTP 200 without a key record", 200, null);
        }
        Instant expiresAt = null;
        if (data.expiresAt() != null) {
            try {
                expiresAt = OffsetDateTime.parse(data.expiresAt()).toInstant();
            } catch (DateTimeException e) {
                throw new MalformedUpstreamResponseException(
                        "OpenRouter's answer to GET /key is unusable: expires_at is not an ISO 8601 date-time",
                        200,
                        null);
            }
        }
        BigDecimal usage = data.usage();
        return new KeyVerification.Valid(
                data.label(),
                data.limit(),
                data.limitRemaining(),
                data.limitReset(),
                usage,
                Boolean.TRUE.equals(data.isFreeTier()),
                expiresAt);
    }

    private static KeyVerification logged(KeyVerification verification) {
        switch (verification) {
            case KeyVerification.Valid valid -> log.debug("OpenRouter accepted a user key");
            case KeyVerification.Invalid invalid -> log.info("A user key is invalid: {}", invalid.reason());
            case KeyVerification.Unavailable unavailable ->
                log.warn("Could not check a user key with OpenRouter: {}", unavailable.reason());
        }
        return verification;
    }

    /** Belt and braces: nothing upstream says is expected to echo the key, but if it did, it goes no further. */
    private static String redact(@Nullable String text, String apiKey) {
        return text == null ? "" : text.replace(apiKey, "[redacted]");
    }

    /**
     * Runs one Feign call and lets only the library's exceptions out: Feign wraps what the decoder throws, and a
     * Feign or Jackson exception that slips through anyway is translated here.
     */
    private static <T> T call(Supplier<T> request) {
        try {
            return request.get();
        } catch (UpstreamException e) {
            throw e;
        } catch (DecodeException e) {
            if (e.getCause() instanceof UpstreamException upstream) {
                throw upstream;
            }
            throw new MalformedUpstreamResponseException(
                    "OpenRouter's answer could not be read (" + e.getClass().getSimpleName() + ")",
                    e.status() > 0 ? e.status() : null,
                    null);
        } catch (FeignException e) {
            if (e.getCause() instanceof UpstreamException upstream) {
                throw upstream;
            }
            throw new UpstreamUnavailableException(
                    "Talking to OpenRouter failed (" + e.getClass().getSimpleName() + ")",
                    e.status() > 0 ? e.status() : null,
                    null,
                    null,
                    null);
        } catch (JacksonException e) {
            throw new MalformedUpstreamResponseException(
                    "OpenRouter's answer could not be read (" + e.getClass().getSimpleName() + ")", null, null);
        }
    }

    private URI firstPageUri() {
        return URI.create(
                baseUri + "/models?output_modalities=" + URLEncoder.encode(outputModalities, StandardCharsets.UTF_8));
    }

    private URI resolveNext(URI current, String link, List<UpstreamModel> models, List<InvalidEntry> invalid) {
        URI next;
        try {
            next = current.resolve(new URI(link));
        } catch (URISyntaxException | IllegalArgumentException e) {
            throw incomplete("links.next is not a URL: " + ModelEntryReader.abbreviate(link, 200), models, invalid);
        }
        if (!Objects.equals(next.getScheme(), baseUri.getScheme())
                || !Objects.equals(next.getHost(), baseUri.getHost())
                || next.getPort() != baseUri.getPort()
                || next.getRawUserInfo() != null) {
            throw incomplete(
                    "links.next leads away from " + baseUri.getScheme() + "://" + baseUri.getAuthority()
                            + "; refusing to follow it",
                    models,
                    invalid);
        }
        return next;
    }

    private static IncompletePaginationException incomplete(
            String why, List<UpstreamModel> models, List<InvalidEntry> invalid) {
        return new IncompletePaginationException(
                "OpenRouter's model list is incomplete: " + why + " (" + (models.size() + invalid.size())
                        + " entries read so far)",
                null,
                null);
    }

    /** Waits between attempts; tests pass one that records the wait instead of sleeping. */
    @FunctionalInterface
    public interface Sleeper {

        /** {@link Thread#sleep(Duration)}. */
        Sleeper SYSTEM = Thread::sleep;

        void sleep(Duration duration) throws InterruptedException;
    }

    /** Configures an {@link OpenRouterClient}; every setting has a default. */
    public static final class Builder {

        private URI baseUri = URI.create(DEFAULT_BASE_URL);
        private @Nullable String apiKey;
        private String outputModalities = "all";
        private Duration connectTimeout = Duration.ofSeconds(5);
        private Duration readTimeout = Duration.ofSeconds(30);
        private int maxAttempts = 3;
        private Duration maxRetryAfter = Duration.ofSeconds(30);
        private Duration initialBackoff = Duration.ofSeconds(1);
        private Clock clock = Clock.systemUTC();
        private Sleeper sleeper = Sleeper.SYSTEM;

        private Builder() {}

        /** OpenRouter's API root, {@code https://openrouter.ai/api/v1} by default; {@code http(s)} only. */
        public Builder baseUrl(String baseUrl) {
            Objects.requireNonNull(baseUrl, "baseUrl");
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
                throw new IllegalArgumentException(
                        "The OpenRouter base URL must be an absolute http(s) URL, like " + DEFAULT_BASE_URL);
            }
            if (uri.getRawUserInfo() != null || uri.getRawQuery() != null || uri.getRawFragment() != null) {
                throw new IllegalArgumentException(
                        "The OpenRouter base URL must not carry credentials, a query or a fragment; use apiKey(…)"
                                + " for the key");
            }
            this.baseUri = uri;
            return this;
        }

        /**
         * An API key sent with catalog requests ({@code Authorization: Bearer …}). Optional: the model list is
         * public. {@code null} sends none.
         */
        public Builder apiKey(@Nullable String apiKey) {
            if (apiKey != null
                    && (apiKey.length() > MAX_KEY_LENGTH
                            || !BEARER_TOKEN.matcher(apiKey).matches())) {
                throw new IllegalArgumentException("The OpenRouter API key is not well-formed (value not shown)");
            }
            this.apiKey = apiKey;
            return this;
        }

        /**
         * The {@code output_modalities} filter: {@code all} (the default, keeps image, audio and embedding models)
         * or a comma-separated list such as {@code text,image}.
         */
        public Builder outputModalities(String outputModalities) {
            Objects.requireNonNull(outputModalities, "outputModalities");
            if (!outputModalities.matches("[a-z]+(,[a-z]+)*")) {
                throw new IllegalArgumentException(
                        "outputModalities must be 'all' or a comma-separated list like 'text,image', was '"
                                + ModelEntryReader.abbreviate(outputModalities, 50) + "'");
            }
            this.outputModalities = outputModalities;
            return this;
        }

        /** Time to open a connection; 5 s by default. */
        public Builder connectTimeout(Duration connectTimeout) {
            this.connectTimeout = positive(connectTimeout, "connectTimeout");
            return this;
        }

        /** Time for the answer to arrive, and again for its body; 30 s by default. */
        public Builder readTimeout(Duration readTimeout) {
            this.readTimeout = positive(readTimeout, "readTimeout");
            return this;
        }

        /** Attempts per request, the first included; 3 by default, between 1 and 10. */
        public Builder maxAttempts(int maxAttempts) {
            if (maxAttempts < 1 || maxAttempts > 10) {
                throw new IllegalArgumentException("maxAttempts must be between 1 and 10, was " + maxAttempts);
            }
            this.maxAttempts = maxAttempts;
            return this;
        }

        /** The longest {@code Retry-After} honoured; a longer one fails the request at once. 30 s by default. */
        public Builder maxRetryAfter(Duration maxRetryAfter) {
            Objects.requireNonNull(maxRetryAfter, "maxRetryAfter");
            if (maxRetryAfter.isNegative()) {
                throw new IllegalArgumentException("maxRetryAfter must not be negative");
            }
            this.maxRetryAfter = maxRetryAfter;
            return this;
        }

        /** The first backoff ceiling (doubling per attempt, jittered down to half); 1 s by default. */
        public Builder initialBackoff(Duration initialBackoff) {
            this.initialBackoff = positive(initialBackoff, "initialBackoff");
            return this;
        }

        /** Reads {@code Retry-After} dates against this clock; the system UTC clock by default. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** Waits between attempts; {@link Sleeper#SYSTEM} by default. */
        public Builder sleeper(Sleeper sleeper) {
            this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
            return this;
        }

        public OpenRouterClient build() {
            return new OpenRouterClient(this, BoundedBodyClient.MAX_BODY_BYTES);
        }

        /** For tests: a smaller body limit. */
        OpenRouterClient build(int maxBodyBytes) {
            return new OpenRouterClient(this, maxBodyBytes);
        }

        private static Duration positive(Duration value, String name) {
            Objects.requireNonNull(value, name);
            if (value.isNegative() || value.isZero()) {
                throw new IllegalArgumentException(name + " must be positive, was " + value);
            }
            if (value.toMillis() > Integer.MAX_VALUE) {
                throw new IllegalArgumentException(name + " is too long: " + value);
            }
            return value;
        }
    }
}
