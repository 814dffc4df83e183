package dev.modelaccess.spring;

import dev.modelaccess.core.keys.UserKeys;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Re-verifies every stored user key with OpenRouter on a schedule ({@code modelaccess.keys.reverify.cron} in {@code
 * modelaccess.keys.reverify.zone}), so that keys revoked at OpenRouter turn invalid here too. Off unless {@code
 * modelaccess.keys.reverify.enabled=true}. An OpenRouter outage leaves keys as they are (see {@link
 * UserKeys#reverifyAll()}). Every instance schedules it; one runs it ({@link ModelAccessKeyMaintenance#reverifyAll()}).
 */
public final class ModelAccessKeyReverifier implements SmartLifecycle {

    private static final Logger LOG = LoggerFactory.getLogger(ModelAccessKeyReverifier.class);

    private final ModelAccessKeyMaintenance maintenance;
    private final CronSchedule schedule;
    private final ModelAccessProperties.Reverify settings;

    public ModelAccessKeyReverifier(
            ModelAccessKeyMaintenance maintenance,
            ModelAccessTaskScheduler scheduler,
            ModelAccessProperties.Reverify settings) {
        this.maintenance = Objects.requireNonNull(maintenance, "maintenance");
        this.schedule = new CronSchedule(scheduler);
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    @Override
    public synchronized void start() {
        schedule.schedule(this::runScheduled, settings.cron(), settings.zone());
        LOG.info("Users' OpenRouter keys are re-verified at '{}' ({})", settings.cron(), settings.zone());
        schedule.started();
    }

    @Override
    public synchronized void stop() {
        schedule.stop();
    }

    @Override
    public boolean isRunning() {
        return schedule.isRunning();
    }

    /** One re-verification of every stored key; never throws, so the schedule keeps running. */
    void runScheduled() {
        try {
            maintenance.reverifyAll();
        } catch (RuntimeException e) {
            LOG.warn("The re-verification of users' OpenRouter keys failed; it runs again at the next schedule", e);
        }
    }
}
