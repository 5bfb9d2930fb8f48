package dev.meshshop.platform.identity.app;

import dev.meshshop.platform.identity.Callers;
import java.util.Map;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/** A web application with the mesh's identities and one API route that says who called it. */
@SpringBootApplication
class IdentityWebApplication {

    @RestController
    static class Echo {

        private final Callers callers;

        Echo(Callers callers) {
            this.callers = callers;
        }

        @GetMapping("/api/echo")
        Map<String, String> get() {
            var caller = callers.current();
            return Map.of("name", caller.name(), "domain", String.valueOf(caller.domain()));
        }

        @PostMapping("/api/echo")
        Map<String, String> post() {
            return get();
        }
    }
}
