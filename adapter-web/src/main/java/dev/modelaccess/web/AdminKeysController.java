package dev.modelaccess.web;

import dev.modelaccess.core.keys.ReencryptionReport;
import dev.modelaccess.core.keys.ReverificationReport;
import dev.modelaccess.spring.ModelAccessKeyMaintenance;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The maintenance jobs on users' stored keys, for admins: re-encrypt every key under the keyset's primary key (after
 * a rotation) and re-verify every key with OpenRouter. Each runs on exactly one instance at a time across every
 * instance sharing the database; a call made while another instance runs the same job answers 409 and does nothing
 * here.
 */
@RestController
@ModelAccessApi(admin = true)
@RequestMapping("${modelaccess.web.base-path:/api}/admin/keys")
class AdminKeysController {

    static final String REENCRYPTING_ELSEWHERE =
            "Another instance is already re-encrypting users' keys; it does the work";
    static final String REVERIFYING_ELSEWHERE =
            "Another instance is already re-verifying users' keys; it does the work";

    private final ModelAccessKeyMaintenance maintenance;

    AdminKeysController(ModelAccessKeyMaintenance maintenance) {
        this.maintenance = maintenance;
    }

    @PostMapping("/reencrypt")
    ReencryptionView reencrypt() {
        return maintenance
                .reencryptAll()
                .map(ReencryptionView::of)
                .orElseThrow(() -> elsewhere(REENCRYPTING_ELSEWHERE));
    }

    @PostMapping("/reverify")
    ReverificationView reverify() {
        return maintenance
                .reverifyAll()
                .map(ReverificationView::of)
                .orElseThrow(() -> elsewhere(REVERIFYING_ELSEWHERE));
    }

    private static ErrorResponseException elsewhere(String detail) {
        return new ErrorResponseException(
                HttpStatus.CONFLICT, ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, detail), null);
    }

    /**
     * What one re-encryption pass did.
     *
     * @param primaryKeyId the key every row was moved to
     * @param examined rows found under another key
     * @param reencrypted rows now under the primary key
     * @param failed rows whose value does not decrypt (left as they were)
     * @param changedMeanwhile rows the user changed or deleted while the pass ran
     */
    record ReencryptionView(String primaryKeyId, int examined, int reencrypted, int failed, int changedMeanwhile) {

        static ReencryptionView of(ReencryptionReport report) {
            return new ReencryptionView(
                    report.primaryKeyId(),
                    report.examined(),
                    report.reencrypted(),
                    report.failed(),
                    report.changedMeanwhile());
        }
    }

    /**
     * What one re-verification pass did.
     *
     * @param checked rows looked at
     * @param valid keys OpenRouter accepted
     * @param invalid keys OpenRouter refused (now marked invalid)
     * @param unavailable keys OpenRouter could not answer about (left as they were)
     * @param undecryptable rows whose value does not decrypt (left as they were)
     * @param changedMeanwhile rows the user changed or deleted while the pass ran
     */
    record ReverificationView(
            int checked, int valid, int invalid, int unavailable, int undecryptable, int changedMeanwhile) {

        static ReverificationView of(ReverificationReport report) {
            return new ReverificationView(
                    report.checked(),
                    report.valid(),
                    report.invalid(),
                    report.unavailable(),
                    report.undecryptable(),
                    report.changedMeanwhile());
        }
    }
}
