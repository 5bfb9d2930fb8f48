package dev.meshshop.platform.operational;

import java.nio.file.Path;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/**
 * The operational databases, when {@code mesh.operational.mode} asks for them: the embedded mesh starts its own
 * PostgreSQL ({@code embedded}), compose names its {@code postgres} service ({@code external}). Without them
 * ({@code none}, the default) the systems that keep their state in a database are not run, and say so.
 */
@AutoConfiguration
@EnableConfigurationProperties(OperationalProperties.class)
public class OperationalAutoConfiguration {

    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean
    @ConditionalOnExpression("'${mesh.operational.mode:none}'.toLowerCase() != 'none'")
    OperationalDatabases operationalDatabases(OperationalProperties properties, Environment environment) {
        return switch (properties.mode()) {
            case EMBEDDED ->
                OperationalDatabases.embedded(
                        properties.directory() != null
                                ? properties.directory()
                                : Path.of(
                                        environment.getProperty("mesh.data-dir", ".mesh-data"),
                                        "operational",
                                        "postgres"));
            case EXTERNAL ->
                OperationalDatabases.external(new OperationalDatabases.Server(
                        properties.host(), properties.port(), properties.user(), properties.password()));
            case NONE -> throw new IllegalStateException("mesh.operational.mode is none: no databases to start");
        };
    }
}
