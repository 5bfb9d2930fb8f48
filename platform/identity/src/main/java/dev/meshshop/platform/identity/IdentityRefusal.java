package dev.meshshop.platform.identity;

/**
 * The mesh refuses a caller: 401 when it cannot tell who is calling (no credentials, a wrong secret, an expired or
 * tampered token), 403 when it knows and the caller may not do what it asked. The message says the fix; the web
 * layer answers with it as a problem, Flight SQL as a status.
 */
public class IdentityRefusal extends RuntimeException {

    private final int status;

    protected IdentityRefusal(int status, String detail) {
        super(detail);
        this.status = status;
    }

    public static IdentityRefusal unauthenticated(String detail) {
        return new IdentityRefusal(401, detail);
    }

    public static IdentityRefusal forbidden(String detail) {
        return new IdentityRefusal(403, detail);
    }

    /** 401 or 403. */
    public int status() {
        return status;
    }

    /** The problem's title for the status. */
    public String title() {
        return status == 401 ? "Not authenticated" : "Not allowed";
    }
}
