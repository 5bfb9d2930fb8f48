package dev.meshshop.platform.catalog;

import dev.meshshop.platform.identity.Caller;
import dev.meshshop.platform.identity.Callers;
import dev.meshshop.platform.identity.Role;
import java.util.Set;

/**
 * The caller of a controller tested alone (without the web server and its security filters): who Spring Security
 * would have authenticated. The filters themselves are tested with real tokens elsewhere.
 */
record FixedCaller(Caller caller) implements Callers {

    static FixedCaller member(String domain) {
        return new FixedCaller(new Caller(domain, domain, Set.of(Role.MEMBER)));
    }

    static FixedCaller platform() {
        return new FixedCaller(new Caller("platform", null, Set.of(Role.PLATFORM)));
    }

    @Override
    public Caller current() {
        return caller;
    }

    @Override
    public Caller authenticate(String user, String secret) {
        throw new UnsupportedOperationException("a controller test authenticates nobody");
    }
}
