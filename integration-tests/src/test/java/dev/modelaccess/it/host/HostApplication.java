package dev.modelaccess.it.host;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * A host application that adopts the starter the way the README's quick start says: the starter, a JDBC starter,
 * the PostgreSQL driver, and its own Flyway migrations ({@code db/host-app}, its own {@code V1__profiles.sql}) in
 * the same schema as the library's. It has its own {@code @EnableScheduling}, no web layer and no security.
 */
@SpringBootApplication
@EnableScheduling
public class HostApplication {}
