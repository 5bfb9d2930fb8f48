package dev.meshshop.platform.identity;

import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;

/**
 * Keeps no authorization: the mesh issues only client-credentials tokens, self-contained JWTs that every process
 * validates by signature, so there is nothing to look up later. (The issuer's default keeps each one in memory
 * without bound.) A consequence: tokens cannot be revoked; they expire ({@code mesh.identity.token-time-to-live}).
 */
final class StatelessAuthorizations implements OAuth2AuthorizationService {

    @Override
    public void save(OAuth2Authorization authorization) {}

    @Override
    public void remove(OAuth2Authorization authorization) {}

    @Override
    public OAuth2Authorization findById(String id) {
        return null;
    }

    @Override
    public OAuth2Authorization findByToken(String token, OAuth2TokenType tokenType) {
        return null;
    }
}
