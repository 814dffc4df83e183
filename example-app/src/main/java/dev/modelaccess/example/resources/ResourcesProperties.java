package dev.modelaccess.example.resources;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Users' resources.
 *
 * @param maxPerUser How many resources one user may hold (at least 1); creating one more is answered 422, naming the
 *     limit.
 */
@ConfigurationProperties("app.resources")
public record ResourcesProperties(@DefaultValue("100") int maxPerUser) {}
