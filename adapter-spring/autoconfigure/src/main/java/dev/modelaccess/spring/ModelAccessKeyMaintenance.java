package dev.modelaccess.spring;

import dev.modelaccess.core.keys.ReencryptionReport;
import dev.modelaccess.core.keys.ReverificationReport;
import dev.modelaccess.core.keys.UserKeys;
import dev.modelaccess.core.port.JobLock;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The maintenance jobs on users' stored keys, each run by exactly one instance at a time across every instance
 * that shares the database ({@link JobLock}; a lease row per job in PostgreSQL with the starter's store). For an admin
 * endpoint or a job of the application's own:
 *
 * <ul>
 *   <li>{@link #reencryptAll()} after a key rotation, before the old key leaves the keyset;
 *   <li>{@link #reverifyAll()}, which {@code modelaccess.keys.reverify.*} also schedules.
 * </ul>
 *
 * Each answers empty when another instance (or thread) is running the same job, which then does the work.
 */
public final class ModelAccessKeyMaintenance {

    static final String REENCRYPT = "reencrypt-user-keys";
    static final String REVERIFY = "reverify-user-keys";

    private static final Logger LOG = LoggerFactory.getLogger(ModelAccessKeyMaintenance.class);

    private final UserKeys userKeys;
    private final JobLock lock;
    private final java.util.function.Consumer<ReverificationReport> afterReverification;

    public ModelAccessKeyMaintenance(UserKeys userKeys, JobLock lock) {
        this(userKeys, lock, report -> {});
    }

    /**
     * @param afterReverification told of every finished re-verification pass (e.g. to notify the admin of revoked
     *     keys); its failure is logged, never thrown
     */
    public ModelAccessKeyMaintenance(
            UserKeys userKeys, JobLock lock, java.util.function.Consumer<ReverificationReport> afterReverification) {
        this.userKeys = Objects.requireNonNull(userKeys, "userKeys");
        this.lock = Objects.requireNonNull(lock, "lock");
        this.afterReverification = Objects.requireNonNull(afterReverification, "afterReverification");
    }

    /** Re-encrypts every stored key under the primary key; empty when another instance is already doing it. */
    public Optional<ReencryptionReport> reencryptAll() {
        Optional<ReencryptionReport> report = lock.runExclusively(REENCRYPT, userKeys::reencryptAll);
        report.ifPresentOrElse(
                done -> LOG.info(
                        "Re-encrypted users' OpenRouter keys under key {}: {} examined, {} re-encrypted, {} failed,"
                                + " {} changed meanwhile",
                        done.primaryKeyId(),
                        done.examined(),
                        done.reencrypted(),
                        done.failed(),
                        done.changedMeanwhile()),
                () -> LOG.info("Users' OpenRouter keys are being re-encrypted by another instance; not run here"));
        return report;
    }

    /** Re-verifies every stored key with OpenRouter; empty when another instance is already doing it. */
    public Optional<ReverificationReport> reverifyAll() {
        Optional<ReverificationReport> report = lock.runExclusively(REVERIFY, userKeys::reverifyAll);
        report.ifPresentOrElse(
                done -> LOG.info(
                        "Re-verified {} user key(s): {} valid, {} invalid, {} unchecked (OpenRouter unavailable),"
                                + " {} undecryptable",
                        done.checked(),
                        done.valid(),
                        done.invalid(),
                        done.unavailable(),
                        done.undecryptable()),
                () -> LOG.info("Users' OpenRouter keys are being re-verified by another instance; not run here"));
        report.ifPresent(done -> {
            try {
                afterReverification.accept(done);
            } catch (RuntimeException e) {
                LOG.warn("Could not report the re-verification of users' keys: {}", e.getMessage(), e);
            }
        });
        return report;
    }
}
