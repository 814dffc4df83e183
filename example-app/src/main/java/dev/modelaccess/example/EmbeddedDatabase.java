package dev.modelaccess.example;

import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * Whether the application runs on its embedded PostgreSQL: exactly when no {@code spring.datasource.url} is
 * configured.
 */
public final class EmbeddedDatabase implements Condition {

    static final String URL_PROPERTY = "spring.datasource.url";

    @Override
    public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
        return isEmbedded(context.getEnvironment());
    }

    public static boolean isEmbedded(Environment environment) {
        String url = environment.getProperty(URL_PROPERTY);
        return url == null || url.isBlank();
    }
}
