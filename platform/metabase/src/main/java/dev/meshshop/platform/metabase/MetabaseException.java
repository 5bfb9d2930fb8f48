package dev.meshshop.platform.metabase;

/** A call to Metabase failed; the message says which call, what Metabase answered and what to check. */
public final class MetabaseException extends RuntimeException {

    private final int status;

    MetabaseException(String message, int status, Throwable cause) {
        super(message, cause);
        this.status = status;
    }

    /** The HTTP status Metabase answered, or 0 when it did not answer at all. */
    public int status() {
        return status;
    }
}
