package dev.meshshop.platform.access.web;

import dev.meshshop.platform.access.AccessRequests;
import dev.meshshop.platform.access.UsageLog;
import dev.meshshop.platform.identity.Callers;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** The access API in a web application: {@code /api/access/**}, refusals as RFC 7807 problems. */
@Configuration(proxyBeanMethods = false)
public class AccessWebConfiguration {

    @Bean
    AccessController accessController(AccessRequests requests, UsageLog usage, Callers callers) {
        return new AccessController(requests, usage, callers);
    }

    @Bean
    AccessProblems accessProblems() {
        return new AccessProblems();
    }

    /** Turns the access API's refusals and unreadable bodies into problems. */
    @RestControllerAdvice(assignableTypes = AccessController.class)
    static final class AccessProblems extends MeshProblemHandlers {

        @Override
        protected String exampleBody() {
            return "{\"consumer\":\"fulfillment\",\"product\":\"checkout.orders\",\"purpose\":\"...\"} or"
                    + " {\"reason\":\"...\"}";
        }
    }
}
