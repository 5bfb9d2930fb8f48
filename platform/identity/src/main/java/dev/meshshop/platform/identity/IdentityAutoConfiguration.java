package dev.meshshop.platform.identity;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.RSAKey;
import dev.meshshop.platform.storage.MeshLayout;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.security.servlet.SecurityAutoConfiguration;
import org.springframework.boot.autoconfigure.security.servlet.UserDetailsServiceAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.Environment;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

/**
 * Who calls the mesh, in a Spring Boot application over {@code mesh.data-dir}: its identities, the key tokens are
 * signed with, and in a web application the issuer ({@code /oauth2/token}) and the checks in front of every route.
 */
@AutoConfiguration(
        before = {SecurityAutoConfiguration.class, UserDetailsServiceAutoConfiguration.class},
        beforeName = {
            "org.springframework.boot.autoconfigure.security.oauth2.server.servlet.OAuth2AuthorizationServerAutoConfiguration",
            "org.springframework.boot.autoconfigure.security.oauth2.server.servlet.OAuth2AuthorizationServerJwtAutoConfiguration",
            "org.springframework.boot.autoconfigure.security.oauth2.resource.servlet.OAuth2ResourceServerAutoConfiguration"
        })
@EnableConfigurationProperties(IdentityProperties.class)
public class IdentityAutoConfiguration {

    private static final Pattern DESCRIPTOR =
            Pattern.compile(".*/mesh/([a-z][a-z0-9_]*)/products/[^/]+/descriptor\\.yaml$");

    @Bean
    @ConditionalOnMissingBean
    MeshIdentities meshIdentities(
            @Value(MeshLayout.DATA_DIR_PLACEHOLDER) Path dataDir,
            IdentityProperties properties,
            Environment environment) {
        var domains = new TreeSet<String>(properties.domains());
        domains.addAll(Binder.get(environment)
                .bind("mesh.domains", Bindable.listOf(String.class))
                .orElse(List.of()));
        domains.addAll(domainsOnClassPath());
        return MeshIdentities.open(dataDir, domains, givenSecrets(environment, properties, domains));
    }

    /**
     * The secrets the configuration gives: {@code mesh.identity.secrets[<key>]}, and for each identity the property
     * whose name is its key with dots ({@code mesh.identity.secrets.client.checkout.client}), which is what an
     * environment variable such as {@code MESH_IDENTITY_SECRETS_CLIENT_CHECKOUT_CLIENT} (docker-compose.yml, from
     * .env) says; a blank one counts as not given.
     */
    static Map<String, String> givenSecrets(
            Environment environment, IdentityProperties properties, java.util.Collection<String> domains) {
        var given = new TreeMap<String, String>(properties.secrets());
        for (String key : MeshIdentities.keys(domains)) {
            var name = ConfigurationPropertyName.of("mesh.identity.secrets." + MeshIdentities.normalized(key));
            for (var source : ConfigurationPropertySources.get(environment)) {
                var property = source.getConfigurationProperty(name);
                if (property != null
                        && property.getValue() != null
                        && !property.getValue().toString().isBlank()) {
                    given.putIfAbsent(key, property.getValue().toString());
                    break;
                }
            }
        }
        return given;
    }

    /** The domains whose products are on the class path: {@code mesh/<domain>/products/<name>/descriptor.yaml}. */
    static List<String> domainsOnClassPath() {
        try {
            var domains = new TreeSet<String>();
            for (var resource : new PathMatchingResourcePatternResolver()
                    .getResources("classpath*:mesh/*/products/*/descriptor.yaml")) {
                var matcher = DESCRIPTOR.matcher(resource.getURL().toString());
                if (matcher.matches()) {
                    domains.add(matcher.group(1));
                }
            }
            return List.copyOf(domains);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list the products on the class path", e);
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
    @Import({IssuerConfiguration.class, WebSecurityConfiguration.class})
    static class Web {

        @Bean
        @ConditionalOnMissingBean
        RSAKey meshSigningKey(@Value(MeshLayout.DATA_DIR_PLACEHOLDER) Path dataDir) {
            return SigningKey.of(dataDir);
        }

        /** Validates the tokens of the mesh's issuer: every process that shares the data directory shares its key. */
        @Bean
        @ConditionalOnMissingBean
        JwtDecoder meshJwtDecoder(RSAKey meshSigningKey) {
            try {
                return NimbusJwtDecoder.withPublicKey(meshSigningKey.toRSAPublicKey())
                        .build();
            } catch (JOSEException e) {
                throw new IllegalStateException("The issuer's signing key has no public RSA key", e);
            }
        }

        @Bean
        @ConditionalOnMissingBean
        Callers callers(MeshIdentities identities, JwtDecoder meshJwtDecoder) {
            return new MeshCallers(identities, meshJwtDecoder);
        }
    }
}
