package dev.meshshop.domains.beta;

/** The fixture domain that alpha reaches into. */
public final class BetaInternals {

    public String secret() {
        return "beta's private area";
    }
}
