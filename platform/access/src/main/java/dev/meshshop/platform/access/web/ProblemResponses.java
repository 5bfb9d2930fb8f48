package dev.meshshop.platform.access.web;

import dev.meshshop.platform.access.MeshProblem;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;

/** The mesh's refusals as RFC 7807 problems: {@code title}, {@code status} and a {@code detail} that says the fix. */
public final class ProblemResponses {

    private ProblemResponses() {}

    public static ResponseEntity<ProblemDetail> of(MeshProblem problem) {
        return of(HttpStatus.valueOf(problem.status()), problem.title(), problem.getMessage());
    }

    public static ResponseEntity<ProblemDetail> of(HttpStatus status, String title, String detail) {
        var body = ProblemDetail.forStatusAndDetail(status, detail);
        body.setTitle(title);
        return ResponseEntity.status(status)
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(body);
    }
}
