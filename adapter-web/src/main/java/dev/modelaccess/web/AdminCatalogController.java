package dev.modelaccess.web;

import dev.modelaccess.core.access.AccessRuleCache;
import dev.modelaccess.core.decisions.CatalogAsCode;
import dev.modelaccess.core.decisions.CatalogDecisions;
import dev.modelaccess.core.decisions.ImportRejectedException;
import dev.modelaccess.core.decisions.ImportReport;
import dev.modelaccess.core.policy.CatalogRuleCache;
import dev.modelaccess.core.succession.SuccessionCache;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.util.unit.DataSize;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The catalog as code, for admins:
 *
 * <ul>
 *   <li>{@code GET {base}/admin/catalog/export} - every admin decision as a file ({@link CatalogFile}): YAML, or JSON
 *       with {@code Accept: application/json}; models ordered by id, so that a diff in Git shows only what changed;
 *   <li>{@code POST {base}/admin/catalog/import?dry_run=true|false} - a file (YAML, or JSON by {@code Content-Type})
 *       compared with the catalog: the answer lists every change, from → to. {@code dry_run} is {@code true} unless
 *       given: only {@code dry_run=false} writes, all or nothing, recorded by {@code import}.
 * </ul>
 *
 * A file that cannot be read answers 400 naming the entry ({@code field}, e.g. {@code models[3].status}) and its
 * {@code line}; a change the lifecycle forbids 409 and a successor or tier default that may not be set 422, both
 * naming the entry; a body over {@code modelaccess.web.max-import-size} 413. Nothing is written in each case.
 */
@RestController
@ModelAccessApi(admin = true)
@RequestMapping("${modelaccess.web.base-path:/api}/admin/catalog")
class AdminCatalogController {

    static final MediaType YAML = MediaType.parseMediaType("application/yaml");

    private final CatalogAsCode catalog;
    private final CatalogFile files;
    private final AccessRuleCache access;
    private final @Nullable CatalogRuleCache rules;
    private final @Nullable SuccessionCache succession;

    AdminCatalogController(
            CatalogAsCode catalog,
            AccessRuleCache access,
            @Nullable CatalogRuleCache rules,
            @Nullable SuccessionCache succession,
            DataSize maxImportSize) {
        this.catalog = catalog;
        this.files = new CatalogFile(maxImportSize.toBytes());
        this.access = access;
        this.rules = rules;
        this.succession = succession;
    }

    /** Streams the file: YAML unless the caller accepts JSON and not YAML. */
    @GetMapping("/export")
    void export(
            @RequestHeader(name = HttpHeaders.ACCEPT, required = false) @Nullable String accept,
            HttpServletResponse response)
            throws IOException {
        boolean asJson = wantsJson(accept);
        CatalogDecisions decisions = catalog.export();
        response.setStatus(HttpStatus.OK.value());
        response.setContentType((asJson ? MediaType.APPLICATION_JSON : YAML) + ";charset=UTF-8");
        response.setHeader(
                HttpHeaders.CONTENT_DISPOSITION,
                "attachment; filename=\"model-access-catalog." + (asJson ? "json" : "yaml") + "\"");
        files.write(decisions, asJson, response.getOutputStream());
    }

    /** Compares the file with the catalog; writes its changes only with {@code dry_run=false}. */
    @PostMapping("/import")
    ImportView importFile(
            @RequestParam(name = "dry_run", defaultValue = "true") boolean dryRun, HttpServletRequest request)
            throws IOException {
        boolean asJson = isJson(request.getContentType());
        CatalogFile.Parsed parsed;
        try (InputStream body = request.getInputStream()) {
            parsed = files.read(body, asJson);
        } catch (RuntimeException e) {
            RequestBodyTooLargeException tooLarge = CatalogFile.tooLarge(e);
            if (tooLarge != null) {
                throw tooLarge;
            }
            throw e;
        }
        ImportReport report;
        try {
            report = catalog.importDecisions(parsed.decisions(), dryRun);
        } catch (ImportRejectedException e) {
            throw new Rejected(e, parsed.lineOf(e.field()));
        }
        if (report.applied() && !report.changesNothing()) {
            access.reloadQuietly();
            if (rules != null) {
                rules.reloadQuietly();
            }
            if (succession != null) {
                succession.reloadQuietly();
            }
        }
        return ImportView.of(report);
    }

    /** 400: the file cannot be read, with the entry and line. */
    @ExceptionHandler(CatalogFile.BadFileException.class)
    ResponseEntity<ProblemDetail> badFile(CatalogFile.BadFileException e) {
        return problem(HttpStatus.BAD_REQUEST, e.getMessage(), e.field(), e.line(), null);
    }

    /** 409 (lifecycle) or 422 (succession) or 400 (the file): the entry refused, its model and line. */
    @ExceptionHandler(Rejected.class)
    ResponseEntity<ProblemDetail> rejected(Rejected e) {
        ImportRejectedException cause = e.cause;
        HttpStatus status = switch (cause.reason()) {
            case INVALID -> HttpStatus.BAD_REQUEST;
            case LIFECYCLE -> HttpStatus.CONFLICT;
            case SUCCESSION -> HttpStatus.UNPROCESSABLE_CONTENT;
        };
        return problem(status, cause.getMessage(), cause.field(), e.line, cause.modelId());
    }

    /** 415: neither YAML nor JSON. */
    @ExceptionHandler(UnsupportedFileType.class)
    ResponseEntity<ProblemDetail> unsupported(UnsupportedFileType e) {
        return problem(HttpStatus.UNSUPPORTED_MEDIA_TYPE, e.getMessage(), "Content-Type", null, null);
    }

