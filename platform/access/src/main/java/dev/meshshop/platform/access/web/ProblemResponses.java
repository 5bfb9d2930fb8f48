package dev.meshshop.platform.access.web;

import dev.meshshop.platform.access.MeshProblem;
import dev.meshshop.platform.access.UserText;
import dev.meshshop.platform.identity.ProblemJson;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/** The mesh's refusals as RFC 7807 problems: {@code title}, {@code status} and a {@code detail} that says the fix. */
public final class ProblemResponses {

    private ProblemResponses() {}

    /** The problem as an answer; a busy refusal carries {@code Retry-After}. */
    public static ResponseEntity<ProblemDetail> of(MeshProblem problem) {
        var answer = of(HttpStatus.valueOf(problem.status()), problem.title(), problem.getMessage());
        if (problem.retryAfterSeconds() > 0) {
            return ResponseEntity.status(answer.getStatusCode())
                    .headers(answer.getHeaders())
                    .header(HttpHeaders.RETRY_AFTER, Long.toString(problem.retryAfterSeconds()))
                    .body(answer.getBody());
        }
        return answer;
    }

    public static ResponseEntity<ProblemDetail> of(HttpStatusCode status, String title, String detail) {
        var body = ProblemDetail.forStatusAndDetail(status, UserText.cut(detail, UserText.DETAIL));
        body.setTitle(title);
        body.setInstance(instance());
        return ResponseEntity.status(status)
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(body);
    }

    /**
     * The path of the request being answered, cut ({@link UserText#name}), for a problem's {@code instance}: left
     * unset, Spring would repeat the whole path, which a caller chooses.
     */
    static URI instance() {
        if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes) {
            try {
                return new URI(null, null, UserText.name(attributes.getRequest().getRequestURI()), null);
            } catch (URISyntaxException e) {
                return URI.create("/");
            }
        }
        return null;
    }

    /** Writes a problem straight to a servlet response, for filters and the server's own errors. */
    static void write(HttpServletResponse response, HttpStatusCode status, String title, String detail, String path)
            throws IOException {
        response.resetBuffer();
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.setCharacterEncoding("UTF-8");
        byte[] problem = bytes(status.value(), title, detail, path);
        try {
            response.getOutputStream().write(problem);
        } catch (IllegalStateException usingWriter) { // the response was begun as text before the error
            response.getWriter().write(new String(problem, java.nio.charset.StandardCharsets.UTF_8));
        }
        response.flushBuffer();
    }

    /** A problem as JSON bytes: {@code type}, {@code title}, {@code status}, {@code detail}, {@code instance}. */
    static byte[] bytes(int status, String title, String detail, String path) {
        return ProblemJson.bytes(
                status, title, UserText.cut(detail, UserText.DETAIL), path == null ? null : UserText.name(path));
    }
}
