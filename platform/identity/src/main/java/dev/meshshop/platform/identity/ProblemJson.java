package dev.meshshop.platform.identity;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.LinkedHashMap;

/** A refusal as RFC 7807 problem JSON, for the places that answer before any controller does. */
public final class ProblemJson {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ProblemJson() {}

    /**
     * {@code type}, {@code title}, {@code status}, {@code detail} and, given a path, {@code instance}; the caller
     * bounds what it repeats of a request.
     */
    public static byte[] bytes(int status, String title, String detail, String path) {
        var problem = new LinkedHashMap<String, Object>();
        problem.put("type", "about:blank");
        problem.put("title", title);
        problem.put("status", status);
        problem.put("detail", detail);
        if (path != null) {
            problem.put("instance", path);
        }
        try {
            return JSON.writeValueAsBytes(problem);
        } catch (IOException e) {
            throw new IllegalStateException("A problem is plain JSON", e);
        }
    }

    static String cut(String text, int max) {
        if (text == null) {
            return null;
        }
        return text.length() <= max ? text : text.substring(0, max) + "...";
    }
}
