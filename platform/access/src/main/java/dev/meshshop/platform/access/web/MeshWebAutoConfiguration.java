package dev.meshshop.platform.access.web;

import java.util.Map;
import org.apache.catalina.Valve;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.startup.Tomcat;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.web.servlet.error.ErrorMvcAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.boot.web.servlet.error.ErrorController;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.servlet.handler.SimpleUrlHandlerMapping;

/**
 * Every error answer of a mesh web application is an RFC 7807 problem ({@code application/problem+json}), whichever
 * API it comes from and whoever gives it: the APIs' refusals, Spring MVC's own errors (no such route, 405, 415),
 * the error page, and the errors Tomcat answers by itself (a malformed request). A request body is bounded by
 * {@code mesh.http.max-request-body} ({@link HttpLimits}).
 */
@AutoConfiguration(before = ErrorMvcAutoConfiguration.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@EnableConfigurationProperties(HttpLimits.class)
public class MeshWebAutoConfiguration {

    @Bean
    AllProblems allProblems() {
        return new AllProblems();
    }

    /** The error page: {@code server.error.path}, {@code /error} by default. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnMissingBean(ErrorController.class)
    static class ErrorPage {

        @Bean
        ProblemErrorController problemErrorController() {
            return new ProblemErrorController();
        }

        @Bean
        SimpleUrlHandlerMapping problemErrorMapping(
                ProblemErrorController controller, @Value("${server.error.path:${error.path:/error}}") String path) {
            return new SimpleUrlHandlerMapping(Map.of(path, controller), Ordered.HIGHEST_PRECEDENCE + 10);
        }
    }

    @Bean
    FilterRegistrationBean<RequestBodyLimit> requestBodyLimit(HttpLimits limits) {
        var registration = new FilterRegistrationBean<>(new RequestBodyLimit(limits));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
        registration.addUrlPatterns("/*");
        return registration;
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(Tomcat.class)
    static class TomcatErrors {

        /**
         * Puts {@link ProblemReportValve} in place of Tomcat's HTML error report, after Spring Boot has configured
         * its own.
         */
        @Bean
        WebServerFactoryCustomizer<TomcatServletWebServerFactory> problemReportValve() {
            return new WebServerFactoryCustomizer<>() {
                @Override
                public void customize(TomcatServletWebServerFactory factory) {
                    factory.addContextCustomizers(context -> {
                        var pipeline = context.getParent().getPipeline();
                        for (Valve valve : pipeline.getValves()) {
                            if (valve instanceof ErrorReportValve) {
                                pipeline.removeValve(valve);
                            }
                        }
                        pipeline.addValve(new ProblemReportValve());
                        if (context.getParent() instanceof StandardHost host) {
                            host.setErrorReportValveClass(ProblemReportValve.class.getName());
                        }
                    });
                }
            };
        }
    }
}
