package dev.meshshop.enabling.workshop;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Every query a lab shows with its result returns that result in the workshop's mesh: the SQL is read from the lab's
 * fenced block {@code ```sql <name>}, the result from the table after {@code <!-- result: <name> -->}, and it runs
 * where the lab says: in a domain's area, in a domain's operational database with the lab's SQL tool, or through the
 * query service ({@code POST /api/query}) as the domain the
 * lab acts as, so its grants and its SQL rules hold for what the lab tells the participant to run.
 *
 * <p>Three kinds of lab are checked elsewhere: the labs of level 4 query the domains they generate (TemplateTests),
 * a lab whose identity reads with lab 3.2's grant is checked with that grant taken and given back (JoinLabTests),
 * and a lab whose query shows what its earlier step uploaded is checked step by step by the test it names
 * (FormsLabTests).
 */
@LabMesh
class EveryLabsSqlTests {

    /** A curl command of the query service, and the domain whose token it sends. */
    static final Pattern QUERY_COMMAND =
            Pattern.compile("/api/query -H \"" + Curl.AUTHORIZATION + ": Bearer \\$([A-Z0-9]+)\"");

    @Autowired
    FilledMesh mesh;

    static Stream<Arguments> queriesWithResults() throws IOException {
        return labsWithSql()
                .filter(lab -> lab.sqlRunsIn().place() != Lab.Place.GENERATED_MESH)
                .filter(Predicate.not(EveryLabsSqlTests::readsWithLab32sGrant))
                .filter(lab -> lab.checkedBy().isEmpty())
                .flatMap(lab ->
                        lab.blocks("sql").stream().filter(lab::states).map(name -> Arguments.of(lab.file(), name)))
                .toList()
                .stream();
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("queriesWithResults")
    void theQueryReturnsTheResultTheLabStates(String file, String name) {
        var lab = Lab.read(file);
        lab.assertShows(name, mesh.run(lab, lab.block("sql", name)));
    }

    @Test
    void aLabCheckedStepByStepNamesTheTestThatChecksIt() throws IOException {
        assertThat(labsWithSql().map(Lab::checkedBy).flatMap(java.util.Optional::stream))
                .containsExactly(FormsLabTests.class.getSimpleName());
    }

    @Test
    void theOnlyLabThatReadsWithLab32sGrantIsLab33WhichJoinLabTestsChecks() throws IOException {
        assertThat(labsWithSql().filter(EveryLabsSqlTests::readsWithLab32sGrant).map(Lab::file))
                .containsExactly(JoinLabTests.LAB.file());
    }

    @Test
    void aLabThatQueriesThroughTheQueryServiceTellsTheParticipantTheDomainItsCheckActsAs() throws IOException {
        var labs = labsWithSql()
                .filter(lab -> lab.sqlRunsIn().place() == Lab.Place.QUERY_SERVICE
                        || lab.sqlRunsIn().place() == Lab.Place.GENERATED_MESH)
                .toList();
        assertThat(labs).isNotEmpty();
        for (var lab : labs) {
            String domain = lab.sqlRunsIn().domain();
            assertThat(lab.text())
                    .as("%s says to query as %s", lab.file(), domain)
                    .containsPattern("as `?" + domain + "`?[ ,.:]");
            var commands = QUERY_COMMAND.matcher(lab.text());
            while (commands.find()) {
                assertThat(commands.group(1).toLowerCase(java.util.Locale.ROOT))
                        .as("%s sends its query as", lab.file())
                        .isEqualTo(domain);
            }
        }
    }

    /** The labs that show SQL, in the order of their files. */
    static Stream<Lab> labsWithSql() throws IOException {
        List<Lab> labs;
        try (var files = Files.list(Lab.LABS)) {
            labs = files.map(file -> Lab.read(file.getFileName().toString()))
                    .filter(lab -> !lab.blocks("sql").isEmpty())
                    .sorted((a, b) -> a.file().compareTo(b.file()))
                    .toList();
        }
        return labs.stream();
    }

    private static boolean readsWithLab32sGrant(Lab lab) {
        return lab.sqlRunsIn().grantedAsInLab32();
    }
}
