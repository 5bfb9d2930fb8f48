package dev.meshshop.platform.identity;

import java.util.Set;

/**
 * Who is calling, as the mesh authenticated it: a person or a machine client, the domain it acts for (none for
 * governance and the platform) and its roles.
 *
 * @param name the user name or client id
 * @param domain the domain it acts for; null for governance and the platform
 * @param roles what it may do besides
 */
public record Caller(String name, String domain, Set<Role> roles) {

    public Caller {
        roles = Set.copyOf(roles);
    }

    /** Whether it acts for {@code domain}. */
    public boolean actsFor(String domain) {
        return this.domain != null && this.domain.equals(domain);
    }

    /** Whether it sees the mesh-wide views: the usage of every domain, every refusal. */
    public boolean seesEverything() {
        return roles.contains(Role.GOVERNANCE) || roles.contains(Role.PLATFORM);
    }

    /** Whether it is the platform, which alone sees where files are. */
    public boolean platform() {
        return roles.contains(Role.PLATFORM);
    }

    /**
     * The domain it acts for.
     *
     * @throws NotADomain when it acts for none (governance, the platform)
     */
    public String domainOrRefuse() {
        if (domain == null) {
            throw new NotADomain(this);
        }
        return domain;
    }

    /** An identity that acts for no domain asked to act for one: 403. */
    public static final class NotADomain extends IdentityRefusal {

        NotADomain(Caller caller) {
            super(
                    403,
                    caller.name() + " acts for no domain, so it cannot request, decide or query for one: log in"
                            + " as a member of a domain team or use a domain's client");
        }
    }
}
