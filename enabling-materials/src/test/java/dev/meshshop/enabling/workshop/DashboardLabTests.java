package dev.meshshop.enabling.workshop;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Lab 2.4's dashboard is a valid dashboard as code, and each of its questions answers in the workshop's mesh what
 * the lab says, over the products named as Metabase's views name them.
 */
@LabMesh
class DashboardLabTests {

    static final Lab LAB = Lab.read("2-4-first-dashboard.md");

    /** The displays a dashboard's question may use, as the lab lists them. */
    static final Set<String> DISPLAYS = Set.of("table", "bar", "line", "area", "row", "pie", "scalar");

    static final Set<String> CHARTS = Set.of("bar", "line", "area", "row");

    @Autowired
    FilledMesh mesh;

    @Test
    void everyQuestionOfTheDashboardAnswersWhatTheLabStates() throws Exception {
        var dashboard = new ObjectMapper(new YAMLFactory()).readTree(LAB.block("yaml", "payments-dashboard"));
        assertThat(dashboard.path("name").asText()).isNotBlank();
        assertThat(dashboard.path("questions")).hasSize(2);

        int number = 0;
        for (JsonNode question : dashboard.path("questions")) {
            number++;
            String display = question.path("display").asText();
            assertThat(DISPLAYS).as("display of question %d", number).contains(display);
            var answer = mesh.overProducts(question.path("sql").asText());
            if (CHARTS.contains(display)) {
                assertThat(answer.columns())
                        .as("a chart plots columns of its answer")
                        .contains(question.path("x").asText());
                question.path("y").forEach(y -> assertThat(answer.columns()).contains(y.asText()));
            }
            LAB.assertShows("payments-dashboard." + number, answer);
        }
    }
}
