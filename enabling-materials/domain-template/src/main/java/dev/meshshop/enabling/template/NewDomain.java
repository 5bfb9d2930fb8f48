package dev.meshshop.enabling.template;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Creates a new domain module from the template: {@code domains/<domain>/} with its events, a simulated operational
 * system, its cleaning, one SQL model, one data product with descriptor and ODCS contract, a dashboard and the
 * tests every domain keeps. Adds the module to the root {@code pom.xml} and the domain to the embedded launcher.
 *
 * <p>With {@code --reads=<domain>.<product>} the new domain also reads that product through an input port: its
 * model tells for every activity whether the product has the activity's order, and its tests publish a stand-in
 * of the product, as every consumer's tests do.
 *
 * <p>Run through the wrapper: {@code ./mvnw -q -f enabling-materials/domain-template -Ddomain=loyalty}.
 */
public final class NewDomain {

    static final Pattern DOMAIN = Pattern.compile("[a-z][a-z0-9]{1,19}");
    static final Pattern PRODUCT = Pattern.compile("([a-z][a-z0-9]*)\\.([a-z][a-z0-9_]*)");

    /** Words a domain cannot be named: it becomes a Java package and a method name. */
    static final Set<String> JAVA_KEYWORDS = Set.of(
            ("abstract assert boolean break byte case catch char class const continue default do double else enum"
                            + " extends final finally float for goto if implements import instanceof int interface"
                            + " long native new package private protected public return short static strictfp super"
                            + " switch synchronized this throw throws transient try void volatile while record var"
                            + " yield")
                    .split(" "));

    private NewDomain() {}

    public static void main(String[] args) {
        var options = options(args);
        if (options.containsKey("check")) {
            check(Path.of(options.get("template")));
            return;
        }
        try {
            var created = create(
                    Path.of(options.get("template")),
                    Path.of(options.get("root")),
                    options.getOrDefault("domain", ""),
                    options.getOrDefault("reads", ""));
            System.out.println(created);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
        }
    }

    /**
     * Writes the domain into {@code root} and wires it in; returns what was done and what to do next.
     *
     * @throws IllegalArgumentException for a name that cannot be a domain, or a domain that exists
     */
    static String create(Path template, Path root, String domain, String reads) {
        var values = values(domain, reads, PomEdits.projectVersion(root.resolve("pom.xml")));
        boolean reading = values.containsKey("readsProduct");
        Path module = root.resolve("domains").resolve(domain);
        if (Files.exists(module)) {
            throw new IllegalArgumentException(
                    "domains/" + domain + " exists already; choose another name or remove the folder first");
        }
        int files = new Template(template, values).writeTo(module);
        var report = new StringBuilder("Created domains/" + domain + " (" + files + " files)");
        if (reading) {
            report.append(", reading ").append(reads).append(" through an input port");
        }
        report.append(".\n");
        report.append(PomEdits.addModule(root.resolve("pom.xml"), "domains/" + domain));
        report.append(PomEdits.addDependency(root.resolve("apps/local/pom.xml"), domain));
        report.append(
                """

                Next:
                  ./mvnw -q -pl domains/%1$s -am verify          its tests: path, contracts, governance
                  ./mvnw -q package -DskipTests && java -jar apps/local/target/mesh-local.jar --mesh.local.fresh=true
                  curl -s localhost:8080/api/products/%1$s.activities -H "Authorization: Bearer $PLATFORM"
                Then make it yours: domains/%1$s/README.md says where to start.
                """
                        .formatted(domain));
        return report.toString();
    }

    /**
     * What the template's placeholders stand for.
     *
     * @throws IllegalArgumentException for a name that cannot be a domain, or a product name that cannot be read
     */
    static Map<String, String> values(String domain, String reads, String meshVersion) {
        if (!DOMAIN.matcher(domain).matches() || JAVA_KEYWORDS.contains(domain)) {
            throw new IllegalArgumentException("Name the new domain with -Ddomain=<name>: 2 to 20 lower-case letters"
                    + " and digits, starting with a letter, and not a Java keyword (it names the domain's topics,"
                    + " products and Java package), for example -Ddomain=loyalty. Was: '" + domain + "'");
        }
        var values = new LinkedHashMap<String, String>();
        values.put("domain", domain);
        values.put("Domain", Character.toUpperCase(domain.charAt(0)) + domain.substring(1));
        values.put("team", domain + "-team");
        values.put("meshVersion", meshVersion);
        if (!reads.isBlank()) {
            var product = PRODUCT.matcher(reads);
            if (!product.matches()) {
                throw new IllegalArgumentException("-Dreads names the product to read as <domain>.<product>, for"
                        + " example -Dreads=checkout.orders. Was: '" + reads + "'");
            }
            if (product.group(1).equals(domain)) {
                throw new IllegalArgumentException("A domain reads its own products from its model zone, not through"
                        + " an input port: -Dreads must name another domain's product. Was: '" + reads + "'");
            }
            values.put("readsProduct", reads);
            values.put("readsDomain", product.group(1));
            values.put("readsName", product.group(2));
            values.put("readsView", "external." + product.group(1) + "_" + product.group(2));
            values.put("readsColumn", "in_" + product.group(1) + "_" + product.group(2));
        }
        return values;
    }

    /** Renders every file of the template for a producer and a consumer, failing on a placeholder left unfilled. */
    static void check(Path template) {
        new Template(template, values("loyalty", "", "0.0.1")).renderAll();
        new Template(template, values("rewards", "loyalty.activities", "0.0.1")).renderAll();
    }

    /** {@code --name=value} arguments; a value Maven left as an unresolved {@code ${name}} counts as missing. */
    static Map<String, String> options(String[] args) {
        var options = new LinkedHashMap<String, String>();
        for (String arg : args) {
            int equals = arg.indexOf('=');
            if (arg.equals("--check")) {
                options.put("check", "true");
            } else if (arg.startsWith("--") && equals > 2) {
                String value = arg.substring(equals + 1);
                if (!value.startsWith("${")) {
                    options.put(arg.substring(2, equals), value);
                }
            }
        }
        return options;
    }

    static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file, e);
        }
    }

    static void write(Path file, String text) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + file, e);
        }
    }
}
