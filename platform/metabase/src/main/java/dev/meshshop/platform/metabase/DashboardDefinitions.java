package dev.meshshop.platform.metabase;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Pattern;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/** Reads the dashboards that domains describe beside their products, in {@code mesh/<domain>/dashboards/}. */
public final class DashboardDefinitions {

    static final String FILES = "mesh/*/dashboards/*.yaml";
    private static final Pattern DOMAIN = Pattern.compile(".*/mesh/([a-z0-9_]+)/dashboards/[^/]+\\.yaml$");
    private static final ObjectMapper YAML =
            new ObjectMapper(new YAMLFactory()).enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private DashboardDefinitions() {}

    /** A dashboard file as written. */
    private record DashboardFile(String name, String description, List<DashboardDefinition.Question> questions) {}

    /** Every dashboard of every domain on the class path, ordered by domain and file name. */
    public static List<DashboardDefinition> onClasspath(ClassLoader loader) {
        return onClasspath("", loader);
    }

    /** The dashboards in {@code <folder>mesh/<domain>/dashboards/} on the class path, such as a test's. */
    static List<DashboardDefinition> onClasspath(String folder, ClassLoader loader) {
        String pattern = "classpath*:" + folder + FILES;
        try {
            Resource[] files = new PathMatchingResourcePatternResolver(loader).getResources(pattern);
            return Arrays.stream(files)
                    .sorted(Comparator.comparing(DashboardDefinitions::location))
                    .map(file -> {
                        String location = location(file);
                        String source = location.substring(location.lastIndexOf("mesh/"));
                        try (InputStream in = file.getInputStream()) {
                            return read(domainOf(location), in, source);
                        } catch (IOException e) {
                            throw new UncheckedIOException("Cannot read the dashboard " + location(file), e);
                        }
                    })
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list the dashboards " + pattern, e);
        }
    }

    /** Reads one dashboard file of {@code domain}; {@code source} names it in messages. */
    public static DashboardDefinition read(String domain, InputStream yaml, String source) {
        DashboardFile file;
        try {
            file = YAML.readValue(yaml, DashboardFile.class);
        } catch (IOException e) {
            throw new IllegalArgumentException("The dashboard in " + source + " is not valid: " + e.getMessage(), e);
        }
        if (file == null) {
            throw new IllegalArgumentException("The dashboard in " + source + " is empty");
        }
        var questions = file.questions() == null ? List.<DashboardDefinition.Question>of() : file.questions();
        return new DashboardDefinition(domain, file.name(), file.description(), questions, source);
    }

    private static String domainOf(String location) {
        var matcher = DOMAIN.matcher(location);
        if (!matcher.matches()) {
            throw new IllegalArgumentException(
                    "Dashboard " + location + " is not in a folder mesh/<domain>/dashboards/");
        }
        return matcher.group(1);
    }

    private static String location(Resource file) {
        try {
            return file.getURL().toString();
        } catch (IOException e) {
            return file.getDescription();
        }
    }
}
