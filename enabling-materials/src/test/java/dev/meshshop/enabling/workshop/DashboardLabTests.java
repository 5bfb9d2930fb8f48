package dev.meshshop.enabling.workshop;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meshshop.platform.metabase.DashboardDefinition;
import dev.meshshop.platform.metabase.DashboardDefinitions;
import dev.meshshop.platform.metabase.FakeMetabase;
import dev.meshshop.platform.metabase.MeshDatabase;
import dev.meshshop.platform.metabase.MetabaseClient;
import dev.meshshop.platform.metabase.MetabaseProvisioner;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Lab 2.4's dashboard in the workshop's mesh: the platform reads the lab's YAML as a dashboard as code, each of its
 * questions answers through the query service, as the lab's domain, what the lab states, and provisioning it into
 * Metabase (the platform's fake one, which answers as Metabase's API does) creates the dashboard with its questions in
 * the domain's collection, where the lab says the participant will find it.
 */
@LabMesh
class DashboardLabTests {

    static final Lab LAB = Lab.read("2-4-first-dashboard.md");

    /** Where the lab has the participant write the file; the platform takes the domain from its folder. */
    static final Pattern FILE =
            Pattern.compile("`domains/[a-z0-9]+/src/main/resources/(mesh/([a-z0-9]+)/dashboards/[^`]+\\.yaml)`");

    @Autowired
    FilledMesh mesh;

    @Test
    void everyQuestionOfTheDashboardAnswersWhatTheLabStates() {
        var dashboard = dashboard();
        assertThat(dashboard.questions())
                .as("lab 2.4: the questions of the solution")
                .isNotEmpty();

        int number = 0;
        for (var question : dashboard.questions()) {
            number++;
            var answer = mesh.run(LAB, question.sql());
            if (!question.y().isEmpty()) {
                assertThat(answer.columns())
                        .as("lab 2.4: the chart '%s' plots columns of its answer", question.name())
                        .contains(question.x())
                        .containsAll(question.y());
            }
            LAB.assertShows("payments-dashboard." + number, answer);
        }
    }

    @Test
    void theCommandOfStep3AnswersWhatTheFirstQuestionStates() {
        var send = Curl.parse(LAB.block("bash", "payments-per-method"));
        assertThat(send.identity())
                .as("lab 2.4 step 3 acts as")
                .isEqualTo(LAB.sqlRunsIn().domain());
        LAB.assertShows("payments-dashboard.1", MeshApi.table(mesh.api().send(send), "lab 2.4 step 3"));
    }

    @Test
    void provisioningCreatesTheDashboardInTheDomainsCollection() {
        var dashboard = dashboard();
        assertThat(LAB.text())
                .as("lab 2.4 step 4 says where Metabase shows it")
                .contains("*" + MetabaseProvisioner.COLLECTION + "*", "in " + dashboard.domain() + "'s collection");

        try (var metabase = FakeMetabase.fresh()) {
            var provisioner =
                    new MetabaseProvisioner(MetabaseClient.to(metabase.admin()).signIn());
            provisioner.provision(
                    MeshDatabase.over(
                            mesh.directory(), Path.of(LabMesh.DATA_DIR).toAbsolutePath()),
                    List.of(dashboard));

            assertThat(metabase.dashboardsIn(MetabaseProvisioner.COLLECTION, dashboard.domain()))
                    .containsExactly(dashboard.name());
            assertThat(metabase.dashcardIds(dashboard.name())).hasSameSizeAs(dashboard.questions());
            for (var question : dashboard.questions()) {
                assertThat(metabase.sqlOf(question.name())).isEqualTo(question.sql());
            }
        }
    }

    /** The solution's YAML, read by the platform as the file the lab has the participant write. */
    private static DashboardDefinition dashboard() {
        var file = FILE.matcher(LAB.text());
        assertThat(file.find()).as("lab 2.4 names the file to write").isTrue();
        return DashboardDefinitions.read(
                file.group(2),
                new ByteArrayInputStream(LAB.block("yaml", "payments-dashboard").getBytes(StandardCharsets.UTF_8)),
                file.group(1));
    }
}
