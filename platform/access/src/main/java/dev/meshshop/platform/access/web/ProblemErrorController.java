package dev.meshshop.platform.access.web;

import dev.meshshop.platform.access.UserText;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.boot.web.servlet.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.web.HttpRequestHandler;

/**
 * The server's error page, for errors that no controller answered (a filter's, the servlet container's): an RFC
 * 7807 problem like every other error of the mesh's APIs, in place of Spring Boot's white-label page. A plain
 * request handler rather than a controller, so that API documentation does not list it as an operation.
 */
final class ProblemErrorController implements ErrorController, HttpRequestHandler {

    @Override
    public void handleRequest(HttpServletRequest request, HttpServletResponse response) throws IOException {
        var code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        var status = HttpStatusCode.valueOf(code instanceof Integer value && value >= 400 ? value : 500);
        var known = HttpStatus.resolve(status.value());
        var path = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        var message = request.getAttribute(RequestDispatcher.ERROR_MESSAGE);
        String detail;
        if (status.value() == 404) {
            detail = nothingAt(String.valueOf(path));
        } else if (status.is5xxServerError()) {
            detail = "The server failed to answer this request; its log says why.";
        } else if (message instanceof String text && !text.isBlank()) {
            detail = text;
        } else {
            detail = known == null ? "The request was refused" : known.getReasonPhrase();
        }
        ProblemResponses.write(
                response,
                status,
                known == null ? "Error" : known.getReasonPhrase(),
                detail,
                path == null ? null : String.valueOf(path));
    }

    /** What a 404 says: the path, cut, and where the APIs are. */
    static String nothingAt(String path) {
        return "There is nothing at " + UserText.name(path) + ": the mesh's APIs are under /api (/api/products,"
                + " /api/access, /api/query), described at /v3/api-docs where the catalog runs";
    }
}
