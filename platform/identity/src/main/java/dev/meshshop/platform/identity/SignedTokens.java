package dev.meshshop.platform.identity;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;

/**
 * Tokens as the mesh's issuer signs them, made without asking it: for benchmarks that measure validation alone and
 * for tests that need a token the issuer would never hand out (an expired one).
 */
public final class SignedTokens {

    private SignedTokens() {}

    /** A token of {@code domain}'s client, issued at {@code issuedAt} and valid for {@code timeToLive}. */
    public static String ofDomainClient(RSAKey key, String domain, Instant issuedAt, Duration timeToLive) {
        var claims = JwtClaimsSet.builder()
                .subject(domain + MeshIdentities.CLIENT_SUFFIX)
                .issuedAt(issuedAt)
                .expiresAt(issuedAt.plus(timeToLive))
                .claim(MeshCallers.DOMAIN_CLAIM, domain)
                .claim(MeshCallers.ROLES_CLAIM, List.of(Role.DOMAIN_CLIENT.name()))
                .build();
        var header =
                JwsHeader.with(SignatureAlgorithm.RS256).keyId(key.getKeyID()).build();
        return new NimbusJwtEncoder(new ImmutableJWKSet<>(new JWKSet(key)))
                .encode(JwtEncoderParameters.from(header, claims))
                .getTokenValue();
    }
}
