package dev.modelaccess.openrouter;

import dev.modelaccess.testsupport.openrouter.LocalOpenRouter;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;

/**
 * The setup the {@code OpenRouterClient*Test} classes share: a fresh loopback stand-in for OpenRouter per test, and
 * a client aimed at it that records the waits it would sleep in {@link #waits} instead of sleeping.
 */
abstract class LocalOpenRouterTest {

    final LocalOpenRouter openRouter = LocalOpenRouter.start();
    final List<Duration> waits = new ArrayList<>();

    @AfterEach
    void stopOpenRouter() {
        openRouter.close();
    }

    /** The base URL of a loopback port that was free a moment ago and that nothing listens on: connecting is refused. */
    static String refusingBaseUrl() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return "http://127.0.0.1:" + socket.getLocalPort() + "/api/v1";
        }
    }

    /** A generous read timeout: answers on a busy machine must never time out; a timeout test sets its own. */
    OpenRouterClient.Builder client() {
        return OpenRouterClient.builder()
                .baseUrl(openRouter.baseUrl())
                .readTimeout(Duration.ofSeconds(10))
                .sleeper(waits::add);
    }
}
