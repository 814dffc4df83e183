package dev.modelaccess.spring;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.benmanes.caffeine.cache.Ticker;
import dev.modelaccess.core.UpstreamUnavailableException;
import dev.modelaccess.core.access.LiveModels;
import dev.modelaccess.core.catalog.UpstreamModel;
import dev.modelaccess.core.port.ModelCatalogSource;
import dev.modelaccess.core.sync.UpstreamSnapshot;
import dev.modelaccess.testsupport.time.MutableClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class CaffeineLiveCatalogTest {

    private static final Duration TTL = Duration.ofMinutes(10);
    private static final Duration BACKOFF = Duration.ofSeconds(30);

    private final MutableClock clock = new MutableClock(Catalogs.T0);
    private final AtomicLong nanos = new AtomicLong();
    private final Ticker ticker = nanos::get;
    private final ScriptedSource source = new ScriptedSource();

    /** Fetches run on the calling thread, so every test is deterministic. */
    private CaffeineLiveCatalog catalog() {
        return new CaffeineLiveCatalog(source, TTL, BACKOFF, clock, ticker, Runnable::run);
    }

    /** A catalog that read the first answer, then the clock moved past the TTL. */
    private CaffeineLiveCatalog readOnceThenPastTheTtl() {
        CaffeineLiveCatalog catalog = catalog();
        catalog.current();
        advance(TTL.plusSeconds(1));
        return catalog;
    }

    private void advance(Duration duration) {
        clock.advance(duration);
        nanos.addAndGet(duration.toNanos());
    }

    @Test
    void theFirstReadStartsAFetchAndServesItsList() {
        source.answers.add(List.of("a/one", "a/two"));
        CaffeineLiveCatalog catalog = catalog();

        LiveModels live = catalog.current().orElseThrow();

        assertThat(live.models()).extracting(UpstreamModel::id).containsExactly("a/one", "a/two");
        assertThat(live.fetchedAt()).isEqualTo(Catalogs.T0);
        assertThat(catalog.fetchedAt()).contains(Catalogs.T0);
    }

    @Test
    void withinTheTtlTheListIsServedFromMemory() {
        source.answers.add(List.of("a/one"));
        CaffeineLiveCatalog catalog = catalog();
        catalog.current();

        advance(TTL.minusSeconds(1));
        catalog.current();
        catalog.current();

        assertThat(source.calls).hasValue(1);
    }

    @Test
    void pastTheTtlTheNextReadFetchesAgain() {
        source.answers.add(List.of("a/one"));
        source.answers.add(List.of("a/one", "a/new"));
        CaffeineLiveCatalog catalog = readOnceThenPastTheTtl();
        catalog.current();

        assertThat(source.calls).hasValue(2);
        assertThat(catalog.current().orElseThrow().models())
                .extracting(UpstreamModel::id)
                .containsExactly("a/one", "a/new");
    }

    @Test
    void aFailedRefreshKeepsTheLastGoodListUntilTheNextTtl() {
        source.answers.add(List.of("a/one"));
        source.answers.add(null);
        source.answers.add(List.of("a/two"));
        CaffeineLiveCatalog catalog = readOnceThenPastTheTtl();
        LiveModels afterFailure = catalog.current().orElseThrow();

        assertThat(source.calls).hasValue(2);
        assertThat(afterFailure.models()).extracting(UpstreamModel::id).containsExactly("a/one");
        assertThat(afterFailure.fetchedAt()).isEqualTo(Catalogs.T0);

        advance(Duration.ofMinutes(1));
        catalog.current();
        assertThat(source.calls).as("no new attempt before the next TTL").hasValue(2);

        advance(TTL);
        catalog.current();
        assertThat(catalog.current().orElseThrow().models())
                .extracting(UpstreamModel::id)
                .containsExactly("a/two");
    }

    /** OpenRouter answering {@code {"data":[]}} must not empty every dropdown (and refuse every isAllowed). */
    @Test
    void anEmptyListIsRefusedAndTheLastGoodListStaysInUse() {
        source.answers.add(List.of("a/one", "a/two"));
        source.answers.add(List.of());
        CaffeineLiveCatalog catalog = readOnceThenPastTheTtl();
        catalog.current();

        assertThat(source.calls).hasValue(2);
        assertThat(catalog.current().orElseThrow().models())
                .extracting(UpstreamModel::id)
                .containsExactly("a/one", "a/two");
        assertThat(catalog.fetchedAt()).contains(Catalogs.T0);
    }

    @Test
    void aListShrunkBelowTheMinimumRatioOfTheLastGoodListIsRefusedAndOneAtTheRatioAccepted() {
        List<String> ten = java.util.stream.IntStream.range(0, 10)
                .mapToObj(i -> "p/model-" + i)
                .toList();
        source.answers.add(ten);
        source.answers.add(ten.subList(0, 4));
        source.answers.add(ten.subList(0, 5));
        CaffeineLiveCatalog catalog = new CaffeineLiveCatalog(source, TTL, BACKOFF, 0.5, clock, ticker, Runnable::run);
        catalog.current();

        advance(TTL.plusSeconds(1));
        catalog.current();
        assertThat(source.calls).hasValue(2);
        assertThat(catalog.current().orElseThrow().models()).hasSize(10);

        advance(TTL.plusSeconds(1));
        catalog.current();
        assertThat(source.calls).hasValue(3);
        assertThat(catalog.current().orElseThrow().models()).hasSize(5);
    }

    @Test
    void anEmptyFirstListIsRefusedAndTheDatabaseModelsAreServed() {
        source.answers.add(List.of());
        source.answers.add(List.of("a/one"));
        CaffeineLiveCatalog catalog = catalog();

        assertThat(catalog.current()).isEmpty();
        assertThat(catalog.fetchedAt()).isEmpty();

        advance(BACKOFF);
        catalog.current();
        assertThat(catalog.current()).isPresent();
    }

    @Test
    void beforeAnyFetchSucceededReadsAreEmptyAndRetryAtMostOncePerBackoff() {
        source.answers.add(null);
        source.answers.add(null);
        source.answers.add(List.of("a/one"));
        CaffeineLiveCatalog catalog = catalog();

        assertThat(catalog.current()).isEmpty();
        assertThat(catalog.current()).isEmpty();
        advance(BACKOFF.minusSeconds(1));
        assertThat(catalog.current()).isEmpty();
        assertThat(source.calls).hasValue(1);

        advance(Duration.ofSeconds(1));
        catalog.current();
        assertThat(source.calls).hasValue(2);
        assertThat(catalog.fetchedAt()).isEmpty();

        advance(BACKOFF);
        catalog.current();
        assertThat(catalog.current()).isPresent();
        assertThat(source.calls).hasValue(3);
    }

    @Test
    void fetchedAtNeverStartsAFetch() {
        CaffeineLiveCatalog catalog = catalog();

        assertThat(catalog.fetchedAt()).isEmpty();
        assertThat(source.calls).hasValue(0);
    }

    @Test
    void readersNeverWaitForUpstreamAndOnlyOneFetchRunsAtATime() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger inFlight = new AtomicInteger();
        AtomicInteger maxInFlight = new AtomicInteger();
        ModelCatalogSource slow = () -> {
            maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            inFlight.decrementAndGet();
            return UpstreamSnapshot.of(List.of(Catalogs.upstream("a/slow")));
        };
        CaffeineLiveCatalog catalog = new CaffeineLiveCatalog(slow, TTL, BACKOFF, clock);

        List<Thread> readers = new ArrayList<>();
        AtomicInteger servedSomething = new AtomicInteger();
        for (int i = 0; i < 20; i++) {
            readers.add(Thread.ofPlatform().start(() -> {
                if (catalog.current().isPresent()) {
                    servedSomething.incrementAndGet();
                }
            }));
        }
        for (Thread reader : readers) {
            reader.join(10_000);
            assertThat(reader.isAlive()).as("a reader waited for upstream").isFalse();
        }
        assertThat(servedSomething)
                .as("nothing to serve before the fetch finished")
                .hasValue(0);
        release.countDown();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (catalog.fetchedAt().isEmpty() && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }

        assertThat(catalog.current()).isPresent();
        assertThat(maxInFlight).hasValue(1);
    }

    /** Answers one scripted list per call; {@code null} stands for an upstream failure. */
    private static final class ScriptedSource implements ModelCatalogSource {
        final List<List<String>> answers = new ArrayList<>();
        final AtomicInteger calls = new AtomicInteger();

        @Override
        public UpstreamSnapshot fetchCatalog() {
            int call = calls.getAndIncrement();
            List<String> ids = call < answers.size() ? answers.get(call) : answers.get(answers.size() - 1);
            if (ids == null) {
                throw UpstreamUnavailableException.status("OpenRouter is down", 503);
            }
            return UpstreamSnapshot.of(ids.stream().map(Catalogs::upstream).toList());
        }
    }
}
