package dev.meshshop.platform.access.web;

import dev.meshshop.platform.access.MeshProblem;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;

/**
 * Turns an API's refusals and unreadable bodies into RFC 7807 problems. An API extends it as a
 * {@code @RestControllerAdvice} for its own controllers and says what a readable body looks like.
 */
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
                        + e.getMostSpecificCause().getMessage());
    }
}
