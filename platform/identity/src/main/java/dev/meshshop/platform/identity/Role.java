package dev.meshshop.platform.identity;

/** What an identity may do beyond reading what its domain was granted. */
public enum Role {
    /** A person of a domain team, acting for that domain. */
    MEMBER,
    /** A machine client of a domain: its processes and tools, acting for that domain. */
    DOMAIN_CLIENT,
    /** The governance guild: mesh-wide views (all usage, every refusal); acts for no domain. */
    GOVERNANCE,
    /** The platform's own clients (provisioning, tools): sees what the platform sees; acts for no domain. */
    PLATFORM;

    /** The Spring Security authority of the role. */
    public String authority() {
        return "ROLE_" + name();
    }
}
