package dev.meshshop.platform.access;

import java.util.regex.Pattern;

/**
 * The default {@link Identities}: a caller is the domain it names, without proof. Anyone who can reach the mesh's
 * ports can act as any domain, request for it, approve for it and read what it was granted. The platform warns
 * about it at start wherever it serves an API with it.
 */
public final class TrustedIdentities implements Identities {

    private static final Pattern DOMAIN = Pattern.compile("[a-z][a-z0-9_]*");

    /** What the start-up warning says. */
    public static final String WARNING = "Identities are trusted as sent: any caller that can reach this process"
            + " can act as any domain by naming it (" + HEADER + ", Flight SQL user name). Fine on a laptop;"
            + " on a shared network declare an Identities bean that verifies callers (see platform/query/README.md).";

    @Override
    public String identify(String claimed, String secret) {
        if (claimed == null || claimed.isBlank()) {
            throw MeshProblem.unauthenticated("Say which domain you act for: send the header " + HEADER
                    + ": <domain>, for example " + HEADER + ": fulfillment");
        }
        String identity = claimed.trim();
        if (identity.length() > UserText.NAME || !DOMAIN.matcher(identity).matches()) {
            throw MeshProblem.unauthenticated("'" + UserText.name(identity) + "' is not a domain name: " + HEADER
                    + " takes a domain such as fulfillment or checkout (lower-case letters, digits, underscores; at most "
                    + UserText.NAME + " characters)");
        }
        return identity;
    }
}
