package dev.meshshop.platform.access.web;

import dev.meshshop.platform.access.MeshProblem;
import dev.meshshop.platform.access.UserText;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.ServletWebRequest;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * The last word on every error a controller of the application raises, whichever API it belongs to: Spring MVC's
 * own (no such route, method not allowed, unsupported media type, a missing parameter), the mesh's refusals and
 * anything unexpected, each as an RFC 7807 problem ({@code application/problem+json}). An API's own advice (see
 * {@link MeshProblemHandlers}) comes first and says more about its bodies.
 */
@RestControllerAdvice
@Order(Ordered.LOWEST_PRECEDENCE)
final class AllProblems extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(AllProblems.class);

    @ExceptionHandler
    ResponseEntity<ProblemDetail> refused(MeshProblem problem) {
        return ProblemResponses.of(problem);
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> unexpected(Exception e, WebRequest request) {
        log.error("Unexpected error answering {}", UserText.name(request.getDescription(false)), e);
        return ProblemResponses.of(
                HttpStatus.INTERNAL_SERVER_ERROR,
                "Internal error",
                "The server failed to answer this request; its log says why. Try again, and tell the mesh's"
                        + " operator if it fails again.");
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(
            HttpMessageNotReadableException e, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        var cause = e.getMostSpecificCause().getMessage();
        return createResponseEntity(
                ProblemDetail.forStatusAndDetail(
                        status,
                        "The body must be readable JSON of the kind this route takes: "
                                + UserText.cut(cause, UserText.PURPOSE)),
                headers,
                status,
                request);
    }

    @Override
    protected ResponseEntity<Object> handleNoResourceFoundException(
            NoResourceFoundException e, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        String path = request instanceof ServletWebRequest servlet
                ? servlet.getRequest().getRequestURI()
                : "/" + e.getResourcePath();
        var problem = ProblemDetail.forStatusAndDetail(status, ProblemErrorController.nothingAt(path));
        problem.setTitle("Not found");
        return createResponseEntity(problem, headers, status, request);
    }

    @Override
    protected ResponseEntity<Object> createResponseEntity(
            Object body, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        var problem = body instanceof ProblemDetail detail ? detail : ProblemDetail.forStatus(status);
        if (problem.getTitle() == null || problem.getTitle().isBlank()) {
            var known = HttpStatus.resolve(status.value());
            problem.setTitle(known == null ? "Error" : known.getReasonPhrase());
        }
        problem.setDetail(UserText.cut(problem.getDetail(), UserText.DETAIL));
        problem.setInstance(ProblemResponses.instance());
        var answer = new HttpHeaders();
        answer.addAll(headers);
        answer.setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        return new ResponseEntity<>(problem, answer, status);
    }
}
