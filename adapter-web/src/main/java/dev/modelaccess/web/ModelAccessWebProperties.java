package dev.modelaccess.web;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.ConstructorBinding;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Configuration of model-access's HTTP API, under the prefix {@code modelaccess.web}.
 *
 * @param enabled Whether the API is served; off by default, so adding the module exposes nothing
 * @param basePath The path the API's routes are served under, e.g. {@code /api/models}
 * @param maxBodySize The largest request body the API's endpoints read; larger ones are answered 413 before parsing
 * @param maxImportSize The largest catalog file {@code POST {base}/admin/catalog/import} reads (an export of 50,000
 *     models with 45-character ids is 6.5 MB of YAML, 8.5 MB of JSON); larger ones are answered 413 before parsing
 * @param security How the caller of the API is resolved from the host's authentication
 * @param console The admin console served with the API
 */
@ConfigurationProperties("modelaccess.web")
public record ModelAccessWebProperties(
        @DefaultValue("false") boolean enabled,
        @DefaultValue("/api") String basePath,
        @DefaultValue("64KB") DataSize maxBodySize,
        @DefaultValue("32MB") DataSize maxImportSize,
        @DefaultValue Security security,
        @DefaultValue Console console) {

    /** The import limit unless set: {@value #DEFAULT_MAX_IMPORT_SIZE_MB} MB. */
    public static final long DEFAULT_MAX_IMPORT_SIZE_MB = 32;

    /** The constructor the properties are bound with. */
    @ConstructorBinding
    public ModelAccessWebProperties {}

    /** As before {@code maxImportSize} was there: the import limit is its default. */
    public ModelAccessWebProperties(
            boolean enabled, String basePath, DataSize maxBodySize, Security security, Console console) {
        this(enabled, basePath, maxBodySize, DataSize.ofMegabytes(DEFAULT_MAX_IMPORT_SIZE_MB), security, console);
    }

    /**
     * How the default caller resolver reads the host's authentication.
     *
     * @param adminClaim The dotted path of the JWT claim that marks an admin, e.g. {@code app_metadata.role}
     * @param adminValue The value of that claim that marks an admin
     * @param adminAuthority A granted authority that also marks an admin (session logins, a host's own roles)
     */
    public record Security(
            @DefaultValue("app_metadata.role") String adminClaim,
            @DefaultValue("admin") String adminValue,
            @DefaultValue("ROLE_MODEL_ACCESS_ADMIN") String adminAuthority) {}

    /**
     * The admin console.
     *
     * @param enabled Whether the console is served (it also needs the API switched on)
     * @param path The path the console is served under
     * @param signOutUrl The host's own sign-out address (e.g. {@code /logout}), for admins signed in with the host's
     *     session cookie: the console's Sign out posts there (with the CSRF token). Without it, the console offers no
     *     Sign out to them, since it cannot end a session it does not own
     */
    public record Console(
            @DefaultValue("false") boolean enabled,
            @DefaultValue("/model-access/") String path,
            @Nullable String signOutUrl) {}
}
