package dev.meshshop.platform.access;

/**
 * A request the mesh refuses, with what is wrong and how to fix it. {@code status} is the HTTP status that says
 * the same (400, 401, 403, 404, 409, ...); the web layer answers with it as an RFC 7807 problem, and the other
 * routes (input ports, Flight SQL) carry the message.
 */
public class MeshProblem extends RuntimeException {

    private final int status;
    private final String title;

    public MeshProblem(int status, String title, String detail) {
        super(detail);
        this.status = status;
        this.title = title;
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

    public static MeshProblem conflict(String title, String detail) {
        return new MeshProblem(409, title, detail);
    }

    public int status() {
        return status;
    }

    public String title() {
        return title;
    }
}
