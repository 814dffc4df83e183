package dev.modelaccess.example;

import java.util.HashMap;
import java.util.Map;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * In demo mode ({@link DemoMode}) the application (and its actuator port) listens on loopback only, unless {@code
 * server.address} is set: the
 * console's one-click admin token must not be one request away for anyone on the network. Runs after the
 * configuration files are read, so that demo mode is decided as everywhere else; the default it adds comes last, so
 * any configured {@code server.address} wins.
 */
public final class DemoLoopback implements EnvironmentPostProcessor, Ordered {

    static final String ADDRESS_PROPERTY = "server.address";
    static final String MANAGEMENT_ADDRESS_PROPERTY = "management.server.address";
    static final String LOOPBACK = "127.0.0.1";
    static final String SOURCE_NAME = "modelaccessDemoLoopback";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if (!DemoMode.isOn(environment) || environment.containsProperty(ADDRESS_PROPERTY)) {
            return;
        }
        Map<String, Object> loopback = new HashMap<>();
        loopback.put(ADDRESS_PROPERTY, LOOPBACK);
        if (!environment.containsProperty(MANAGEMENT_ADDRESS_PROPERTY)) {
            loopback.put(MANAGEMENT_ADDRESS_PROPERTY, LOOPBACK);
        }
        environment.getPropertySources().addLast(new MapPropertySource(SOURCE_NAME, loopback));
    }

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }
}
