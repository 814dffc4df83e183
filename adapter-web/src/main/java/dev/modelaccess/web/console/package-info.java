/**
 * The admin console: static files served from the module's jar under {@code modelaccess.web.console.path} with a
 * strict Content-Security-Policy, and the admin endpoints the console needs beyond the API's own (server-side
 * filtered and sorted list with counts, expiring models with their default users, a tier's dropdown preview, a
 * model's full detail).
 */
@NullMarked
package dev.modelaccess.web.console;

import org.jspecify.annotations.NullMarked;
