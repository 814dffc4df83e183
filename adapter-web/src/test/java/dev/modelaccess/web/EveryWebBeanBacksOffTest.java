package dev.modelaccess.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/** Keeps the promise that a host can replace every bean the web module defines. */
class EveryWebBeanBacksOffTest {

    @Test
    void everyBeanMethodOfTheModulesAutoConfigurationsIsConditionalOnMissingBean() throws Exception {
        List<String> listed;
        try (InputStream in = getClass()
                .getClassLoader()
                .getResourceAsStream(
                        "META-INF/spring/org.springframework.boot.autoconfigure.AutoConfiguration.imports")) {
            listed = new String(in.readAllBytes(), StandardCharsets.UTF_8)
                    .lines()
                    .map(String::strip)
                    .filter(line -> line.startsWith("dev.modelaccess.web"))
                    .toList();
        }
        assertThat(listed).contains(ModelAccessWebAutoConfiguration.class.getName());
        List<String> beans = new ArrayList<>();
        List<String> withoutBackOff = new ArrayList<>();
        for (String name : listed) {
            Class<?> type = Class.forName(name);
            assertThat(type).hasAnnotation(AutoConfiguration.class);
            for (Class<?> declaring : withNested(type)) {
                for (Method method : declaring.getDeclaredMethods()) {
                    if (method.isAnnotationPresent(Bean.class)) {
                        beans.add(method.getName());
                        if (!method.isAnnotationPresent(ConditionalOnMissingBean.class)) {
                            withoutBackOff.add(declaring.getSimpleName() + "." + method.getName());
                        }
                    }
                }
            }
        }
        assertThat(beans).isNotEmpty();
        assertThat(withoutBackOff)
                .as("@Bean methods without @ConditionalOnMissingBean")
                .isEmpty();
    }

    private static List<Class<?>> withNested(Class<?> type) {
        List<Class<?>> all = new ArrayList<>(List.of(type));
        for (Class<?> nested : type.getDeclaredClasses()) {
            all.addAll(withNested(nested));
        }
        return all;
    }
}
