package dev.modelaccess.notify;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Locale;

/** Refuses targets that are not http(s), or that resolve to a loopback, link-local or wildcard address. */
final class Targets {

    private final boolean allowLocal;

    Targets(boolean allowLocal) {
        this.allowLocal = allowLocal;
    }

    /**
     * @throws IllegalArgumentException when the URL is refused; a host that does not resolve (yet) is let through,
     *     the send fails on it later
     */
    void check(URI url) {
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !scheme.equals("http")) {
            throw new IllegalArgumentException("A notification target must be an http(s) URL");
        }
        String host = url.getHost();
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("A notification target URL needs a host");
        }
        try {
            refuseLocal(host);
        } catch (UnknownHostException e) {
            // checked again before each send
        }
    }

    /** Before each send: the host as it resolves now. */
    void checkBeforeSend(URI url) throws UnknownHostException {
        refuseLocal(url.getHost());
    }

    private void refuseLocal(String host) throws UnknownHostException {
        if (allowLocal) {
            return;
        }
        for (InetAddress address : InetAddress.getAllByName(host)) {
            if (address.isLoopbackAddress() || address.isLinkLocalAddress() || address.isAnyLocalAddress()) {
                throw new IllegalArgumentException("A notification target on a loopback, link-local or wildcard"
                        + " address is refused (" + address.getHostAddress() + "); set"
                        + " modelaccess.notifications.http.allow-local-targets=true to allow it");
            }
        }
    }
}
