package dev.modelaccess.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.servlet.http.HttpServletRequest;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.util.unit.DataSize;

/** The limit's boundaries: exactly the limit passes, one byte more does not, declared or counted. */
class RequestBodyLimitFilterTest {

    private final RequestBodyLimitFilter filter = new RequestBodyLimitFilter(DataSize.ofBytes(10));

    @Test
    void aBodyOfExactlyTheLimitIsReadWhole() throws Exception {
        MockHttpServletRequest request = request(new byte[10], true);
        AtomicReference<byte[]> read = new AtomicReference<>();
        filter.doFilter(
                request,
                new MockHttpServletResponse(),
                (req, res) -> read.set(req.getInputStream().readAllBytes()));
        assertThat(read.get()).hasSize(10);
    }

    @Test
    void aDeclaredLengthOverTheLimitIs413AndTheChainNeverRuns() throws Exception {
        MockHttpServletResponse response = new MockHttpServletResponse();
        AtomicReference<Boolean> ran = new AtomicReference<>(false);
        filter.doFilter(request(new byte[11], true), response, (req, res) -> ran.set(true));
        assertThat(ran.get()).isFalse();
        assertThat(response.getStatus()).isEqualTo(413);
        assertThat(response.getContentType()).isEqualTo("application/problem+json");
        assertThat(response.getContentAsString()).contains("\"status\":413").contains("limit of 10 bytes");
    }

    @Test
    void anUndeclaredBodyIsCountedAndFailsPastTheLimit() throws Exception {
        MockHttpServletRequest request = request(new byte[11], false);
        filter.doFilter(
                request,
                new MockHttpServletResponse(),
                (req, res) -> assertThatThrownBy(() -> req.getInputStream().readAllBytes())
                        .isInstanceOf(RequestBodyTooLargeException.class));
        assertThat(request.getAttribute(RequestBodyLimitFilter.EXCEEDED))
                .isInstanceOf(RequestBodyTooLargeException.class);

        MockHttpServletRequest exact = request(new byte[10], false);
        filter.doFilter(
                exact,
                new MockHttpServletResponse(),
                (req, res) -> assertThat(
                                ((HttpServletRequest) req).getInputStream().readAllBytes())
                        .hasSize(10));
        assertThat(exact.getAttribute(RequestBodyLimitFilter.EXCEEDED)).isNull();
    }

    @Test
    void aPathWithALimitOfItsOwnTakesThatLimitAndTheOthersTheDefault() throws Exception {
        RequestBodyLimitFilter byPath = new RequestBodyLimitFilter(
                DataSize.ofBytes(10), java.util.Map.of("/api/admin/catalog/import", DataSize.ofBytes(100)));
        MockHttpServletRequest importing = request(new byte[100], true, "/api/admin/catalog/import");
        importing.setContextPath("/app");
        importing.setRequestURI("/app/api/admin/catalog/import");
        AtomicReference<byte[]> read = new AtomicReference<>();
        byPath.doFilter(
                importing,
                new MockHttpServletResponse(),
                (req, res) -> read.set(req.getInputStream().readAllBytes()));
        assertThat(read.get()).hasSize(100);

        MockHttpServletResponse tooLarge = new MockHttpServletResponse();
        byPath.doFilter(request(new byte[101], true, "/api/admin/catalog/import"), tooLarge, (req, res) -> {});
        assertThat(tooLarge.getStatus()).isEqualTo(413);
        assertThat(tooLarge.getContentAsString()).contains("limit of 100 bytes");

        MockHttpServletResponse elsewhere = new MockHttpServletResponse();
        byPath.doFilter(request(new byte[11], true, "/api/admin/rules"), elsewhere, (req, res) -> {});
        assertThat(elsewhere.getStatus()).isEqualTo(413);
    }

    private static MockHttpServletRequest request(byte[] body, boolean declared) {
        return request(body, declared, "/api/me/default-model");
    }

    private static MockHttpServletRequest request(byte[] body, boolean declared, String path) {
        MockHttpServletRequest request = new MockHttpServletRequest("PUT", path) {
            @Override
            public long getContentLengthLong() {
                return declared ? super.getContentLengthLong() : -1;
            }
        };
        request.setContent(body);
        return request;
    }
}
