package dev.meshshop.platform.identity;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** A refused caller as a problem, whichever controller asked who was calling. */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class IdentityProblems {

    @ExceptionHandler
    ResponseEntity<ProblemDetail> refused(IdentityRefusal refusal) {
        var body = ProblemDetail.forStatusAndDetail(HttpStatus.valueOf(refusal.status()), refusal.getMessage());
        body.setTitle(refusal.title());
        return ResponseEntity.status(refusal.status())
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(body);
    }
}
