package dev.modelaccess.core;

/**
 * The root of every exception model-access throws. Adapters translate their libraries' exceptions (Feign,
 * Jackson, jOOQ, JDBC) into a subtype of this at their boundary, so callers catch one type.
 */
public class ModelAccessException extends RuntimeException {

    public ModelAccessException(String message) {
        super(message);
    }

    public ModelAccessException(String message, Throwable cause) {
        super(message, cause);
    }
}
