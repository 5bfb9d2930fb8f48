package dev.meshshop.enabling.workshop;

import java.io.IOException;
import java.nio.file.Files;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Every query a lab shows with its result returns that result in the workshop's mesh: the SQL is read from the lab's
 * fenced block {@code ```sql <name>}, the result from the table after {@code <!-- result: <name> -->}, and it runs
 * where the lab says (a domain's area, or the published products). The labs of level 4 query the domains they
 * generate: TemplateTests checks those.
 */
@LabMesh
class EveryLabsSqlTests {

    static final String GENERATED = "generated products";

    @Autowired
    FilledMesh mesh;

    static Stream<Arguments> queriesWithResults() throws IOException {
        try (var files = Files.list(Lab.LABS)) {
            return files
                    .map(file -> Lab.read(file.getFileName().toString()))
                    .filter(lab -> !lab.blocks("sql").isEmpty())
                    .filter(lab -> !lab.sqlRunsIn().equals(GENERATED))
                    .sorted((a, b) -> a.file().compareTo(b.file()))
                    .flatMap(lab ->
                            lab.blocks("sql").stream().filter(lab::states).map(name -> Arguments.of(lab.file(), name)))
                    .toList()
                    .stream();
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("queriesWithResults")
    void theQueryReturnsTheResultTheLabStates(String file, String name) throws Exception {
        var lab = Lab.read(file);
        lab.assertShows(name, mesh.run(lab, lab.block("sql", name)));
    }
}
