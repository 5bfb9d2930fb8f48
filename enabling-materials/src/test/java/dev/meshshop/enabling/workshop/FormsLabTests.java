package dev.meshshop.enabling.workshop;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meshshop.platform.starter.MeshRuntime;
import java.util.ArrayList;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Labs 4.6 and 4.7 in the workshop's mesh, as a participant does them: every call is the lab's own curl command,
 * with the files the lab has the participant save. Lab 4.6's upload is refused with the reasons the lab lists, the
 * good one is taken, and the report's table shows it after controlling's next refresh; lab 4.7's card is served to
 * fulfillment, refused to search, and says the model beats its baseline.
 *
 * <p>Lab 4.6 leaves its upload in the lab mesh: only the management report reads it, and no other lab reads that.
 */
@LabMesh
class FormsLabTests {

    static final Lab UPLOAD = Lab.read("4-6-upload-manual-data.md");
    static final Lab MODEL = Lab.read("4-7-use-a-model.md");

    @Autowired
    FilledMesh mesh;

    @Autowired
    MeshRuntime runtime;

    @Test
    void controllingsBadUploadIsRefusedRowByRowAndItsGoodOneIsInTheNextReportAsLab46Says() {
        var api = mesh.api();
        var files = Map.of(
                "bad-targets.csv", UPLOAD.block("csv", "bad-targets.csv"),
                "targets.csv", UPLOAD.block("csv", "targets.csv"));

        var datasets = api.send(Curl.parse(UPLOAD.block("bash", "datasets")));
        assertThat(datasets.status()).isEqualTo(200);
        assertThat(datasets.json().get(0).path("name").asText()).isEqualTo("kpi_targets");
        assertThat(datasets.json().get(0).path("owner").asText()).isEqualTo("controlling-team");

        var bad = api.send(Curl.parse(UPLOAD.block("bash", "upload-bad-targets"), files));
        assertThat(bad.status()).as("lab 4.6: the first try is refused").isEqualTo(422);
        var reasons = new ArrayList<String>();
        bad.json().path("reasons").forEach(reason -> reasons.add(reason.asText()));
        assertThat(reasons)
                .as("lab 4.6 lists every reason of the refusal")
                .containsExactlyElementsOf(
                        UPLOAD.block("text", "upload-bad-targets").lines().toList());

        var good = api.send(Curl.parse(UPLOAD.block("bash", "upload-targets"), files));
        assertThat(good.status()).as("lab 4.6: the targets are taken").isEqualTo(201);
        assertThat(good.json().path("file").asText()).isEqualTo("kpi_targets-2025-10-01.csv");
        assertThat(good.json().path("rows").asLong()).isEqualTo(6);

        // the next refresh of controlling: the one the running mesh makes once its inbox took a file
        runtime.domains().stream()
                .filter(domain -> domain.domain().name().equals("controlling"))
                .findFirst()
                .orElseThrow()
                .refresh();
        UPLOAD.assertShows("kpi-targets", mesh.run(UPLOAD, UPLOAD.block("sql", "kpi-targets")));
    }

    @Test
    void fulfillmentReadsTheModelsCardWhichBeatsItsBaselineAndSearchIsRefusedAsLab47Says() {
        var api = mesh.api();
        var call = Curl.parse(MODEL.block("bash", "model-card"));
        assertThat(call.identity()).isEqualTo("fulfillment");

        var card = api.send(call);
        assertThat(card.status()).isEqualTo(200);
        var evaluation = card.json().path("evaluation");
        assertThat(evaluation.path("meanAbsoluteError").asDouble())
                .isPositive()
                .isLessThan(evaluation.path("baselineMeanAbsoluteError").asDouble());
        assertThat(card.json().path("inputs").get(0).path("name").asText()).contains("=");

        assertThat(api.send(call.as("search")).status())
                .as("lab 4.7: search is not granted the model")
                .isEqualTo(403);
    }
}
