package dev.modelaccess.example.web;

import dev.modelaccess.web.ModelAccessWebProperties;
import dev.modelaccess.web.RequestBodyLimitFilter;
import java.util.List;
import org.apache.tomcat.util.buf.EncodedSolidusHandling;
import org.springframework.boot.tomcat.TomcatConnectorCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Web server settings. */
@Configuration(proxyBeanMethods = false)
class WebConfiguration {

    /**
     * Lets encoded slashes ({@code %2F}) through Tomcat so that Spring Security's firewall rejects them with a problem
     * document, like every other hostile path, instead of Tomcat's HTML error page.
     */
    @Bean
    TomcatConnectorCustomizer encodedSlashesReachTheFirewall() {
        return connector -> connector.setEncodedSolidusHandling(EncodedSolidusHandling.PASS_THROUGH.getValue());
    }

    /** The resources' request bodies are bounded like the API's own ({@code modelaccess.web.max-body-size}). */
    @Bean
    FilterRegistrationBean<RequestBodyLimitFilter> resourcesBodyLimit(ModelAccessWebProperties web) {
        FilterRegistrationBean<RequestBodyLimitFilter> registration =
                new FilterRegistrationBean<>(new RequestBodyLimitFilter(web.maxBodySize()));
        registration.setName("resourcesBodyLimit");
        registration.setUrlPatterns(List.of("/api/resources", "/api/resources/*"));
        return registration;
    }
}
