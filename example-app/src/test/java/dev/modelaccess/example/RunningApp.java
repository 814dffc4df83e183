package dev.modelaccess.example;

import dev.modelaccess.core.access.AccessRuleCache;
import dev.modelaccess.core.policy.CatalogRuleCache;
import dev.modelaccess.core.succession.SuccessionCache;
import dev.modelaccess.spring.CachingUserProfiles;
import dev.modelaccess.testsupport.openrouter.LocalOpenRouter;
import dev.modelaccess.testsupport.postgres.TestSchema;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/** One instance of the example app on a random port, on a test schema, talking to a {@link LocalOpenRouter}. */
final class RunningApp implements AutoCloseable {

    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    final ConfigurableApplicationContext context;
    final int port;
    private final @Nullable LocalOpenRouter ownOpenRouter;

    private RunningApp(ConfigurableApplicationContext context, @Nullable LocalOpenRouter ownOpenRouter) {
        this.context = context;
        this.port = Integer.parseInt(context.getEnvironment().getRequiredProperty("local.server.port"));
        this.ownOpenRouter = ownOpenRouter;
    }

    static RunningApp start(TestSchema schema, LocalOpenRouter openRouter, String... extraProperties) {
        return start(schema, openRouter.baseUrl(), extraProperties);
    }

    /** The app against an OpenRouter of its own, closed with it, whose catalog lists test models of these ids. */
    static RunningApp listing(TestSchema schema, List<String> modelIds, String... extraProperties) {
        LocalOpenRouter openRouter =
                ExampleOpenRouter.serving(ExampleOpenRouter.models(modelIds.toArray(String[]::new)));
        try {
            return new RunningApp(start(schema, openRouter, extraProperties).context, openRouter);
        } catch (RuntimeException e) {
            openRouter.close();
            throw e;
        }
    }

    /** The app against whatever plays OpenRouter at {@code openRouterBaseUrl} (e.g. a {@link LocalOpenRouter}). */
    static RunningApp start(TestSchema schema, String openRouterBaseUrl, String... extraProperties) {
        return start(schema.jdbcUrl(), schema.user(), schema.password(), openRouterBaseUrl, extraProperties);
    }

    /** The app on the database at {@code jdbcUrl} (e.g. a {@link StoppablePostgres}). */
    static RunningApp start(
            String jdbcUrl,
            @Nullable String user,
            @Nullable String password,
            String openRouterBaseUrl,
            String... extraProperties) {
        List<String> properties = new ArrayList<>(List.of(
                "server.port=0",
                "management.server.port=0",
                "spring.datasource.url=" + jdbcUrl,
                "spring.datasource.username=" + (user == null ? "" : user),
                "spring.datasource.password=" + (password == null ? "" : password),
                "app.security.jwt-secret=" + TestTokens.SECRET,
                "app.demo.enabled=false",
                "modelaccess.openrouter.base-url=" + openRouterBaseUrl,
                "modelaccess.sync.schedule.enabled=false",
                "modelaccess.sync.run-on-startup=never",
                "spring.main.banner-mode=off"));
        properties.addAll(List.of(extraProperties));
        java.util.Map<String, String> byName = new java.util.LinkedHashMap<>();
        for (String property : properties) {
            int equals = property.indexOf('=');
            byName.put(property.substring(0, equals), property.substring(equals + 1));
        }
        ConfigurableApplicationContext context = new SpringApplicationBuilder(ExampleApplication.class)
                .run(byName.entrySet().stream()
                        .map(entry -> "--" + entry.getKey() + "=" + entry.getValue())
                        .toArray(String[]::new));
        return new RunningApp(context, null);
    }

    <T> T bean(Class<T> type) {
        return context.getBean(type);
    }

    /**
     * Reloads the app's in-memory caches (access rules, catalog rules, successions) and forgets its cached profiles:
     * what a test calls after it wrote the database behind the app's back, since the change feed is off in most tests.
     */
    void reloadCaches() {
        context.getBeanProvider(AccessRuleCache.class).ifAvailable(AccessRuleCache::reload);
        context.getBeanProvider(CatalogRuleCache.class).ifAvailable(CatalogRuleCache::reload);
        context.getBeanProvider(SuccessionCache.class).ifAvailable(SuccessionCache::reload);
        context.getBeanProvider(CachingUserProfiles.class).ifAvailable(CachingUserProfiles::invalidateAll);
    }

    HttpResponse<String> get(String path, @Nullable String token, String... headers) {
        return send(request(path, token, headers).GET().build());
    }

    /** GET on the management (actuator) port. */
    HttpResponse<String> management(String path, @Nullable String token) {
        int managementPort = Integer.parseInt(context.getEnvironment().getRequiredProperty("local.management.port"));
        return send(request(managementPort, path, token).GET().build());
    }

    HttpResponse<String> put(String path, @Nullable String token, String json) {
        return send(request(path, token, "Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(json))
                .build());
    }

    HttpResponse<String> patch(String path, @Nullable String token, String json) {
        return send(request(path, token, "Content-Type", "application/json")
                .method("PATCH", HttpRequest.BodyPublishers.ofString(json))
                .build());
    }

    HttpResponse<String> post(String path, @Nullable String token, String json) {
        return send(request(path, token, "Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json))
                .build());
    }

    /** Any method, with an optional body (null for none), sent as JSON unless the headers name another type. */
    HttpResponse<String> send(
            String method, String path, @Nullable String token, @Nullable String json, String... headers) {
        HttpRequest.Builder builder = request(path, token, headers);
        if (json == null) {
            return send(
                    builder.method(method, HttpRequest.BodyPublishers.noBody()).build());
        }
        boolean typed = false;
        for (int i = 0; i < headers.length; i += 2) {
            typed |= headers[i].equalsIgnoreCase("Content-Type");
        }
        if (!typed) {
            builder.header("Content-Type", "application/json");
        }
        return send(builder.method(method, HttpRequest.BodyPublishers.ofString(json))
                .build());
    }

    HttpResponse<String> delete(String path, @Nullable String token) {
        return send(request(path, token).DELETE().build());
    }

    private HttpRequest.Builder request(String path, @Nullable String token, String... headers) {
        return request(port, path, token, headers);
    }

    private static HttpRequest.Builder request(int port, String path, @Nullable String token, String... headers) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(30));
        if (token != null) {
            builder.header("Authorization", "Bearer " + token);
        }
        if (headers.length > 0) {
            builder.headers(headers);
        }
        return builder;
    }

    private static HttpResponse<String> send(HttpRequest request) {
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        context.close();
        if (ownOpenRouter != null) {
            ownOpenRouter.close();
        }
    }

    /** Closes, in this order, what a test class started (the app, its stand-ins); those never started are null. */
    static void closeAll(@Nullable AutoCloseable... started) {
        for (AutoCloseable closeable : started) {
            if (closeable == null) {
                continue;
            }
            try {
                closeable.close();
            } catch (RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
