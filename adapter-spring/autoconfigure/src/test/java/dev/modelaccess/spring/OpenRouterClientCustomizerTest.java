package dev.modelaccess.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.modelaccess.core.UpstreamUnavailableException;
import dev.modelaccess.openrouter.OpenRouterClient;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.Ordered;

/** {@link OpenRouterClientCustomizer}s reach the auto-configured client, in order, after the properties. */
class OpenRouterClientCustomizerTest {

    private final AtomicInteger requests = new AtomicInteger();
    private final List<String> applied = new CopyOnWriteArrayList<>();
    private HttpServer openRouter;

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(ModelAccessOpenRouterAutoConfiguration.class))
            // The properties point nowhere: only a customizer can send the client to the stand-in.
            .withPropertyValues("modelaccess.openrouter.base-url=http://127.0.0.1:9/api/v1");

    @BeforeEach
    void startOpenRouterThatIsDown() throws IOException {
        openRouter = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        openRouter.createContext("/", exchange -> {
            requests.incrementAndGet();
            exchange.sendResponseHeaders(503, -1);
            exchange.close();
        });
        openRouter.start();
    }

    @AfterEach
    void stopOpenRouter() {
        openRouter.stop(0);
    }

    private String baseUrl() {
        return "http://127.0.0.1:" + openRouter.getAddress().getPort() + "/api/v1";
    }

    private OpenRouterClientCustomizer customizer(String name, int order, OpenRouterClientCustomizer work) {
        return new OrderedCustomizer(order, builder -> {
            applied.add(name);
            work.customize(builder);
        });
    }

    @Test
    void everyCustomizerIsAppliedInOrderAfterThePropertiesAndTheLastWordWins() {
        runner.withBean(
                        "second",
                        OpenRouterClientCustomizer.class,
                        () -> customizer("second", 2, builder -> builder.maxAttempts(4)))
                .withBean(
                        "first",
                        OpenRouterClientCustomizer.class,
                        () -> customizer(
                                "first",
                                1,
                                builder -> builder.baseUrl(baseUrl())
                                        .maxAttempts(2)
                                        .sleeper(duration -> {})))
                .run(context -> {
                    OpenRouterClient client = context.getBean(OpenRouterClient.class);
                    assertThat(applied).containsExactly("first", "second");

                    assertThatThrownBy(client::fetchCatalog)
                            .isInstanceOfSatisfying(
                                    UpstreamUnavailableException.class,
                                    e -> assertThat(e.status()).isEqualTo(503));
                    assertThat(requests)
                            .as("attempts: the second customizer's 4")
                            .hasValue(4);
                });
    }

    private record OrderedCustomizer(int order, OpenRouterClientCustomizer work)
            implements OpenRouterClientCustomizer, Ordered {

        @Override
        public void customize(OpenRouterClient.Builder builder) {
            work.customize(builder);
        }

        @Override
        public int getOrder() {
            return order;
        }
    }
}
