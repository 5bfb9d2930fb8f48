package dev.meshshop.platform.identity;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import java.util.ArrayList;
import java.util.UUID;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.client.InMemoryRegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.config.annotation.web.configurers.OAuth2AuthorizationServerConfigurer;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.security.oauth2.server.authorization.settings.TokenSettings;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;
import org.springframework.security.web.SecurityFilterChain;

/**
 * The mesh's OAuth2 issuer (Spring Authorization Server): machine clients get tokens with client credentials at
 * {@code /oauth2/token}, signed with the data directory's key, carrying {@code domain} and {@code roles}. A process
 * that leaves issuing to another ({@code mesh.identity.issuer.enabled=false}) only validates tokens.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "mesh.identity.issuer.enabled", havingValue = "true", matchIfMissing = true)
class IssuerConfiguration {

    @Bean
    JWKSource<SecurityContext> meshJwkSource(RSAKey meshSigningKey) {
        return new ImmutableJWKSet<>(new JWKSet(meshSigningKey));
    }

    @Bean
    RegisteredClientRepository meshClients(MeshIdentities identities, IdentityProperties properties) {
        var clients = new ArrayList<RegisteredClient>();
        identities
                .clients()
                .forEach((id, caller) -> clients.add(RegisteredClient.withId(
                                UUID.nameUUIDFromBytes(id.getBytes(java.nio.charset.StandardCharsets.UTF_8))
                                        .toString())
                        .clientId(id)
                        .clientSecret(SecretDigests.encoded(identities.clientSecret(id)))
                        .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
                        .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_POST)
                        .authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
                        .tokenSettings(TokenSettings.builder()
                                .accessTokenTimeToLive(properties.tokenTimeToLive())
                                .build())
                        .build()));
        return new InMemoryRegisteredClientRepository(clients);
    }

    /** Compares client secrets by digest, in constant time. */
    @Bean
    SecretDigests meshSecretDigests() {
        return new SecretDigests();
    }

    /** Tokens are self-contained JWTs: nothing is kept per token, so issuing many costs no memory. */
    @Bean
    OAuth2AuthorizationService meshAuthorizations() {
        return new StatelessAuthorizations();
    }

    /** Every access token says which domain it acts for and its roles. */
    @Bean
    OAuth2TokenCustomizer<JwtEncodingContext> meshTokenClaims(MeshIdentities identities) {
        return context -> {
            if (!OAuth2TokenType.ACCESS_TOKEN.equals(context.getTokenType())) {
                return;
            }
            Caller caller =
                    identities.clients().get(context.getRegisteredClient().getClientId());
            if (caller == null) {
                return;
            }
            if (caller.domain() != null) {
                context.getClaims().claim(MeshCallers.DOMAIN_CLAIM, caller.domain());
            }
            context.getClaims()
                    .claim(
                            MeshCallers.ROLES_CLAIM,
                            caller.roles().stream().map(Role::name).sorted().toList());
        };
    }

    @Bean
    AuthorizationServerSettings meshAuthorizationServerSettings(IdentityProperties properties) {
        var settings = AuthorizationServerSettings.builder();
        if (!properties.issuer().uri().isBlank()) {
            settings.issuer(properties.issuer().uri());
        }
        return settings.build();
    }

    @Bean
    @Order(Ordered.HIGHEST_PRECEDENCE)
    SecurityFilterChain meshIssuerChain(HttpSecurity http) throws Exception {
        var issuer = OAuth2AuthorizationServerConfigurer.authorizationServer();
        http.securityMatcher(issuer.getEndpointsMatcher())
                .with(issuer, configurer -> {})
                .authorizeHttpRequests(requests -> requests.anyRequest().authenticated())
                .csrf(csrf -> csrf.ignoringRequestMatchers(issuer.getEndpointsMatcher()));
        return http.build();
    }
}
