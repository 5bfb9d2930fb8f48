package dev.meshshop.enabling.workshop;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** What surefire reported about a module's test classes, so that a build counts as green only if its tests ran. */
final class SurefireReports {

    /** One test class: how many tests ran, and how they ended. */
    record Suite(int tests, int failures, int errors, int skipped) {

        boolean passed() {
            return tests > 0 && failures == 0 && errors == 0 && skipped == 0;
        }
    }

    private static final Pattern SUITE = Pattern.compile("<testsuite [^>]*>");

    private SurefireReports() {}

    /** The test classes of {@code module} by name, from its {@code target/surefire-reports}. */
    static Map<String, Suite> read(Path module) throws IOException {
        var suites = new TreeMap<String, Suite>();
        Path reports = module.resolve("target/surefire-reports");
        if (!Files.isDirectory(reports)) {
            return suites;
        }
        try (Stream<Path> files = Files.list(reports)) {
            for (Path file : files.filter(f -> f.getFileName().toString().startsWith("TEST-"))
                    .toList()) {
                var suite = SUITE.matcher(Files.readString(file));
                if (suite.find()) {
                    String element = suite.group();
                    suites.put(
                            attribute(element, "name"),
                            new Suite(
                                    Integer.parseInt(attribute(element, "tests")),
                                    Integer.parseInt(attribute(element, "failures")),
                                    Integer.parseInt(attribute(element, "errors")),
                                    Integer.parseInt(attribute(element, "skipped"))));
                }
            }
        }
        return suites;
    }

    private static String attribute(String element, String name) {
        var value = Pattern.compile(" " + name + "=\"([^\"]*)\"").matcher(element);
        if (!value.find()) {
            throw new AssertionError("No " + name + " in " + element);
        }
        return value.group(1);
    }
}
