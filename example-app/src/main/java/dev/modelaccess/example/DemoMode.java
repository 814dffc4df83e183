package dev.modelaccess.example;

import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * Whether the application runs as a demo: {@code app.demo.enabled} when set, else exactly when it runs on its
 * embedded PostgreSQL. In demo mode it writes demo users and approvals, listens on loopback unless {@code
 * server.address} is set ({@link DemoLoopback}), and, when no key is configured ({@code app.security.jwt-secret},
 * {@code app.security.jwk-set-uri}), generates an HS256 secret for the run and prints and serves the demo users' tokens
 * signed with it. With a configured key it mints no tokens anywhere (they would be accepted by every other service
 * that trusts that key; the token endpoints answer 404) and logs why.
 */
public final class DemoMode implements Condition {

    static final String PROPERTY = "app.demo.enabled";

    @Override
    public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
        return isOn(context.getEnvironment());
    }

    public static boolean isOn(Environment environment) {
        String configured = environment.getProperty(PROPERTY);
        return configured != null && !configured.isBlank()
                ? Boolean.parseBoolean(configured.strip())
                : EmbeddedDatabase.isEmbedded(environment);
    }
}
