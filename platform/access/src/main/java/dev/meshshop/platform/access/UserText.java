package dev.meshshop.platform.access;

/**
 * Bounds on what callers send, wherever the mesh repeats it: in a refusal's detail, the usage audit, the access log
 * or a log line. A caller may send a string of megabytes; what the mesh echoes of it is cut, with how much was left
 * out, so that no request can make a message, an audit line or the heap grow with it.
 */
public final class UserText {

    /** The most characters of a name (an identity, a product id, a request id) a message repeats. */
    public static final int NAME = 120;

    /** The most characters of a purpose or a reason an access request keeps. */
    public static final int PURPOSE = 1_000;

    /** The most characters of a refusal's detail; a message longer than this is cut at the end. */
    public static final int DETAIL = 2_000;

    private UserText() {}

    /**
     * {@code text} if it has at most {@code max} characters; otherwise its first {@code max} characters and how many
     * more there were. Null stays null.
     */
    public static String cut(String text, int max) {
        if (text == null || text.length() <= max) {
            return text;
        }
        int end = Character.isHighSurrogate(text.charAt(max - 1)) ? max - 1 : max;
        return text.substring(0, end) + "... (" + (text.length() - end) + " more characters)";
    }

    /** A name as a message repeats it: cut at {@value #NAME} characters. */
    public static String name(String text) {
        return cut(text, NAME);
    }
}
