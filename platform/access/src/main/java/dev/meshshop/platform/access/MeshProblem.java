package dev.meshshop.platform.access;

/**
 * A request the mesh refuses, with what is wrong and how to fix it. {@code status} is the HTTP status that says
 * the same (400, 401, 403, 404, 409, ...); the web layer answers with it as an RFC 7807 problem, and the other
 * routes (input ports, Flight SQL) carry the message. The detail is bounded ({@link UserText}): whatever a caller
 * sent, a refusal repeats at most a few thousand characters of it.
 */
public class MeshProblem extends RuntimeException {

    private final int status;
    private final String title;
    private final long retryAfterSeconds;

    /** @param detail what is wrong and how to fix it; cut at {@value UserText#DETAIL} characters */
    public MeshProblem(int status, String title, String detail) {
        super(UserText.cut(detail, UserText.DETAIL));
        this.status = status;
        this.title = title;
        this.retryAfterSeconds = 0;
    }

    private MeshProblem(int status, String title, String detail, long retryAfterSeconds) {
        super(UserText.cut(detail, UserText.DETAIL));
        this.status = status;
        this.title = title;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public static MeshProblem invalid(String detail) {
        return new MeshProblem(400, "Invalid request", detail);
    }

    public static MeshProblem unauthenticated(String detail) {
        return new MeshProblem(401, "No identity", detail);
    }

    public static MeshProblem forbidden(String title, String detail) {
        return new MeshProblem(403, title, detail);
    }

    public static MeshProblem notFound(String title, String detail) {
        return new MeshProblem(404, title, detail);
    }

    /** The service has no room for the request now; the caller tries again after {@code retryAfterSeconds}. */
    public static MeshProblem busy(String detail, long retryAfterSeconds) {
        return new MeshProblem(503, "Busy", detail, retryAfterSeconds);
    }

    public static MeshProblem conflict(String title, String detail) {
        return new MeshProblem(409, title, detail);
    }

    public int status() {
        return status;
    }

    public String title() {
        return title;
    }

    /** For a busy refusal (503), the seconds after which to try again; 0 otherwise. */
    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
