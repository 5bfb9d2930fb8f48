package dev.meshshop.platform.identity;

/**
 * Who is calling, as the mesh authenticated it. The web entry points ask {@link #current()} (Spring Security has
 * checked the bearer token or the page's session before); Flight SQL, which authenticates on its own, asks {@link
 * #authenticate}.
 */
public interface Callers {

    /**
     * The header an old client used to name its domain. It no longer says who a caller is; a request that still sends
     * it must name the domain its credentials act for, or it is refused (403) instead of silently acting as another.
     */
    String ACT_AS_HEADER = "X-Mesh-Identity";

    /**
     * The caller of the request being served.
     *
     * @throws IdentityRefusal 401 when the request carries no credentials the mesh accepted
     */
    Caller current();

    /**
     * The caller with {@code user} and {@code secret}: a person's password, a machine client's secret, or a token
     * the mesh issued (then {@code user} may be empty, or must name the token's identity or domain).
     *
     * @throws IdentityRefusal 401 for a wrong secret or an invalid token, 403 for a token presented as another
     */
    Caller authenticate(String user, String secret);
}
