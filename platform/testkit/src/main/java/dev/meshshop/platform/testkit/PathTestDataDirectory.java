package dev.meshshop.platform.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;
import org.springframework.test.context.MergedContextConfiguration;
import org.springframework.test.context.TestContextAnnotationUtils;
import org.springframework.util.FileSystemUtils;

/**
 * Gives the mesh of every {@link MeshPathTest} its own data directory, {@code target/path-tests/<test class>},
 * emptied before the mesh starts. Registered in {@code META-INF/spring.factories}.
 */
final class PathTestDataDirectory implements ContextCustomizerFactory {

    static final Path ROOT = Path.of("target", "path-tests");

    @Override
    public ContextCustomizer createContextCustomizer(
            Class<?> testClass, List<ContextConfigurationAttributes> configAttributes) {
        return TestContextAnnotationUtils.hasAnnotation(testClass, MeshPathTest.class)
                ? new Fresh(ROOT.resolve(testClass.getSimpleName()).toAbsolutePath())
                : null;
    }

    /** Sets {@code mesh.data-dir} to {@code dir}, emptied; equal for equal directories, as the context cache asks. */
    record Fresh(Path dir) implements ContextCustomizer {

        @Override
        public void customizeContext(ConfigurableApplicationContext context, MergedContextConfiguration config) {
            try {
                FileSystemUtils.deleteRecursively(dir);
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot empty the data directory " + dir, e);
            }
            context.getEnvironment()
                    .getPropertySources()
                    .addFirst(new MapPropertySource("mesh-path-test", Map.of("mesh.data-dir", dir.toString())));
        }
    }
}