    private static ResponseEntity<ProblemDetail> problem(
            HttpStatus status, String detail, String field, @Nullable Integer line, @Nullable String model) {
        ProblemDetail problem = ModelAccessProblemHandler.problem(status, detail);
        problem.setProperty("field", field);
        if (line != null) {
            problem.setProperty("line", line);
        }
        if (model != null) {
            problem.setProperty("model", model);
        }
        problem.setProperty("errors", List.of(detail));
        return ResponseEntity.status(status)
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(problem);
    }

    /** JSON when the caller names JSON (not by a wildcard) with a higher quality than any YAML type it names. */
    static boolean wantsJson(@Nullable String accept) {
        if (accept == null || accept.isBlank()) {
            return false;
        }
        double json = 0;
        double yaml = 0;
        try {
            for (MediaType type : MediaType.parseMediaTypes(accept)) {
                if (type.isWildcardType() || type.isWildcardSubtype()) {
                    continue;
                }
                if (isYaml(type)) {
                    yaml = Math.max(yaml, type.getQualityValue());
                } else if (type.isCompatibleWith(MediaType.APPLICATION_JSON)) {
                    json = Math.max(json, type.getQualityValue());
                }
            }
        } catch (InvalidMediaTypeException e) {
            return false;
        }
        return json > yaml;
    }

    /** JSON for {@code application/json} (and {@code +json}), YAML for YAML types or none; else 415. */
    static boolean isJson(@Nullable String contentType) {
        if (contentType == null || contentType.isBlank()) {
            return false;
        }
        MediaType type;
        try {
            type = MediaType.parseMediaType(contentType);
        } catch (InvalidMediaTypeException e) {
            throw new UnsupportedFileType(contentType);
        }
        if (type.isCompatibleWith(MediaType.APPLICATION_JSON)
                || type.getSubtype().toLowerCase(Locale.ROOT).endsWith("+json")) {
            return true;
        }
        if (isYaml(type)) {
            return false;
        }
        throw new UnsupportedFileType(contentType);
    }

    private static boolean isYaml(MediaType type) {
        String subtype = type.getSubtype().toLowerCase(Locale.ROOT);
        return subtype.equals("yaml") || subtype.equals("x-yaml") || subtype.endsWith("+yaml");
    }

    /** An import refused by the core, with the line of the entry it names. */
    static final class Rejected extends RuntimeException {

        private static final long serialVersionUID = 1L;

        private final transient ImportRejectedException cause;
        private final @Nullable Integer line;

        Rejected(ImportRejectedException cause, @Nullable Integer line) {
            super(cause.getMessage(), cause);
            this.cause = cause;
            this.line = line;
        }
    }

    /** A body that is neither YAML nor JSON. */
    static final class UnsupportedFileType extends RuntimeException {

        private static final long serialVersionUID = 1L;

        UnsupportedFileType(String contentType) {
            super("Send the file as application/yaml or application/json, not "
                    + (contentType.length() > 100 ? contentType.substring(0, 100) : contentType));
        }
    }

    // -------------------------------------------------------------------------------------------------- views

    /** One field of a model: {@code status} and {@code successor} as text, the tier flags as booleans. */
    record FieldChangeView(
            String field, @Nullable Object from, @Nullable Object to) {
        static FieldChangeView of(ImportReport.FieldChange change) {
            boolean flag = change.field().startsWith("is_");
            return new FieldChangeView(
                    change.field(),
                    flag ? value(change.from()) : change.from(),
                    flag ? value(change.to()) : change.to());
        }

        private static @Nullable Boolean value(@Nullable String flag) {
            return flag == null ? null : Boolean.valueOf(flag);
        }
    }

    record ModelChangeView(String id, int index, List<FieldChangeView> changes) {
        static ModelChangeView of(ImportReport.ModelChange change) {
            return new ModelChangeView(
                    change.modelId(),
                    change.index(),
                    change.changes().stream().map(FieldChangeView::of).toList());
        }
    }

    record RuleChangeView(
            int index,
            String change,
            AdminPolicyController.@Nullable RuleView from,
            AdminPolicyController.@Nullable RuleView to) {
        static RuleChangeView of(ImportReport.RuleChange change) {
            return new RuleChangeView(
                    change.index(),
                    change.kind().name().toLowerCase(Locale.ROOT),
                    change.from() == null ? null : AdminPolicyController.RuleView.of(change.from()),
                    change.to() == null ? null : AdminPolicyController.RuleView.of(change.to()));
        }
    }

    record TierDefaultChangeView(
            String tier, @Nullable String from, @Nullable String to) {
        static TierDefaultChangeView of(ImportReport.TierDefaultChange change) {
            return new TierDefaultChangeView(change.tier().dbValue(), change.from(), change.to());
        }
    }

    /** What the import changes (or would change), from → to, and the counts. */
    record ImportView(
            boolean dryRun,
            boolean applied,
            int rowsWritten,
            List<ModelChangeView> models,
            List<RuleChangeView> rules,
            List<TierDefaultChangeView> tierDefaults,
            List<String> unknownModels,
            int changedModels,
            int unchangedModels) {
        static ImportView of(ImportReport report) {
            return new ImportView(
                    report.dryRun(),
                    report.applied(),
                    report.rowsWritten(),
                    report.models().stream().map(ModelChangeView::of).toList(),
                    report.rules().stream().map(RuleChangeView::of).toList(),
                    report.tierDefaults().stream()
                            .map(TierDefaultChangeView::of)
                            .toList(),
                    report.unknownModels(),
                    report.models().size(),
                    report.unchangedModels());
        }
    }
}
