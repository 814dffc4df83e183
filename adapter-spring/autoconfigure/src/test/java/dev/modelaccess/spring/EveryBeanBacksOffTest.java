package dev.modelaccess.spring;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/** Keeps the promise that an application can replace every bean the starter defines. */
class EveryBeanBacksOffTest {

    @Test
    void everyListedClassIsAnAutoConfiguration() {
        assertThat(AutoConfigurationImports.classes())
                .isNotEmpty()
                .allSatisfy(type -> assertThat(type).hasAnnotation(AutoConfiguration.class));
    }

    @Test
    void everyBeanMethodOfEveryAutoConfigurationIsConditionalOnMissingBean() {
        List<String> beanMethods = new ArrayList<>();
        List<String> withoutBackOff = new ArrayList<>();
        for (Class<?> type : AutoConfigurationImports.classes()) {
            for (Class<?> declaring : withNested(type)) {
                for (Method method : declaring.getDeclaredMethods()) {
                    if (method.isAnnotationPresent(Bean.class)) {
                        beanMethods.add(declaring.getSimpleName() + "." + method.getName());
                        if (!method.isAnnotationPresent(ConditionalOnMissingBean.class)) {
                            withoutBackOff.add(declaring.getSimpleName() + "." + method.getName());
                        }
                    }
                }
            }
        }

        assertThat(beanMethods).isNotEmpty();
        assertThat(withoutBackOff)
                .as("@Bean methods without @ConditionalOnMissingBean")
                .isEmpty();
    }

    private static List<Class<?>> withNested(Class<?> type) {
        List<Class<?>> all = new ArrayList<>();
        all.add(type);
        Arrays.stream(type.getDeclaredClasses()).forEach(nested -> all.addAll(withNested(nested)));
        return all;
    }
}
