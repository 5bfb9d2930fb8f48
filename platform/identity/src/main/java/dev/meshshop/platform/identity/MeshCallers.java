package dev.meshshop.platform.identity;

import java.util.Collection;
import java.util.EnumSet;
import java.util.Set;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

/**
 * {@link Callers} over the mesh's identities and the tokens its issuer signs: a token's {@code domain} and {@code
 * roles} claims say who it acts for, a session's user name says which person logged in.
 */
public final class MeshCallers implements Callers {

    /** The claim naming the domain a token acts for (absent for governance and the platform). */
    public static final String DOMAIN_CLAIM = "domain";

    /** The claim listing a token's roles ({@link Role} names). */
    public static final String ROLES_CLAIM = "roles";

    private final MeshIdentities identities;
    private final JwtDecoder tokens;

    public MeshCallers(MeshIdentities identities, JwtDecoder tokens) {
        this.identities = identities;
        this.tokens = tokens;
    }

    @Override
    public Caller current() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication instanceof JwtAuthenticationToken token) {
            return of(token.getToken());
        }
        if (authentication != null
                && authentication.isAuthenticated()
                && !(authentication instanceof AnonymousAuthenticationToken)) {
            var person = identities.people().get(authentication.getName());
            if (person != null) {
                return person;
            }
            var client = identities.clients().get(authentication.getName());
            if (client != null) {
                return client;
            }
        }
        throw IdentityRefusal.unauthenticated(howToAuthenticate());
    }

    @Override
    public Caller authenticate(String user, String secret) {
        if (secret == null || secret.isEmpty()) {
            throw IdentityRefusal.unauthenticated("No password: give a domain member's password or a client's secret,"
                    + " or a token of the mesh's issuer as the password. " + howToAuthenticate());
        }
        if (looksLikeToken(secret)) {
            Caller caller = decode(secret);
            if (user != null && !user.isBlank() && !user.equals(caller.name()) && !caller.actsFor(user)) {
                throw IdentityRefusal.forbidden("The token acts as " + caller.name() + ", not as '" + cut(user)
                        + "': leave the user name empty or give " + caller.name());
            }
            return caller;
        }
        return identities
                .authenticate(user, secret)
                .orElseThrow(() -> IdentityRefusal.unauthenticated("Wrong user name or password for '" + cut(user)
                        + "': a domain member logs in with the domain's name (such as checkout), a machine client"
                        + " with its id (such as checkout-client); the secrets are in "
                        + MeshIdentities.FILE + " in the mesh's data directory"));
    }

    /** The caller a token of the mesh's issuer stands for, after checking its signature and lifetime. */
    public Caller decode(String token) {
        try {
            return of(tokens.decode(token));
        } catch (JwtException e) {
            throw IdentityRefusal.unauthenticated("The token was refused (" + cut(e.getMessage()) + "): get a new one"
                    + " from the mesh's issuer. " + howToAuthenticate());
        }
    }

    private Caller of(Jwt token) {
        String domain = token.getClaimAsString(DOMAIN_CLAIM);
        if (domain != null && !identities.knows(domain)) {
            throw IdentityRefusal.forbidden("The token acts for '" + cut(domain) + "', a domain this mesh does not"
                    + " know; the mesh's domains are " + identities.domains());
        }
        var roles = EnumSet.noneOf(Role.class);
        Object claimed = token.getClaims().get(ROLES_CLAIM);
        if (claimed instanceof Collection<?> names) {
            for (Object name : names) {
                for (Role role : Role.values()) {
                    if (role.name().equals(String.valueOf(name))) {
                        roles.add(role);
                    }
                }
            }
        }
        if (domain == null && roles.isEmpty()) {
            throw IdentityRefusal.forbidden("The token of " + cut(token.getSubject()) + " acts for no domain and has"
                    + " no role of the mesh (claims '" + DOMAIN_CLAIM + "' and '" + ROLES_CLAIM + "')");
        }
        return new Caller(token.getSubject(), domain, Set.copyOf(roles));
    }

    /** Whether {@code secret} has the shape of a signed JWT (three base64url parts) rather than a password. */
    public static boolean looksLikeToken(String secret) {
        return secret.startsWith("eyJ") && secret.chars().filter(c -> c == '.').count() == 2;
    }

    /** What a refusal of a caller without (valid) credentials says to do. */
    public static String howToAuthenticate() {
        return "A tool gets a token with its domain's client: curl -u <domain>-client:<secret> -d"
                + " grant_type=client_credentials <mesh>/oauth2/token, and sends Authorization: Bearer <token>;"
                + " a person logs in to the catalog's pages. The secrets are in " + MeshIdentities.FILE
                + " in the mesh's data directory.";
    }

    private static String cut(String text) {
        return text == null ? "" : ProblemJson.cut(text, 80);
    }
}
