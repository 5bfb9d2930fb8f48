package dev.meshshop.platform.access;

/**
 * Who a caller of the mesh's APIs is: the domain it acts for. Every route asks this one interface (the HTTP
 * header {@code X-Mesh-Identity}, Flight SQL's user name and password), so a real deployment replaces one bean,
 * for example with one that verifies a signed token in {@code secret} and ignores the claim.
 *
 * <p>The default, {@link #trustedAsSent()}, believes the claim: anyone who can reach the port can act as any
 * domain. It suits a laptop and a workshop, not a shared network.
 */
@FunctionalInterface
public interface Identities {

    /** The HTTP header that names the caller's domain. */
    String HEADER = "X-Mesh-Identity";

    /**
     * The domain the caller acts for.
     *
     * @param claimed the identity the caller says it has ({@value #HEADER}, a Flight SQL user name); may be null
     * @param secret what the caller presented to prove it (a bearer token, a password); may be null
     * @throws MeshProblem with status 401 when the caller cannot be identified
     */
    String identify(String claimed, String secret);

    /** Takes the claimed identity as it is sent, if it is a domain name; ignores the secret. */
    static Identities trustedAsSent() {
        return new TrustedIdentities();
    }
}
