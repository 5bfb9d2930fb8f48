package dev.meshshop.enabling.workshop;

import dev.meshshop.platform.access.AccessAutoConfiguration;
import dev.meshshop.platform.identity.IdentityAutoConfiguration;
import dev.meshshop.platform.query.QueryAutoConfiguration;
import java.nio.file.Path;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.autoconfigure.context.PropertyPlaceholderAutoConfiguration;
import org.springframework.boot.autoconfigure.http.HttpMessageConvertersAutoConfiguration;
import org.springframework.boot.autoconfigure.jackson.JacksonAutoConfiguration;
import org.springframework.boot.autoconfigure.security.servlet.SecurityAutoConfiguration;
import org.springframework.boot.autoconfigure.security.servlet.SecurityFilterAutoConfiguration;
import org.springframework.boot.autoconfigure.web.servlet.DispatcherServletAutoConfiguration;
import org.springframework.boot.autoconfigure.web.servlet.ServletWebServerFactoryAutoConfiguration;
import org.springframework.boot.autoconfigure.web.servlet.WebMvcAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The query service of the mesh that level 4's domains were published in, as the launcher serves it: the access and
 * query services of the platform, over that mesh's data directory (its products and its grants), on a free port.
 * The mesh itself ran in the nested build that TemplateTests starts, in another process, and is stopped by now;
 * its data directory is what a query reads, as in the running launcher.
 */
final class GeneratedMeshQueries implements AutoCloseable {

    @SpringBootConfiguration
    @ImportAutoConfiguration({
        PropertyPlaceholderAutoConfiguration.class,
        ServletWebServerFactoryAutoConfiguration.class,
        DispatcherServletAutoConfiguration.class,
        WebMvcAutoConfiguration.class,
        HttpMessageConvertersAutoConfiguration.class,
        JacksonAutoConfiguration.class,
        SecurityAutoConfiguration.class,
        SecurityFilterAutoConfiguration.class,
        IdentityAutoConfiguration.class,
        AccessAutoConfiguration.class,
        QueryAutoConfiguration.class
    })
    static class QueryApplication {}

    private final ConfigurableApplicationContext context;

    private GeneratedMeshQueries(ConfigurableApplicationContext context, Path dataDir) {
        this.context = context;
        this.dataDir = dataDir;
    }

    private final Path dataDir;

    /**
     * Starts the query service over the mesh whose data directory is {@code dataDir}, with the domains that published
     * there (the generated ones, whose products are not on this class path) among the mesh's identities.
     */
    static GeneratedMeshQueries over(Path dataDir) {
        var domains = new java.util.TreeSet<String>();
        try (var published = java.nio.file.Files.list(dataDir.resolve("mesh"))) {
            published
                    .filter(java.nio.file.Files::isDirectory)
                    .forEach(domain -> domains.add(domain.getFileName().toString()));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("No published products in " + dataDir, e);
        }
        var application = new SpringApplication(QueryApplication.class);
        application.setWebApplicationType(WebApplicationType.SERVLET);
        // as arguments, which come before the launcher's application.yml on the test class path
        return new GeneratedMeshQueries(
                application.run(
                        "--server.port=0",
                        "--mesh.data-dir=" + dataDir,
                        "--mesh.query.flight.enabled=false",
                        "--mesh.identity.domains=" + String.join(",", domains)),
                dataDir);
    }

    MeshApi api() {
        return new MeshApi(context.getEnvironment().getRequiredProperty("local.server.port", Integer.class), dataDir);
    }

    @Override
    public void close() {
        context.close();
    }
}
