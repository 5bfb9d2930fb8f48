package dev.meshshop.platform.operational;

import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * A mesh process has no application-wide {@code DataSource}: each domain's operational system has a database of its
 * own ({@link OperationalDatabases#database}), and the mesh's analytical areas are DuckDB files. With a connection
 * pool and a JDBC driver on the class path, Spring Boot would otherwise build one from {@code spring.datasource.*}
 * and fail without a URL. Registered in {@code META-INF/spring.factories}; it only sets a default: an application
 * that sets {@code spring.autoconfigure.exclude} itself decides on its own.
 */
public final class NoApplicationDataSource implements EnvironmentPostProcessor {

    static final String EXCLUDE = "spring.autoconfigure.exclude";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        environment
                .getPropertySources()
                .addLast(new MapPropertySource(
                        "mesh-operational-defaults",
                        Map.of(EXCLUDE, "org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration")));
    }
}
