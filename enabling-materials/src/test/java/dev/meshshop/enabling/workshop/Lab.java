package dev.meshshop.enabling.workshop;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meshshop.enabling.labsql.ResultTable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * One lab of the workshop, read from its markdown file as the participant reads it. A test takes from it what the
 * lab tells the participant to run and what it says they will see, so that the text and the mesh cannot drift:
 *
 * <ul>
 *   <li>a fenced block whose info string names it, such as {@code ```sql march-takings}, is something to run;
 *   <li>a markdown table right after {@code <!-- result: march-takings -->} is what running it shows.
 * </ul>
 *
 * When the mesh changes on purpose (the simulated company, a product), {@code -Dlabs.update=true} writes what it
 * shows now into the labs instead of failing; review the labs' prose against the new tables before committing.
 */
record Lab(String file, String text) {

    static final Path LABS = Path.of("workshop/labs");

    /** Whether to write what the mesh shows into the labs instead of failing: {@code -Dlabs.update=true}. */
    static final boolean UPDATE = Boolean.getBoolean("labs.update");

    private static final Pattern BLOCK =
            Pattern.compile("(?ms)^([ \\t]*)```(\\S+) (\\S+)[ \\t]*\\n(.*?)^\\1```[ \\t]*$");
    private static final Pattern SQL_RUNS_IN = Pattern.compile("<!-- sql runs in: (?:area ([a-z0-9]+)"
            + "|the query service as ([a-z0-9]+)(, granted as in lab 3\\.2)?"
            + "|the generated mesh's query service as ([a-z0-9]+)"
            + "|the operational database ([a-z0-9_]+)) -->");
    private static final Pattern CHECKED_BY = Pattern.compile("<!-- checked by: ([A-Za-z]+) -->");
    private static final Pattern RESULT = Pattern.compile("(?m)^<!-- result: (\\S+) -->[ \\t]*\\n((?:\\|.*\\n?)+)");

    static Lab read(String file) {
        try {
            return new Lab(file, Files.readString(LABS.resolve(file)));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the lab " + file, e);
        }
    }

    /**
     * The fenced block {@code ```<language> <name>}, without its fences and without the indentation of a list item
     * it sits in.
     */
    String block(String language, String name) {
        var blocks = BLOCK.matcher(text);
        while (blocks.find()) {
            if (blocks.group(2).equals(language) && blocks.group(3).equals(name)) {
                String indent = blocks.group(1);
                return blocks.group(4)
                        .lines()
                        .map(line -> line.startsWith(indent) ? line.substring(indent.length()) : line)
                        .collect(Collectors.joining("\n", "", "\n"));
            }
        }
        throw new AssertionError("The lab " + file + " has no block ```" + language + " " + name);
    }

    /** The names of the fenced blocks in {@code language}, in the order the lab shows them. */
    List<String> blocks(String language) {
        var names = new ArrayList<String>();
        var blocks = BLOCK.matcher(text);
        while (blocks.find()) {
            if (blocks.group(2).equals(language)) {
                names.add(blocks.group(3));
            }
        }
        return names;
    }

    /** Fails unless {@code actual} is the result the lab states for {@code name}; prints {@code actual} if not. */
    void assertShows(String name, ResultTable actual) {
        var stated = result(name);
        if (UPDATE && !actual.matches(stated)) {
            update(name, actual);
            return;
        }
        assertThat(actual.matches(stated))
                .as("%s states for %s:%n%s%nbut it is:%n%s", file, name, stated.toMarkdown(), actual.toMarkdown())
                .isTrue();
    }

    /**
     * The test that checks this lab's results in the order of its steps, when the lab says so ({@code <!-- checked
     * by: FormsLabTests -->}): a lab whose queries show what an earlier step changed, which a query on its own cannot.
     */
    java.util.Optional<String> checkedBy() {
        var checked = CHECKED_BY.matcher(text);
        return checked.find() ? java.util.Optional.of(checked.group(1)) : java.util.Optional.empty();
    }

    /** Where a lab's SQL runs. */
    enum Place {
        /** A domain's private area, as the lab's SQL tool opens it with the mesh stopped. */
        AREA,
        /** The workshop mesh's query service, {@code POST /api/query}, as a domain. */
        QUERY_SERVICE,
        /** The query service of the mesh with the domains level 4 generates (TemplateTests checks those). */
        GENERATED_MESH,
        /** A domain's operational database, as the lab's SQL tool asks it ({@code --operational}) while the mesh runs. */
        OPERATIONAL
    }

    /**
     * Where a lab's SQL runs, and as which domain.
     *
     * @param domain the area's domain, or the identity the query service is asked as
     * @param grantedAsInLab32 whether the identity holds a grant only once lab 3.2's steps made it
     */
    record SqlRunsIn(Place place, String domain, boolean grantedAsInLab32) {}

    /**
     * Where the lab's SQL runs, as its first lines say: {@code <!-- sql runs in: area payment -->} (a domain's area),
     * {@code the query service as fulfillment} (optionally {@code , granted as in lab 3.2}), {@code the generated
     * mesh's query service as loyalty} or {@code the operational database fulfillment} (the database the domain's
     * system keeps its state in).
     */
    SqlRunsIn sqlRunsIn() {
        var where = SQL_RUNS_IN.matcher(text);
        if (!where.find()) {
            throw new AssertionError("The lab " + file + " does not say where its SQL runs: <!-- sql runs in: ... -->");
        }
        if (where.group(1) != null) {
            return new SqlRunsIn(Place.AREA, where.group(1), false);
        }
        if (where.group(2) != null) {
            return new SqlRunsIn(Place.QUERY_SERVICE, where.group(2), where.group(3) != null);
        }
        if (where.group(4) != null) {
            return new SqlRunsIn(Place.GENERATED_MESH, where.group(4), false);
        }
        return new SqlRunsIn(Place.OPERATIONAL, where.group(5), false);
    }

    /** Writes {@code actual} into the lab file as the result of {@code name}, in place of the one stated. */
    private void update(String name, ResultTable actual) {
        try {
            Path path = LABS.resolve(file);
            String current = Files.readString(path);
            var results = RESULT.matcher(current);
            while (results.find()) {
                if (results.group(1).equals(name)) {
                    Files.writeString(
                            path,
                            current.substring(0, results.start(2)) + actual.toMarkdown() + "\n"
                                    + current.substring(results.end(2)));
                    return;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot update the lab " + file, e);
        }
    }

    /**
     * What the lab's "What you will see" says of one step, the list item that starts with {@code - <label>:}, its
     * lines joined.
     */
    String seen(String label) {
        int section = text.indexOf("## What you will see");
        var item = Pattern.compile("(?ms)^- " + Pattern.quote(label) + ": (.*?)(?=^- |^#|\\z)")
                .matcher(text);
        if (section < 0 || !item.find(section)) {
            throw new AssertionError(
                    "The lab " + file + " does not say what " + label + " shows: - " + label + ": ...");
        }
        return item.group(1).strip().replaceAll("\\s+", " ");
    }

    /** Whether the lab states a result for {@code name}. */
    boolean states(String name) {
        var results = RESULT.matcher(text);
        while (results.find()) {
            if (results.group(1).equals(name)) {
                return true;
            }
        }
        return false;
    }

    /** The table the lab says {@code name} shows. */
    ResultTable result(String name) {
        var results = RESULT.matcher(text);
        while (results.find()) {
            if (results.group(1).equals(name)) {
                return ResultTable.parse(results.group(2));
            }
        }
        throw new AssertionError("The lab " + file + " states no result <!-- result: " + name + " -->");
    }
}
