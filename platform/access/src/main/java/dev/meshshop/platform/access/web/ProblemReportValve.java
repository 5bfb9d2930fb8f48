package dev.meshshop.platform.access.web;

import dev.meshshop.platform.access.UserText;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.http.HttpStatus;

/**
 * Tomcat's own error answers as RFC 7807 problems: what the server refuses before the application sees the request
 * (a malformed request line, an invalid character in the path, a header too large) would otherwise be an HTML page.
 */
public final class ProblemReportValve extends ErrorReportValve {

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int status = response.getStatus();
        if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        var known = HttpStatus.resolve(status);
        String title = known == null ? "Error" : known.getReasonPhrase();
        String detail = status == 400
                ? "The server could not read this HTTP request (" + UserText.cut(response.getMessage(), 300)
                        + "): check the request"
                        + " line, percent-encode special characters of the path and query, and send valid headers"
                : status >= 500 ? "The server failed to answer this request; its log says why." : title;
        try {
            response.setContentType("application/problem+json");
            response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        } catch (Throwable ignored) {
            // the response may refuse headers now; the body still says what happened
        }
        try {
            Writer writer = response.getReporter();
            if (writer != null) {
                writer.write(new String(ProblemResponses.bytes(status, title, detail, null), StandardCharsets.UTF_8));
                response.finishResponse();
            }
        } catch (IOException | IllegalStateException ignored) {
            // the connection is gone
        }
    }
}
