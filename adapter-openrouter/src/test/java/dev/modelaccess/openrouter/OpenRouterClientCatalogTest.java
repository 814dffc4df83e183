package dev.modelaccess.openrouter;

import static dev.modelaccess.testsupport.openrouter.LocalOpenRouter.json;
import static dev.modelaccess.testsupport.openrouter.LocalOpenRouter.raw;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.argumentSet;

import dev.modelaccess.core.IncompletePaginationException;
import dev.modelaccess.core.MalformedUpstreamResponseException;
import dev.modelaccess.core.UpstreamUnavailableException;
import dev.modelaccess.core.catalog.UpstreamModel;
import dev.modelaccess.core.sync.UpstreamSnapshot;
import dev.modelaccess.testsupport.openrouter.LocalOpenRouter;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class OpenRouterClientCatalogTest extends LocalOpenRouterTest {

    private static String model(String id) {
        return "{\"id\":\"" + id + "\",\"name\":\"" + id
                + "\",\"pricing\":{\"prompt\":\"0.000001\",\"completion\":\"0.000002\"}}";
    }

    private static String page(String next, Integer totalCount, String... ids) {
        StringBuilder body = new StringBuilder("{\"data\":[");
        for (int i = 0; i < ids.length; i++) {
            body.append(i == 0 ? "" : ",").append(model(ids[i]));
        }
        body.append("]");
        if (totalCount != null) {
            body.append(",\"total_count\":").append(totalCount);
        }
        body.append(",\"links\":{\"next\":")
                .append(next == null ? "null" : "\"" + next + "\"")
                .append("}}");
        return body.toString();
    }

    @Test
    void fetchesTheCatalogWithAllOutputModalitiesAndNoKeyByDefault() {
        openRouter.on("/api/v1/models", json(200, page(null, 2, "a/one", "b/two")));

        UpstreamSnapshot snapshot = client().build().fetchCatalog();

        assertThat(snapshot.models()).extracting(UpstreamModel::id).containsExactly("a/one", "b/two");
        assertThat(snapshot.invalidEntries()).isEmpty();
        assertThat(openRouter.received()).singleElement().satisfies(request -> {
            assertThat(request.method()).isEqualTo("GET");
            assertThat(request.pathAndQuery()).isEqualTo("/api/v1/models?output_modalities=all");
            assertThat(request.header("Authorization")).isNull();
            assertThat(request.header("Accept")).isEqualTo("application/json");
        });
    }

    @Test
    void sendsTheConfiguredCatalogKeyAndModalities() {
        openRouter.on("/api/v1/models", json(200, page(null, null, "a/one")));

        client().apiKey("sk-or-v1-abc+/=")
                .outputModalities("text,image")
                .build()
                .fetchCatalog();

        LocalOpenRouter.Received request = openRouter.received().getFirst();
        assertThat(request.header("Authorization")).isEqualTo("Bearer sk-or-v1-abc+/=");
        assertThat(request.pathAndQuery()).matches("/api/v1/models\\?output_modalities=text(,|%2C)image");
    }

    @Test
    void aBaseUrlWithATrailingSlashWorksTheSame() {
        openRouter.on("/api/v1/models", json(200, page(null, null, "a/one")));

        client().baseUrl(openRouter.baseUrl() + "/").build().fetchCatalog();

        assertThat(openRouter.received().getFirst().pathAndQuery()).isEqualTo("/api/v1/models?output_modalities=all");
    }

    @Test
    void followsRelativeAndAbsoluteNextLinksToTheEnd() {
        openRouter
                .on(
                        "/api/v1/models?output_modalities=all",
                        json(200, page("/api/v1/models?output_modalities=all&offset=2", 5, "a/1", "a/2")))
                .on(
                        "/api/v1/models?output_modalities=all&offset=2",
                        json(
                                200,
                                page(
                                        openRouter.origin() + "/api/v1/models?output_modalities=all&offset=4",
                                        5,
                                        "a/3",
                                        "a/4")))
                .on("/api/v1/models?output_modalities=all&offset=4", json(200, page(null, 5, "a/5")));

        UpstreamSnapshot snapshot = client().build().fetchCatalog();

        assertThat(snapshot.models()).extracting(UpstreamModel::id).containsExactly("a/1", "a/2", "a/3", "a/4", "a/5");
        assertThat(openRouter.received())
                .extracting(LocalOpenRouter.Received::pathAndQuery)
                .containsExactly(
                        "/api/v1/models?output_modalities=all",
                        "/api/v1/models?output_modalities=all&offset=2",
                        "/api/v1/models?output_modalities=all&offset=4");
    }

    @Test
    void aNextLinkKeepsItsPercentEncodedQuery() {
        openRouter
                .on("/api/v1/models?output_modalities=all", json(200, page("models?cursor=a%2Bb%3D&x=1", null, "a/1")))
                .on("/api/v1/models?cursor=a%2Bb%3D&x=1", json(200, page(null, null, "a/2")));

        UpstreamSnapshot snapshot = client().build().fetchCatalog();

        assertThat(snapshot.models()).hasSize(2);
        assertThat(openRouter.received().get(1).pathAndQuery()).isEqualTo("/api/v1/models?cursor=a%2Bb%3D&x=1");
    }

    @Test
    void aTotalCountThatDisagreesWithTheEntriesReceivedIsIncompletePagination() {
        openRouter.on("/api/v1/models", json(200, page(null, 3, "a/1", "a/2")));

        assertThatThrownBy(() -> client().build().fetchCatalog())
                .isInstanceOf(IncompletePaginationException.class)
                .hasMessageContaining("total_count says 3 models but 2 entries arrived");
    }

    @Test
    void invalidEntriesCountTowardsTheTotal() {
        openRouter.on(
                "/api/v1/models",
                json(200, "{\"data\":[" + model("a/1") + ",{\"name\":\"no id\"}],\"total_count\":2}"));

        UpstreamSnapshot snapshot = client().build().fetchCatalog();

        assertThat(snapshot.models()).hasSize(1);
        assertThat(snapshot.invalidEntries()).hasSize(1);
        assertThat(snapshot.entryCount()).isEqualTo(2);
    }

    @Test
    void aTotalCountThatChangesBetweenPagesIsIncompletePagination() {
        openRouter
                .on("/api/v1/models?output_modalities=all", json(200, page("/api/v1/models?offset=1", 2, "a/1")))
                .on("/api/v1/models?offset=1", json(200, page(null, 3, "a/2")));

        assertThatThrownBy(() -> client().build().fetchCatalog())
                .isInstanceOf(IncompletePaginationException.class)
                .hasMessageContaining("total_count changed between pages (2, then 3)");
    }

    @Test
    void aNextPageThatIsUnusableIsIncompletePagination() {
        openRouter
                .on("/api/v1/models?output_modalities=all", json(200, page("/api/v1/models?offset=1", null, "a/1")))
                .on(
                        "/api/v1/models?offset=1",
                        raw(200, "text/html", "<html>oops</html>".getBytes(StandardCharsets.UTF_8)));

        assertThatThrownBy(() -> client().build().fetchCatalog())
                .isInstanceOf(IncompletePaginationException.class)
                .hasMessageContaining("Page 2")
                .hasMessageContaining("text/html");
    }

    @Test
    void aNextPageThatKeepsFailingFailsTheFetch() {
        openRouter
                .on("/api/v1/models?output_modalities=all", json(200, page("/api/v1/models?offset=1", null, "a/1")))
                .on("/api/v1/models?offset=1", json(503, "{\"error\":{\"code\":503,\"message\":\"busy\"}}"));

        assertThatThrownBy(() -> client().build().fetchCatalog())
                .isInstanceOf(UpstreamUnavailableException.class)
                .hasMessageContaining("HTTP 503")
                .hasMessageContaining("offset=1");
        assertThat(openRouter.received()).hasSize(4);
    }

    @Test
    void aNextLinkToAnotherHostIsNotFollowed() {
        openRouter.on(
                "/api/v1/models", json(200, page("https://elsewhere.example/api/v1/models?offset=1", null, "a/1")));

        assertThatThrownBy(() -> client().apiKey("sk-or-v1-secret").build().fetchCatalog())
                .isInstanceOf(IncompletePaginationException.class)
                .hasMessageContaining("leads away from");
        assertThat(openRouter.received()).hasSize(1);
    }

    @Test
    void aNextLinkThatLoopsIsIncompletePagination() {
        openRouter
                .on("/api/v1/models?output_modalities=all", json(200, page("/api/v1/models?offset=1", null, "a/1")))
                .on("/api/v1/models?offset=1", json(200, page("/api/v1/models?output_modalities=all", null, "a/2")));

        assertThatThrownBy(() -> client().build().fetchCatalog())
                .isInstanceOf(IncompletePaginationException.class)
                .hasMessageContaining("already read");
    }

    @Test
    void aNextLinkThatIsNotAUrlIsIncompletePagination() {
        openRouter.on("/api/v1/models", json(200, page("http://[broken", null, "a/1")));

        assertThatThrownBy(() -> client().build().fetchCatalog())
                .isInstanceOf(IncompletePaginationException.class)
                .hasMessageContaining("not a URL");
    }

    @Test
    void anEmptyDataArrayIsAnEmptySnapshotForTheSyncGuardToJudge() {
        openRouter.on("/api/v1/models", json(200, "{\"data\":[],\"total_count\":0,\"links\":{\"next\":null}}"));

        UpstreamSnapshot snapshot = client().build().fetchCatalog();

        assertThat(snapshot.models()).isEmpty();
        assertThat(snapshot.invalidEntries()).isEmpty();
    }

    static Stream<Arguments> answersThatAreNotAModelList() {
        String whole = page(null, null, "a/1", "a/2");
        return Stream.of(
                argumentSet("an empty body", raw(200, "application/json", new byte[0]), "empty body"),
                argumentSet(
                        "an HTML page with status 200",
                        raw(200, "text/html; charset=utf-8", utf8("<!DOCTYPE html><title>Maintenance</title>")),
                        "content type 'text/html; charset=utf-8' instead of JSON"),
                argumentSet(
                        "an HTML page labelled as JSON",
                        json(200, "<!DOCTYPE html><title>Maintenance</title>"),
                        "not valid JSON"),
                argumentSet(
                        "a wrong content type, even when the body looks right",
                        raw(200, "text/plain", utf8(page(null, null, "a/1"))),
                        "'text/plain'"),
                argumentSet("truncated JSON", json(200, whole.substring(0, whole.length() / 2)), "not valid JSON"),
                argumentSet("a missing data array", json(200, "{\"models\":[]}"), "without a data array"),
                argumentSet(
                        "a data field that is not an array",
                        json(200, "{\"data\":{\"id\":\"a/1\"}}"),
                        "data field that is an object"),
                argumentSet("a no-content answer", raw(204, null, new byte[0]), "HTTP 204"));
    }

    @ParameterizedTest
    @MethodSource("answersThatAreNotAModelList")
    void anAnswerThatIsNotAModelListIsMalformed(LocalOpenRouter.Answer answer, String expectedMessage) {
        openRouter.on("/api/v1/models", answer);

        assertThatThrownBy(() -> client().build().fetchCatalog())
                .isInstanceOf(MalformedUpstreamResponseException.class)
                .hasMessageContaining(expectedMessage);
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void aMissingContentTypeIsToleratedWhenTheBodyIsJson() {
        openRouter.on("/api/v1/models", raw(200, null, page(null, null, "a/1").getBytes(StandardCharsets.UTF_8)));

        assertThat(client().build().fetchCatalog().models()).hasSize(1);
    }

    @Test
    void aBodyCutShortByTheConnectionIsRetriedAsAnIoErrorThenUnavailable() {
        openRouter.on("/api/v1/models", LocalOpenRouter.cutShort(page(null, null, "a/1")));

        assertThatThrownBy(() -> client().build().fetchCatalog())
                .isInstanceOf(UpstreamUnavailableException.class)
                .hasMessageContaining("all 3 attempts failed");
        assertThat(openRouter.received()).hasSize(3);
    }

    @Test
    void aBodyLargerThanTheLimitIsRefused() {
        openRouter.on("/api/v1/models", json(200, page(null, null, "a/1", "a/2", "a/3")));

        assertThatThrownBy(() -> client().build(200).fetchCatalog())
                .isInstanceOf(MalformedUpstreamResponseException.class)
                .hasMessageContaining("larger than 200 bytes");
    }

    @Test
    void aRedirectIsNotFollowed() {
        openRouter.on("/api/v1/models", raw(301, null, new byte[0], "Location", "https://elsewhere.example/"));

        assertThatThrownBy(() -> client().build().fetchCatalog())
                .isInstanceOf(UpstreamUnavailableException.class)
                .hasMessageContaining("HTTP 301");
        assertThat(openRouter.received()).hasSize(1);
    }
}
