package dev.meshshop.domains.alpha;

import dev.meshshop.domains.beta.BetaInternals;

/** A fixture that breaks the mesh's first rule on purpose: domain alpha uses domain beta's code. */
public final class AlphaReadsBeta {

    public String peek() {
        return new BetaInternals().secret();
    }
}
