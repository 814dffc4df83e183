package dev.modelaccess.openrouter;

import feign.Request;

/** How a request is named in messages and logs: method and URL, which never hold a key (keys go in a header). */
final class Requests {

    private Requests() {}

    static String describe(Request request) {
        return request.httpMethod() + " " + request.url();
    }
}
