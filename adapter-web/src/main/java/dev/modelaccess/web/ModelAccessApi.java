package dev.modelaccess.web;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a controller of model-access's API: the module resolves its caller before every handler runs (401 without
 * one) and, with {@link #admin()}, refuses non-admins (403), whatever the host's filter chain permits.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface ModelAccessApi {

    /** Whether every route of the controller needs an admin. */
    boolean admin() default false;
}
