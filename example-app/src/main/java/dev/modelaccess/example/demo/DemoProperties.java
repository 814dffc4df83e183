package dev.modelaccess.example.demo;

import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The demo mode.
 *
 * @param enabled Whether to run as a demo (demo users, approvals, printed tokens); by default exactly when no
 *     {@code spring.datasource.url} is configured.
 * @param tokenValidity How long the printed demo tokens are valid. Tokens are printed only when the secret was generated
 *     for the run (no app.security.jwt-secret or jwk-set-uri configured).
 * @param startupSyncWait How long to wait for the start-up sync before falling back to the demo catalog.
 */
@ConfigurationProperties("app.demo")
public record DemoProperties(
        @Nullable Boolean enabled,
        @DefaultValue("24h") Duration tokenValidity,
        @DefaultValue("3m") Duration startupSyncWait) {}
