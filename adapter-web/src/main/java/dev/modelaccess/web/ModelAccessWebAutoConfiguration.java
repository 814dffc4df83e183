package dev.modelaccess.web;

import dev.modelaccess.spring.ModelAccessAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;

/**
 * The HTTP API of model-access, served only in a servlet web application that switches it on with
 * {@code modelaccess.web.enabled=true}.
 */
@AutoConfiguration(after = ModelAccessAutoConfiguration.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnProperty(prefix = "modelaccess.web", name = "enabled", havingValue = "true")
@EnableConfigurationProperties(ModelAccessWebProperties.class)
public class ModelAccessWebAutoConfiguration {}
