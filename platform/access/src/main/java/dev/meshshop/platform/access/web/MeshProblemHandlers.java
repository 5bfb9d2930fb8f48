package dev.meshshop.platform.access.web;

import dev.meshshop.platform.access.MeshProblem;
import dev.meshshop.platform.access.UserText;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;

/**
 * Turns an API's refusals and unreadable bodies into RFC 7807 problems. An API extends it as a
 * {@code @RestControllerAdvice} for its own controllers and says what a readable body looks like. It comes before
 * the application-wide handler of every other error ({@code AllProblems}).
 */
@Order(Ordered.LOWEST_PRECEDENCE - 100)
public abstract class MeshProblemHandlers {

    /** An example of the body the API reads, for the problem that says a body was unreadable. */
    protected abstract String exampleBody();

    @ExceptionHandler
    public ResponseEntity<ProblemDetail> refused(MeshProblem problem) {
        return ProblemResponses.of(problem);
    }

    @ExceptionHandler
    public ResponseEntity<ProblemDetail> unreadable(HttpMessageNotReadableException e) {
        return ProblemResponses.of(
                HttpStatus.BAD_REQUEST,
                "Unreadable request body",
                "The body must be a JSON object such as " + exampleBody() + ": "
                        + UserText.cut(e.getMostSpecificCause().getMessage(), UserText.PURPOSE));
    }
}
