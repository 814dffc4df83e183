package dev.modelaccess.openrouter;

import dev.modelaccess.core.IncompletePaginationException;
import dev.modelaccess.core.MalformedUpstreamResponseException;
import dev.modelaccess.core.UpstreamException;
import dev.modelaccess.core.UpstreamRejectedException;
import dev.modelaccess.core.UpstreamUnavailableException;
import dev.modelaccess.core.keys.OpenRouterApiKey;
import dev.modelaccess.core.port.ChatCompletion;
import dev.modelaccess.core.port.ChatCompletions;
import dev.modelaccess.core.port.ChatRequest;
import dev.modelaccess.core.port.KeyVerification;
import dev.modelaccess.core.port.ModelCatalogSource;
import dev.modelaccess.core.port.OpenRouterKeyVerifier;
import dev.modelaccess.core.sync.UpstreamSnapshot;
import feign.Feign;
import feign.Request;
import feign.http2client.Http2Client;
import feign.jackson3.Jackson3Encoder;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import org.jspecify.annotations.Nullable;

/**
 * The OpenRouter adapter: fetches the model catalog ({@link ModelCatalogSource}), checks users' API keys ({@link
 * OpenRouterKeyVerifier}) and runs chat completions with them ({@link ChatCompletions}). Feign on {@code
 * java.net.http}, Jackson 3.
 *
 * <pre>{@code
 * OpenRouterClient openRouter = OpenRouterClient.builder().build();   // https://openrouter.ai/api/v1
 * UpstreamSnapshot catalog = openRouter.fetchCatalog();
 * OpenRouterApiKey userKey = OpenRouterApiKey.parse(pastedKey);
 * KeyVerification key = openRouter.verifyKey(userKey);
 * ChatCompletion answer = openRouter.complete(userKey,
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
 * <p>The work is done by package-private parts: {@code CatalogPager} (the model list), {@code KeyCheck}
 * ({@code GET /key}) and {@code ChatCall} (chat completions), all through {@code UpstreamCalls}.
 *
 * <p>Thread-safe. {@link #close()} releases the HTTP client's resources.
 */
public final class OpenRouterClient
        implements ModelCatalogSource, OpenRouterKeyVerifier, ChatCompletions, AutoCloseable {

    public static final String DEFAULT_BASE_URL = "https://openrouter.ai/api/v1";

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
                .encoder(new Jackson3Encoder(Json.MAPPER))
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
        return CatalogPager.fetch(api, baseUri, outputModalities);
    }

    /**
     * Asks {@code GET {base}/key} whether a user's key works. 200 is {@link KeyVerification.Valid} with what
     * OpenRouter says about the key (label, limit, usage, free tier, expiry); 401 and 403 are {@link
     * KeyVerification.Invalid}; everything else — unreachable, timeouts, 429, 5xx, other statuses, an unreadable
     * answer — is {@link KeyVerification.Unavailable}, never mistaken for an invalid key. Never throws for upstream
     * problems; the key never appears in a log line or a reason.
     */
    @Override
    public KeyVerification verifyKey(OpenRouterApiKey apiKey) {
        return KeyCheck.verify(api, Objects.requireNonNull(apiKey, "apiKey"));
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
        return ChatCall.complete(chatApi, apiKey, request);
    }

    /** Releases the HTTP client. Calls made afterwards fail with {@link UpstreamUnavailableException}. */
    @Override
    public void close() {
        httpClient.close();
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
            this.baseUri = UpstreamCalls.baseUri(Objects.requireNonNull(baseUrl, "baseUrl"));
            return this;
        }

        /**
         * An API key sent with catalog requests ({@code Authorization: Bearer …}). Optional: the model list is
         * public. {@code null} sends none.
         */
        public Builder apiKey(@Nullable String apiKey) {
            this.apiKey = apiKey == null ? null : UpstreamCalls.bearerKey(apiKey);
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
                                + JsonFields.abbreviate(outputModalities, 50) + "'");
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
