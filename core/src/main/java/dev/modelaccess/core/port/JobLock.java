package dev.modelaccess.core.port;

import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * Runs a maintenance job (re-verifying or re-encrypting users' keys) on one instance at a time: every instance that
 * shares the database contends for one lock per job name, and the ones that lose do not run it.
 */
public interface JobLock {

    /**
     * Runs {@code work} unless the job named {@code job} is running elsewhere (another instance, another thread).
     *
     * @return what the work answered, or empty when the job was already running elsewhere and this call did nothing
     * @throws dev.modelaccess.core.StoreException when the lock itself could not be taken or released
     */
    <T> Optional<T> runExclusively(String job, Supplier<? extends T> work);

    /** A lock for a single process (an application without a shared database lock): one run per job at a time. */
    static JobLock inProcess() {
        ConcurrentHashMap<String, ReentrantLock> locks = new ConcurrentHashMap<>();
        return new JobLock() {
            @Override
            public <T> Optional<T> runExclusively(String job, Supplier<? extends T> work) {
                ReentrantLock lock = locks.computeIfAbsent(job, name -> new ReentrantLock());
                if (!lock.tryLock()) {
                    return Optional.empty();
                }
                try {
                    return Optional.of(work.get());
                } finally {
                    lock.unlock();
                }
            }
        };
    }
}
