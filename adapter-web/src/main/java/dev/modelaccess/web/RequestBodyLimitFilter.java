package dev.modelaccess.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.util.unit.DataSize;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Bounds request bodies before anything parses them: a {@code Content-Length} over the limit is answered 413 at once;
 * a body without one (chunked) is counted as it is read and fails with {@link RequestBodyTooLargeException} past the
 * limit, which the problem handler answers 413. The module registers it for its own routes; a host may register it
 * for its own (the example app does for its resources).
 */
public class RequestBodyLimitFilter extends OncePerRequestFilter {

    /** The request attribute holding the {@link RequestBodyTooLargeException} once a counted body passed the limit. */
    public static final String EXCEEDED = RequestBodyLimitFilter.class.getName() + ".exceeded";

    private final long defaultLimit;
    private final Map<String, Long> limitsByPath;
    private final ProblemWriter problems;

    /** A filter refusing bodies larger than {@code limit}. */
    public RequestBodyLimitFilter(DataSize limit) {
        this(limit, Map.of());
    }

    /**
     * A filter refusing bodies larger than {@code limit}, or than the limit given for the request's path (without the
     * context path, e.g. {@code /api/admin/catalog/import}).
     */
    public RequestBodyLimitFilter(DataSize limit, Map<String, DataSize> limitsByPath) {
        this.defaultLimit = limit.toBytes();
        Map<String, Long> byPath = new HashMap<>();
        limitsByPath.forEach((path, size) -> byPath.put(path, size.toBytes()));
        this.limitsByPath = Map.copyOf(byPath);
        this.problems = new ProblemWriter(ModelAccessJson.mapper());
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        long limit = limitsByPath.isEmpty()
                ? defaultLimit
                : limitsByPath.getOrDefault(
                        request.getRequestURI()
                                .substring(request.getContextPath().length()),
                        defaultLimit);
        if (request.getContentLengthLong() > limit) {
            problems.write(
                    request,
                    response,
                    HttpStatus.CONTENT_TOO_LARGE,
                    new RequestBodyTooLargeException(limit).getMessage());
            return;
        }
        chain.doFilter(new Limited(request, limit), response);
    }

    /** The request with its body counted. */
    private static final class Limited extends HttpServletRequestWrapper {

        private final long limit;
        private ServletInputStream counted;

        Limited(HttpServletRequest request, long limit) {
            super(request);
            this.limit = limit;
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            if (counted == null) {
                counted = new Counting(this, super.getInputStream(), limit);
            }
            return counted;
        }
    }

    /** Counts what is read and fails past the limit. */
    private static final class Counting extends ServletInputStream {

        private final HttpServletRequest request;
        private final ServletInputStream in;
        private final long limit;
        private long read;

        Counting(HttpServletRequest request, ServletInputStream in, long limit) {
            this.request = request;
            this.in = in;
            this.limit = limit;
        }

        @Override
        public int read() throws IOException {
            int b = in.read();
            if (b >= 0) {
                count(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = in.read(buffer, offset, length);
            if (n > 0) {
                count(n);
            }
            return n;
        }

        private void count(int n) throws RequestBodyTooLargeException {
            read += n;
            if (read > limit) {
                RequestBodyTooLargeException tooLarge = new RequestBodyTooLargeException(limit);
                request.setAttribute(EXCEEDED, tooLarge);
                throw tooLarge;
            }
        }

        @Override
        public boolean isFinished() {
            return in.isFinished();
        }

        @Override
        public boolean isReady() {
            return in.isReady();
        }

        @Override
        public void setReadListener(ReadListener listener) {
            in.setReadListener(listener);
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }
}
