package dev.modelaccess.spring;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Properties;
import org.springframework.core.io.UrlResource;
import org.springframework.core.io.support.PropertiesLoaderUtils;

/** What the {@code META-INF/spring.factories} files on the class path (the starter's among them) register. */
final class StarterFactories {

    private StarterFactories() {}

    static List<String> names(Class<?> type) {
        try {
            List<String> names = new ArrayList<>();
            for (URL url : Collections.list(
                    StarterFactories.class.getClassLoader().getResources("META-INF/spring.factories"))) {
                Properties factories = PropertiesLoaderUtils.loadProperties(new UrlResource(url));
                Arrays.stream(factories.getProperty(type.getName(), "").split(","))
                        .map(String::strip)
                        .filter(name -> !name.isEmpty())
                        .forEach(names::add);
            }
            return names;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
