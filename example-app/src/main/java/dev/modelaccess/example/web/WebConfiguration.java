package dev.modelaccess.example.web;

import org.apache.tomcat.util.buf.EncodedSolidusHandling;
import org.springframework.boot.tomcat.TomcatConnectorCustomizer;
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
}
