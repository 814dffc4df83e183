package dev.modelaccess.spring;

import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;

/**
 * The scheduler model-access runs its jobs on (the catalog sync, the periodic rules reload): the application's own
 * {@link TaskScheduler} when it has exactly one, else a small one of model-access's own, created on first use and
 * shut down with the application context. It is not itself a {@code TaskScheduler} bean, so it never switches on
 * or takes over the application's {@code @Scheduled} methods.
 */
public final class ModelAccessTaskScheduler implements DisposableBean {

    private final @Nullable TaskScheduler host;
    private @Nullable ThreadPoolTaskScheduler own;

    public ModelAccessTaskScheduler(@Nullable TaskScheduler host) {
        this.host = host;
    }

    /** The scheduler to use. */
    public synchronized TaskScheduler scheduler() {
        if (host != null) {
            return host;
        }
        if (own == null) {
            ThreadPoolTaskScheduler scheduler = new ThreadPoolTaskScheduler();
            scheduler.setPoolSize(2);
            scheduler.setThreadNamePrefix("modelaccess-");
            scheduler.setDaemon(true);
            scheduler.setWaitForTasksToCompleteOnShutdown(false);
            scheduler.initialize();
            own = scheduler;
        }
        return Objects.requireNonNull(own);
    }

    /** Whether the application's own scheduler is used. */
    public boolean usesHostScheduler() {
        return host != null;
    }

    @Override
    public synchronized void destroy() {
        if (own != null) {
            own.shutdown();
            own = null;
        }
    }
}
