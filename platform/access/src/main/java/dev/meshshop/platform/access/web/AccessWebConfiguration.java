package dev.meshshop.platform.access.web;

import dev.meshshop.platform.access.AccessRequests;
import dev.meshshop.platform.access.Identities;
import dev.meshshop.platform.access.TrustedIdentities;
import dev.meshshop.platform.access.UsageLog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** The access API in a web application: {@code /api/access/**}, refusals as RFC 7807 problems. */
@Configuration(proxyBeanMethods = false)
public class AccessWebConfiguration {

    private static final Logger log = LoggerFactory.getLogger(AccessWebConfiguration.class);

    @Bean
    AccessController accessController(AccessRequests requests, UsageLog usage, Identities identities) {
        return new AccessController(requests, usage, identities);
    }

    @Bean
    AccessProblems accessProblems() {
        return new AccessProblems();
    }

    @Bean
    TrustWarning accessTrustWarning(Identities identities) {
        return new TrustWarning(identities);
    }

    /** Says loudly, once the application is up, when callers are trusted as they name themselves. */
    static final class TrustWarning {

        private final Identities identities;

        TrustWarning(Identities identities) {
            this.identities = identities;
        }

        @EventListener(ApplicationReadyEvent.class)
        void warn() {
            if (identities instanceof TrustedIdentities) {
                log.warn(TrustedIdentities.WARNING);
            }
        }
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
